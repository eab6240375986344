import { describe, expect, it } from 'vitest';
import { DesignEncoder, fitDesignEncoder, UsageError, type DesignColumn, type FeatureFrame } from '../../../src';

const COLUMNS: DesignColumn[] = [
  { name: 'spend', role: 'numeric' },
  { name: 'device', role: 'categorical' },
  { name: 'age', role: 'numeric' },
];

/**
 * 10 training rows: device mobile ×5, desktop ×3, tablet ×1, null ×1; spend has one NaN (median of the
 * other nine 1..9 = 5); age is complete.
 */
function trainFrame(): FeatureFrame {
  return {
    rowCount: 10,
    numeric: {
      spend: Float64Array.from([1, 2, 3, NaN, 4, 5, 6, 7, 8, 9]),
      age: Float64Array.from([20, 30, 40, 50, 60, 20, 30, 40, 50, 60]),
    },
    categorical: { device: ['mobile', 'mobile', 'desktop', 'mobile', 'tablet', 'desktop', null, 'mobile', 'desktop', 'mobile'] },
  };
}

/** Scoring rows: an unseen level (watch), a rare one (tablet), a missing category, a missing spend. */
function scoreFrame(): FeatureFrame {
  return {
    rowCount: 4,
    numeric: { spend: Float64Array.from([10, NaN, 2, 3]), age: Float64Array.from([25, 35, NaN, 45]) },
    categorical: { device: ['watch', 'tablet', null, 'desktop'] },
  };
}

describe('design matrix, one-hot (logistic regression, MLP)', () => {
  const enc = fitDesignEncoder(trainFrame(), COLUMNS, { encoding: 'one-hot', minShare: 0.15 });

  it('keeps levels of at least minShare (most frequent first), groups the rare ones into (other), adds an indicator where training had a missing number', () => {
    // tablet (10%) and the missing level (10%) are below 15%: both grouped into (other).
    expect(enc.featureNames).toEqual(['spend', 'spend__missing', 'device=mobile', 'device=desktop', 'device=(other)', 'age']);
    expect(enc.categoricalIndices).toEqual([]);
    expect(enc.missingValues).toContain('training median');
  });

  it('imputes the training median, flags it, and sends rare and unseen levels to (other)', () => {
    const X = enc.transform(scoreFrame());
    expect(X.columns).toEqual(enc.featureNames);
    expect(X.toRows()).toEqual([
      [10, 0, 0, 0, 1, 25], // watch: unseen → (other)
      [5, 1, 0, 0, 1, 35], // tablet: rare → (other); spend missing → median 5, flagged
      [2, 0, 0, 0, 1, 40], // missing category: grouped in (other) since it was rare; age: imputed by its median 40, no indicator (training had no missing age)
      [3, 0, 0, 1, 0, 45],
    ]);
  });

  it('with the default 1% every level of the training rows has its column, missing its own level', () => {
    const all = fitDesignEncoder(trainFrame(), COLUMNS, { encoding: 'one-hot' });
    expect(all.featureNames).toEqual(['spend', 'spend__missing', 'device=mobile', 'device=desktop', 'device=(missing)', 'device=tablet', 'age']);
    // No rare level in training, so no (other) column: an unseen level is all zeros.
    expect(all.transform(scoreFrame()).row(0).slice(2, 6)).toEqual(Float64Array.from([0, 0, 0, 0]));
    expect(all.transform(scoreFrame()).row(2).slice(2, 6)).toEqual(Float64Array.from([0, 0, 1, 0]));
  });

  it('the imputation median is the median (odd and even counts, ties, sorted and reversed input, NaN left out)', () => {
    let seed = 7;
    const draw = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const cases: number[][] = [[3], [2, 1], [5, 5, 5, 1], [1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1, 0]];
    for (const n of [10, 101, 1000, 1001]) cases.push(Array.from({ length: n }, () => (draw() < 0.1 ? NaN : Math.floor(draw() * 20) - 5)));
    expect(cases.length).toBe(9);
    for (const values of cases) {
      const known = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
      const m = known.length >> 1;
      const expected = known.length % 2 ? known[m] : (known[m - 1]! + known[m]!) / 2;
      const frame = { rowCount: values.length, numeric: { v: Float64Array.from(values) }, categorical: {} };
      const spec = fitDesignEncoder(frame, [{ name: 'v', role: 'numeric' }], { encoding: 'one-hot' }).toJSON().columns[0]!;
      expect(spec, `${values.length} values`).toMatchObject({ median: expected });
      expect(Array.from(frame.numeric.v), 'the frame is not reordered').toEqual(values);
    }
  });

  it('encodes the training rows themselves', () => {
    const X = enc.transform(trainFrame());
    expect(X.rows).toBe(10);
    expect(X.row(3)).toEqual(Float64Array.from([5, 1, 1, 0, 0, 50]));
    expect(X.row(4)).toEqual(Float64Array.from([4, 0, 0, 0, 1, 60]));
  });

  it('survives a JSON round trip: same columns, same order, same matrix', () => {
    const back = DesignEncoder.fromJSON(JSON.parse(JSON.stringify(enc)));
    expect(back.featureNames).toEqual(enc.featureNames);
    expect(Array.from(back.transform(scoreFrame()).data)).toEqual(Array.from(enc.transform(scoreFrame()).data));
    expect(back.toJSON()).toEqual(enc.toJSON());
  });
});

describe('design matrix, level codes (trees)', () => {
  const enc = fitDesignEncoder(trainFrame(), COLUMNS, { encoding: 'codes', minShare: 0.15 });

  it('one column per input, the categorical ones listed, missing left NaN', () => {
    expect(enc.featureNames).toEqual(['spend', 'device', 'age']);
    expect(enc.categoricalIndices).toEqual([1]);
    expect(enc.missingValues).toContain('stay NaN');
    const X = enc.transform(scoreFrame());
    // mobile 0, desktop 1, (other) 2: watch (unseen) and tablet (rare) → 2; null → NaN.
    expect(X.toRows()).toEqual([
      [10, 2, 25],
      [NaN, 2, 35],
      [2, NaN, NaN],
      [3, 1, 45],
    ]);
  });

  it('keeps at most maxLevels levels (default 254), so codes fit the trees\' 255 bins', () => {
    // 300 levels, level k seen 300 − k times: none is rare at minShare 0.
    const values = Array.from({ length: 300 }, (_, k) => Array<string>(300 - k).fill(`v${String(k).padStart(3, '0')}`)).flat();
    const frame = { rowCount: values.length, numeric: {}, categorical: { c: values } };
    const enc = fitDesignEncoder(frame, [{ name: 'c', role: 'categorical' }], { encoding: 'codes', minShare: 0 });
    const spec = enc.toJSON().columns[0]!;
    expect(spec).toMatchObject({ other: true });
    expect(spec.role === 'categorical' && spec.levels.length).toBe(254);
    const codes = enc.transform(frame).column(0);
    expect(Math.max(...codes)).toBe(254);
    expect(codes[0]).toBe(0);
    expect(codes[codes.length - 1]).toBe(254); // v299, the rarest: (other)
    const few = fitDesignEncoder(frame, [{ name: 'c', role: 'categorical' }], { encoding: 'one-hot', minShare: 0, maxLevels: 3 });
    expect(few.featureNames).toEqual(['c=v000', 'c=v001', 'c=v002', 'c=(other)']);
    expect(() => fitDesignEncoder(frame, [{ name: 'c', role: 'categorical' }], { encoding: 'codes', maxLevels: 0 })).toThrow('Invalid options.maxLevels: got 0');
  });

  it('without rare levels an unseen level is NaN (missing), and the JSON round trip holds', () => {
    const all = fitDesignEncoder(trainFrame(), COLUMNS, { encoding: 'codes' });
    expect(all.toJSON().columns[1]).toEqual({ name: 'device', role: 'categorical', levels: ['mobile', 'desktop', 'tablet'], other: false });
    expect(all.transform(scoreFrame()).column(1)).toEqual(Float64Array.from([NaN, 2, NaN, 1]));
    const back = DesignEncoder.fromJSON(JSON.parse(JSON.stringify(all)));
    expect(back.categoricalIndices).toEqual([1]);
    expect(Array.from(back.transform(scoreFrame()).data)).toEqual(Array.from(all.transform(scoreFrame()).data));
  });
});

describe('design matrix: checked columns and clear errors', () => {
  const enc = fitDesignEncoder(trainFrame(), COLUMNS, { encoding: 'one-hot', minShare: 0.15 });

  it('a saved encoder whose names do not follow from its specs is refused', () => {
    const json = enc.toJSON();
    const swapped = { ...json, featureNames: [json.featureNames[1], json.featureNames[0], ...json.featureNames.slice(2)] };
    expect(() => DesignEncoder.fromJSON(swapped)).toThrow('Invalid design encoder JSON: featureNames do not match the column specs at column 1 (saved "spend__missing", specs give "spend").');
    expect(() => DesignEncoder.fromJSON({ ...json, encoding: 'dummy' })).toThrow('Invalid design encoder JSON: field encoding');
    expect(() => DesignEncoder.fromJSON({ ...json, categoricalIndices: [2] })).toThrow('categoricalIndices [2] do not match');
  });

  it('checkColumns compares a model\'s columns with the encoder\'s', () => {
    expect(() => enc.checkColumns(enc.featureNames)).not.toThrow();
    expect(() => enc.checkColumns(['spend', 'device=mobile'], 'score')).toThrow('score: the model expects 2 columns and the encoder makes 6; the first difference is at column 2: model "device=mobile", encoder "spend__missing"');
  });

  it('a frame without a column, with the wrong kind, the wrong length or an infinite number is a UsageError naming it', () => {
    const f = scoreFrame();
    expect(() => enc.transform({ ...f, categorical: {} })).toThrow('DesignEncoder.transform: the frame has no categorical column "device"');
    expect(() => enc.transform({ ...f, numeric: { spend: f.numeric.spend!, age: f.numeric.age! }, categorical: { device: ['a'] } })).toThrow('column "device" has 1 values, expected rowCount = 4');
    expect(() => enc.transform({ ...f, numeric: { ...f.numeric, spend: Float64Array.from([1, Infinity, 2, 3]) } })).toThrow('column "spend" row 2 is Infinity');
    expect(() => fitDesignEncoder({ rowCount: 10, numeric: { age: trainFrame().numeric.age! }, categorical: { device: trainFrame().categorical.device!, spend: [] } }, COLUMNS, { encoding: 'codes' })).toThrow(
      'column "spend" is numeric but the frame holds it as text',
    );
    expect(() => fitDesignEncoder(trainFrame(), COLUMNS, { encoding: 'dummy' as 'codes' })).toThrow(UsageError);
    expect(() => fitDesignEncoder(trainFrame(), COLUMNS, { encoding: 'codes', minShare: 1 })).toThrow('Invalid options.minShare: got 1');
    expect(() => fitDesignEncoder({ rowCount: 0, numeric: { spend: new Float64Array(0), age: new Float64Array(0) }, categorical: { device: [] } }, COLUMNS, { encoding: 'codes' })).toThrow('the frame has 0 rows');
    expect(() => fitDesignEncoder(trainFrame(), [...COLUMNS, COLUMNS[0]!], { encoding: 'codes' })).toThrow('column "spend" is listed twice');
  });
});
