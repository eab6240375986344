import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/core/errors';
import { Matrix } from '../../src/core/Matrix';
import { Log1pTransformer } from '../../src/features/transformers/Log1pTransformer';
import { Log1pTransformerModel } from '../../src/features/transformers/Log1pTransformerModel';
import { MinMaxScaler } from '../../src/features/transformers/MinMaxScaler';
import { MinMaxScalerModel } from '../../src/features/transformers/MinMaxScalerModel';
import { OneHotEncoder } from '../../src/features/transformers/OneHotEncoder';
import { OneHotEncoderModel } from '../../src/features/transformers/OneHotEncoderModel';
import { RobustScaler } from '../../src/features/transformers/RobustScaler';
import { RobustScalerModel } from '../../src/features/transformers/RobustScalerModel';
import { SimpleImputer } from '../../src/features/transformers/SimpleImputer';
import { SimpleImputerModel } from '../../src/features/transformers/SimpleImputerModel';
import { StandardScaler } from '../../src/features/transformers/StandardScaler';
import { StandardScalerModel } from '../../src/features/transformers/StandardScalerModel';
import { transformerFromJSON } from '../../src/features/transformers/transformerFromJSON';
import { TRANSFORMERS, transformerEntries } from '../../src/features/transformers/transformers';
import { paramDefaults } from '../../src/core/parseParams';
import { Winsorizer } from '../../src/features/transformers/Winsorizer';
import { WinsorizerModel } from '../../src/features/transformers/WinsorizerModel';

const cols = (columns: Record<string, number[]>) => Matrix.fromColumns(columns);
const col = (m: Matrix, name: string) => Array.from(m.column(m.columns.indexOf(name)));
/** Save as JSON text and load again. */
const roundTrip = <T>(model: { toJSON(): unknown }, load: (json: unknown) => T): T => load(JSON.parse(JSON.stringify(model.toJSON())));

describe('TRANSFORMERS: every transformer registered once', () => {
  it('lists the seven with what they take; transformerFromJSON is a lookup by kind', () => {
    expect(TRANSFORMERS.names).toEqual(['StandardScaler', 'RobustScaler', 'MinMaxScaler', 'Log1pTransformer', 'Winsorizer', 'SimpleImputer', 'OneHotEncoder']);
    expect(Object.fromEntries(transformerEntries().map((e) => [e.name, `${e.accepts}/${e.missing}/${e.invertible}`]))).toEqual({
      StandardScaler: 'numeric/refuse/true',
      RobustScaler: 'numeric/refuse/true',
      MinMaxScaler: 'numeric/refuse/true',
      Log1pTransformer: 'numeric/refuse/true',
      Winsorizer: 'numeric/refuse/false',
      SimpleImputer: 'numeric/fill/false',
      OneHotEncoder: 'text/category/false',
    });
    const X = cols({ a: [1, 2, 4], b: [3, 3, 5] });
    for (const entry of transformerEntries()) {
      const input = entry.accepts === 'text' ? { a: ['x', 'y', 'x'] } : X;
      const model = entry.create({}).fit(input);
      expect(model.kind).toBe(entry.name);
      expect(transformerFromJSON(JSON.stringify(model.toJSON())).toJSON()).toEqual(model.toJSON());
      // The declared defaults are what a model without params saves.
      expect((model.toJSON() as unknown as { params: Record<string, unknown> }).params).toMatchObject(paramDefaults(entry.params));
    }
  });

  it('a misspelt param is an error naming what the transformer takes, not silently the default', () => {
    expect(() => new StandardScaler({ with_mean: false } as never)).toThrow('Invalid StandardScaler params: unknown key "with_mean"; StandardScaler takes withMean, withStd, columns.');
    expect(() => new Winsorizer({ lower: 0.2, uper: 0.8 } as never)).toThrow(/unknown key "uper"/);
  });
});

describe('StandardScaler', () => {
  const X = cols({ a: [1, 2, 3, 4], b: [10, 10, 10, 10] });

  it('z = (x - mean) / population sd; a constant column gets scale 1 and becomes 0', () => {
    const model = new StandardScaler().fit(X);
    // mean 2.5; variance ((1.5² + 0.5²) * 2) / 4 = 1.25; sd √1.25 = 1.1180339887
    expect(model.mean).toEqual([2.5, 10]);
    expect(model.scale[0]).toBeCloseTo(Math.sqrt(1.25), 14);
    expect(model.scale[1]).toBe(1);
    const Z = model.transform(X);
    const expected = [-1.5, -0.5, 0.5, 1.5].map((d) => d / Math.sqrt(1.25)); // ≈ -1.3416, -0.4472, 0.4472, 1.3416
    col(Z, 'a').forEach((z, i) => expect(z).toBeCloseTo(expected[i]!, 14));
    expect(col(Z, 'b')).toEqual([0, 0, 0, 0]);
    expect(Z.columns).toEqual(['a', 'b']);
    const back = model.inverseTransform(Z);
    col(back, 'a').forEach((x, i) => expect(x).toBeCloseTo(X.get(i, 0), 12));
  });

  it('withMean / withStd switch centring and scaling off; columns limits what is scaled', () => {
    expect(col(new StandardScaler({ withMean: false }).fit(X).transform(X), 'a')[0]).toBeCloseTo(1 / Math.sqrt(1.25), 14);
    expect(col(new StandardScaler({ withStd: false }).fit(X).transform(X), 'a')).toEqual([-1.5, -0.5, 0.5, 1.5]);
    const only = new StandardScaler({ columns: ['b'] }).fit(X);
    expect(only.columns).toEqual(['b']);
    expect(col(only.transform(X), 'a')).toEqual([1, 2, 3, 4]);
  });

  it('JSON round trip gives identical output', () => {
    const model = new StandardScaler().fit(X);
    const loaded = roundTrip(model, StandardScalerModel.fromJSON);
    expect(loaded.transform(X).data).toEqual(model.transform(X).data);
    expect(model.toJSON()).toMatchObject({ schemaVersion: 1, kind: 'StandardScaler' });
    expect(transformerFromJSON(JSON.stringify(model.toJSON()))).toBeInstanceOf(StandardScalerModel);
  });

  it('fit on NaN / Infinity names the column and the row', () => {
    const bad = cols({ age: [30, 40, NaN, 50], spend: [1, Infinity, 3, 4] });
    const err = (() => {
      try {
        new StandardScaler().fit(bad);
      } catch (e) {
        return e as InputError;
      }
    })()!;
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/StandardScaler\.fit: column "age" has NaN at row 3/);
    expect(err.problems.map((p) => p.location)).toEqual([{ column: 'age', row: 3 }, { column: 'spend', row: 2 }]);
    expect(() => new StandardScaler({ columns: ['spend'] }).fit(cols({ age: [NaN], spend: [1] }))).not.toThrow();
  });

  it('transform checks the columns against the fitted ones', () => {
    const model = new StandardScaler().fit(X);
    expect(() => model.transform(cols({ a: [1], c: [2] }))).toThrow(/column 2 is "c", expected "b"/);
    expect(() => model.transform(cols({ a: [1] }))).toThrow(UsageError);
    expect(() => model.transform(cols({ a: [NaN], b: [1] }))).toThrow(/column "a" has NaN at row 1/);
  });

  it('validates params and JSON, naming what is wrong', () => {
    expect(() => new StandardScaler({ withMean: 'yes' as never })).toThrow(/Invalid StandardScaler withMean: got "yes"/);
    expect(() => new StandardScaler().fit(Matrix.zeros(0, 2))).toThrow(/at least 1 row/);
    expect(() => StandardScalerModel.fromJSON({ schemaVersion: 2 })).toThrow(/Invalid StandardScaler JSON: schemaVersion/);
    const json = new StandardScaler().fit(X).toJSON();
    expect(() => StandardScalerModel.fromJSON({ ...json, mean: [1] })).toThrow(/mean has 1 values, expected one per column \(2\)/);
    expect(() => transformerFromJSON({ kind: 'PCA' })).toThrow(/kind is "PCA"/);
  });

  it('property: fitted output has mean 0 and sd 1 in every non-constant column', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 60 }), (values) => {
        // Spread well above rounding noise of the magnitude, so the check tests the scaler, not float64.
        const big = Math.max(...values.map(Math.abs));
        fc.pre(Math.max(...values) - Math.min(...values) > 1e-3 * (1 + big));
        const Z = new StandardScaler().fit(cols({ x: values })).transform(cols({ x: values }));
        const z = col(Z, 'x');
        const mean = z.reduce((s, v) => s + v, 0) / z.length;
        const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length);
        expect(Math.abs(mean)).toBeLessThan(1e-9);
        expect(sd).toBeCloseTo(1, 9);
      }),
    );
  });
});

describe('RobustScaler', () => {
  const X = cols({ a: [1, 2, 3, 4, 100], b: [5, 5, 5, 5, 6] });

  it('(x - median) / IQR with linear-interpolation quartiles; a zero IQR gets scale 1', () => {
    const model = new RobustScaler().fit(X);
    // a sorted: 1 2 3 4 100 → median 3, q25 at position 4 * 0.25 = 1 → 2, q75 at 3 → 4, IQR 2.
    expect(model.center).toEqual([3, 5]);
    expect(model.scale).toEqual([2, 1]); // b: q25 = q75 = 5 → IQR 0 → scale 1
    expect(col(model.transform(X), 'a')).toEqual([-1, -0.5, 0, 0.5, 48.5]);
    expect(col(model.transform(X), 'b')).toEqual([0, 0, 0, 0, 1]);
    expect(col(model.inverseTransform(model.transform(X)), 'a')).toEqual([1, 2, 3, 4, 100]);
  });

  it('quantileRange [10, 90] and JSON round trip', () => {
    const model = new RobustScaler({ quantileRange: [10, 90] }).fit(X);
    // a: q10 at 0.4 → 1 + 0.4 * (2 - 1) = 1.4; q90 at 3.6 → 4 + 0.6 * (100 - 4) = 61.6; range 60.2
    expect(model.scale[0]).toBeCloseTo(60.2, 12);
    const loaded = roundTrip(model, RobustScalerModel.fromJSON);
    expect(loaded.transform(X).data).toEqual(model.transform(X).data);
    expect(() => new RobustScaler({ quantileRange: [75, 25] })).toThrow(/Invalid RobustScaler quantileRange/);
  });

  it('fit on NaN names the column and row', () => {
    expect(() => new RobustScaler().fit(cols({ x: [1, 2], y: [3, NaN] }))).toThrow(/RobustScaler\.fit: column "y" has NaN at row 2/);
  });
});

describe('MinMaxScaler', () => {
  const X = cols({ a: [2, 4, 6, 10], k: [7, 7, 7, 7] });

  it('a + (x - min) / (max - min) * (b - a); constant column → a', () => {
    const model = new MinMaxScaler().fit(X);
    expect(col(model.transform(X), 'a')).toEqual([0, 0.25, 0.5, 1]); // (x - 2) / 8
    expect(col(model.transform(X), 'k')).toEqual([0, 0, 0, 0]);
    const sym = new MinMaxScaler({ featureRange: [-1, 1] }).fit(X);
    expect(col(sym.transform(X), 'a')).toEqual([-1, -0.5, 0, 1]);
    expect(col(sym.inverseTransform(sym.transform(X)), 'a')).toEqual([2, 4, 6, 10]);
  });

  it('new data may leave the range unless clip', () => {
    const fresh = cols({ a: [0, 12], k: [7, 8] });
    expect(col(new MinMaxScaler().fit(X).transform(fresh), 'a')).toEqual([-0.25, 1.25]);
    expect(col(new MinMaxScaler({ clip: true }).fit(X).transform(fresh), 'a')).toEqual([0, 1]);
  });

  it('JSON round trip; bad params and NaN are named', () => {
    const model = new MinMaxScaler({ featureRange: [-1, 1], clip: true }).fit(X);
    expect(roundTrip(model, MinMaxScalerModel.fromJSON).transform(X).data).toEqual(model.transform(X).data);
    expect(() => new MinMaxScaler({ featureRange: [1, 1] })).toThrow(/Invalid MinMaxScaler featureRange: got \[1,1\]/);
    expect(() => new MinMaxScaler().fit(cols({ m: [1, NaN, 3] }))).toThrow(/column "m" has NaN at row 2/);
  });

  it('property: fitted data lands in [0, 1], min at 0 and max at 1', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 60 }), (values) => {
        const z = col(new MinMaxScaler().fit(cols({ x: values })).transform(cols({ x: values })), 'x');
        for (const v of z) expect(v >= 0 && v <= 1).toBe(true);
        if (Math.max(...values) > Math.min(...values)) {
          expect(z[values.indexOf(Math.max(...values))]).toBe(1);
          expect(z[values.indexOf(Math.min(...values))]).toBe(0);
        }
      }),
    );
  });
});

describe('Log1pTransformer', () => {
  it('log(1 + x) on the chosen columns; the others pass through; inverse is expm1', () => {
    const X = cols({ spend: [0, Math.E - 1, -0.5], age: [30, 40, 50] });
    const model = new Log1pTransformer({ columns: ['spend'] }).fit(X);
    const Y = model.transform(X);
    expect(col(Y, 'spend')[0]).toBe(0);
    expect(col(Y, 'spend')[1]).toBeCloseTo(1, 15);
    expect(col(Y, 'spend')[2]).toBeCloseTo(Math.log(0.5), 15);
    expect(col(Y, 'age')).toEqual([30, 40, 50]);
    col(model.inverseTransform(Y), 'spend').forEach((x, i) => expect(x).toBeCloseTo(X.get(i, 0), 14));
    expect(roundTrip(model, Log1pTransformerModel.fromJSON).transform(X).data).toEqual(Y.data);
  });

  it('x <= -1 is an error naming column and row, unless signed (sign(x) log(1 + |x|))', () => {
    const X = cols({ net: [5, -1, -20] });
    expect(() => new Log1pTransformer().fit(X)).toThrow(/column "net" has -1 \(expected a value > -1.*\) at row 2/);
    const signed = new Log1pTransformer({ signed: true }).fit(X);
    const y = col(signed.transform(X), 'net');
    expect(y[0]).toBeCloseTo(Math.log(6), 15);
    expect(y[1]).toBeCloseTo(-Math.log(2), 15);
    expect(y[2]).toBeCloseTo(-Math.log(21), 15);
    col(signed.inverseTransform(signed.transform(X)), 'net').forEach((x, i) => expect(x).toBeCloseTo(X.get(i, 0), 12));
    const fitted = new Log1pTransformer().fit(cols({ net: [1, 2] }));
    expect(() => fitted.transform(cols({ net: [1, -3] }))).toThrow(/Log1pTransformerModel\.transform: column "net" has -3/);
  });
});

describe('Winsorizer', () => {
  it('clips to the fitted quantiles (default 1% / 99%)', () => {
    const values = Array.from({ length: 101 }, (_, i) => i); // 0..100: q01 = 1, q99 = 99
    const model = new Winsorizer().fit(cols({ x: values }));
    expect([model.low[0], model.high[0]]).toEqual([1, 99]);
    const y = col(model.transform(cols({ x: values })), 'x');
    expect(y[0]).toBe(1);
    expect(y[50]).toBe(50);
    expect(y[100]).toBe(99);
  });

  it('custom limits, constant columns, JSON round trip, NaN named', () => {
    const X = cols({ x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100], k: Array(11).fill(3) });
    const model = new Winsorizer({ lower: 0.1, upper: 0.9 }).fit(X);
    // 11 sorted values: q10 at position 1 → 2, q90 at position 9 → 10
    expect(col(model.transform(X), 'x')).toEqual([2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]);
    expect(col(model.transform(X), 'k')).toEqual(Array(11).fill(3));
    expect(roundTrip(model, WinsorizerModel.fromJSON).transform(X).data).toEqual(model.transform(X).data);
    expect(() => new Winsorizer({ lower: 0.5, upper: 0.5 })).toThrow(/Invalid Winsorizer upper/);
    expect(() => new Winsorizer().fit(cols({ w: [Infinity] }))).toThrow(/column "w" has Infinity at row 1/);
  });

  it('property: output stays within the fitted limits and keeps the order', () => {
    let valuesChecked = 0;
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (values) => {
        const model = new Winsorizer({ lower: 0.05, upper: 0.95 }).fit(cols({ x: values }));
        const y = col(model.transform(cols({ x: values })), 'x');
        y.forEach((v, i) => {
          expect(v).toBeGreaterThanOrEqual(model.low[0]!);
          expect(v).toBeLessThanOrEqual(model.high[0]!);
          for (let j = 0; j < values.length; j++) if (values[i]! < values[j]!) expect(v).toBeLessThanOrEqual(y[j]!);
        });
        valuesChecked += y.length;
      }),
    );
    expect(valuesChecked).toBeGreaterThan(100);
  });
});

describe('OneHotEncoder', () => {
  const x = ['a', 'b', 'a', 'c', null, 'a', 'b', null];
  const y = ['u', 'v', 'u', 'u', 'v', 'u', 'v', 'u'];

  it('one column per category "col=value", missing is a category, rare ones grouped (share threshold)', () => {
    // minFrequency 0.2 of 8 rows = 1.6: a (3), b (2), __missing__ (2) kept; c (1) → __rare__.
    const model = new OneHotEncoder({ minFrequency: 0.2 }).fit({ x, y });
    expect(model.outputColumns).toEqual(['x=__missing__', 'x=a', 'x=b', 'x=__rare__', 'y=u', 'y=v']);
    const M = model.transform({ x: ['a', 'c', 'z', null], y: ['v', 'u', 'w', 'u'] });
    expect(M.columns).toEqual(model.outputColumns);
    expect(M.toRows()).toEqual([
      [0, 1, 0, 0, 0, 1], // a, v
      [0, 0, 0, 1, 1, 0], // c was rare at fit → __rare__
      [0, 0, 0, 1, 0, 0], // z unknown → x=__rare__ (exists); w unknown, y has no __rare__ → zeros
      [1, 0, 0, 0, 1, 0], // null → __missing__
    ]);
  });

  it("handleUnknown 'zeros' and 'error'; count threshold; maxCategories", () => {
    const zeros = new OneHotEncoder({ minFrequency: 2, handleUnknown: 'zeros' }).fit({ x });
    expect(zeros.transform({ x: ['c', 'z'] }).toRows()).toEqual([
      [0, 0, 0, 1], // c seen at fit (rare) → __rare__
      [0, 0, 0, 0], // z never seen → zeros
    ]);
    const strict = new OneHotEncoder({ handleUnknown: 'error' }).fit({ x });
    expect(() => strict.transform({ x: ['a', 'a', 'z'] })).toThrow(/column "x" has the unknown category "z" at row 3/);
    const top1 = new OneHotEncoder({ maxCategories: 1 }).fit({ x });
    expect(top1.outputColumns).toEqual(['x=a', 'x=__rare__']);
  });

  it('JSON round trip gives identical output; bad input is named', () => {
    const model = new OneHotEncoder({ minFrequency: 0.2 }).fit({ x, y });
    const loaded = roundTrip(model, OneHotEncoderModel.fromJSON);
    const input = { x: ['a', 'c', 'z', null], y: ['v', 'u', 'w', 'u'] };
    expect(loaded.transform(input).data).toEqual(model.transform(input).data);
    expect(loaded.outputColumns).toEqual(model.outputColumns);
    expect(transformerFromJSON(model.toJSON())).toBeInstanceOf(OneHotEncoderModel);
    expect(() => model.transform({ x: ['a'] })).toThrow(/missing column\(s\) y/);
    expect(() => new OneHotEncoder().fit({ x: ['a'], y: ['u', 'v'] })).toThrow(/column "y" length: got 2, expected 1/);
    expect(() => new OneHotEncoder().fit({ x: ['a', 3 as never] })).toThrow(/column "x" row 2 is 3/);
    expect(() => new OneHotEncoder({ minFrequency: -1 })).toThrow(/Invalid OneHotEncoder minFrequency/);
  });
});

describe('SimpleImputer', () => {
  const X = cols({ recency: [10, NaN, 30, 100, NaN], age: [20, 30, NaN, 50, 60] });

  it('fills NaN with the median (default), mean or a constant learnt from the present values', () => {
    const median = new SimpleImputer().fit(X);
    expect(median.fill).toEqual([30, 40]); // recency 10 30 100 → 30; age 20 30 50 60 → (30 + 50) / 2
    expect(col(median.transform(X), 'recency')).toEqual([10, 30, 30, 100, 30]);
    expect(col(new SimpleImputer({ strategy: 'mean' }).fit(X).transform(X), 'age')).toEqual([20, 30, 40, 50, 60]); // 160 / 4
    const constant = new SimpleImputer({ strategy: 'constant', fillValue: -1, columns: ['recency'] }).fit(X);
    expect(col(constant.transform(X), 'recency')).toEqual([10, -1, 30, 100, -1]);
    expect(col(constant.transform(X), 'age')[2]).toBeNaN(); // not in columns: passes through
    // 'max': "days since" features — a customer without the event waited at least as long as anyone.
    const max = new SimpleImputer({ strategy: 'max', columns: ['recency'] }).fit(X);
    expect(col(max.transform(X), 'recency')).toEqual([10, 100, 30, 100, 100]);
    expect(SimpleImputerModel.fromJSON(JSON.parse(JSON.stringify(max.toJSON()))).fill).toEqual([100]);
  });

  it('JSON round trip; all-missing columns and Infinity are named', () => {
    const model = new SimpleImputer().fit(X);
    expect(roundTrip(model, SimpleImputerModel.fromJSON).transform(X).data).toEqual(model.transform(X).data);
    expect(transformerFromJSON(model.toJSON())).toBeInstanceOf(SimpleImputerModel);
    expect(() => new SimpleImputer().fit(cols({ empty: [NaN, NaN] }))).toThrow(/column "empty" has no value to compute a median from/);
    expect(() => new SimpleImputer().fit(cols({ v: [1, -Infinity] }))).toThrow(/column "v" has -Infinity at row 2/);
    expect(() => new SimpleImputer({ strategy: 'mode' as never })).toThrow(/Invalid SimpleImputer strategy: got "mode"/);
  });

  it('imputer then scaler: the NULL-bearing feature columns become usable', () => {
    const filled = new SimpleImputer().fit(X).transform(X);
    expect(() => new StandardScaler().fit(filled)).not.toThrow();
  });
});

describe('every transformer on edge inputs: no columns, no rows, ±Infinity, values near ±1.8e308, JSON without null', () => {
  const MAX = Number.MAX_VALUE;
  type Fitted = { transform(X: Matrix): Matrix; toJSON(): unknown };
  const numeric: { name: string; fit: (X: Matrix) => Fitted; columns: (c: string[]) => { fit: (X: Matrix) => Fitted } }[] = [
    { name: 'StandardScaler', fit: (X) => new StandardScaler().fit(X), columns: (c) => new StandardScaler({ columns: c }) },
    { name: 'RobustScaler', fit: (X) => new RobustScaler().fit(X), columns: (c) => new RobustScaler({ columns: c }) },
    { name: 'MinMaxScaler', fit: (X) => new MinMaxScaler().fit(X), columns: (c) => new MinMaxScaler({ columns: c }) },
    { name: 'Log1pTransformer', fit: (X) => new Log1pTransformer({ signed: true }).fit(X), columns: (c) => new Log1pTransformer({ columns: c }) },
    { name: 'Winsorizer', fit: (X) => new Winsorizer().fit(X), columns: (c) => new Winsorizer({ columns: c }) },
    { name: 'SimpleImputer', fit: (X) => new SimpleImputer({ strategy: 'mean' }).fit(X), columns: (c) => new SimpleImputer({ columns: c }) },
  ];
  /** Saved JSON has no null (a NaN or Infinity written by JSON.stringify) and restores an identical model. */
  const checkJson = (model: Fitted, X: Matrix) => {
    const text = JSON.stringify(model.toJSON());
    expect(text).not.toContain('null');
    const back = transformerFromJSON(JSON.parse(text)) as Fitted;
    expect(Array.from(back.transform(X).data)).toEqual(Array.from(model.transform(X).data));
  };

  for (const t of numeric) {
    it(`${t.name}: a matrix with no column, an empty column list and no row are refused, naming what is missing`, () => {
      expect(() => t.fit(Matrix.zeros(3, 0))).toThrow(/X\.cols: got 0, expected at least 1 column/);
      expect(() => t.columns([]).fit(cols({ a: [1, 2] }))).toThrow(/columns: got \[\], expected at least one column name/);
      expect(() => t.fit(Matrix.zeros(0, 2))).toThrow(/at least 1 row/);
    });

    it(`${t.name}: ±Infinity at fit and at transform is an InputError naming column and row`, () => {
      for (const inf of [Infinity, -Infinity]) {
        const e = (() => {
          try {
            t.fit(cols({ a: [1, 2, 3], b: [4, inf, 6] }));
          } catch (err) {
            return err;
          }
        })();
        expect(e).toBeInstanceOf(InputError);
        expect((e as Error).message).toMatch(new RegExp(`column "b" has ${inf} at row 2`));
        const model = t.fit(cols({ a: [1, 2, 3], b: [4, 5, 6] }));
        expect(() => model.transform(cols({ a: [1, 2], b: [inf, 5] }))).toThrow(new RegExp(`column "b" has ${inf} at row 1`));
      }
    });

    it(`${t.name}: columns of values near ±1.8e308 fit and transform to finite numbers; JSON has no null`, () => {
      const extremes: Record<string, number[]> = {
        constant: [1e308, 1e308, 1e308],
        wide: [1e308, -1e308, 0],
        widest: [MAX, -MAX, MAX / 3],
        negative: [-MAX, -MAX / 2, -1e307],
      };
      let checked = 0;
      for (const [name, values] of Object.entries(extremes)) {
        const X = cols({ [name]: values });
        if (t.name === 'RobustScaler' && (name === 'wide' || name === 'widest')) continue; // its scale would overflow: below
        const model = t.fit(X);
        const Z = model.transform(X);
        for (const z of Z.data) expect(Number.isFinite(z), `${name}: ${Array.from(Z.data)}`).toBe(true);
        checkJson(model, X);
        checked++;
      }
      expect(checked).toBe(t.name === 'RobustScaler' ? 2 : 4);
    });
  }

  it('StandardScaler near ±1.8e308: constant column → mean 1e308 and zeros; [1e308, -1e308, 0] → z = ±√1.5, 0; inverse recovers X', () => {
    const constant = new StandardScaler().fit(cols({ x: [1e308, 1e308, 1e308] }));
    expect(constant.mean).toEqual([1e308]);
    expect(constant.scale).toEqual([1]);
    expect(col(constant.transform(cols({ x: [1e308, 1e308, 1e308] })), 'x')).toEqual([0, 0, 0]);
    const X = cols({ x: [1e308, -1e308, 0], y: [MAX, -MAX, MAX] });
    const model = new StandardScaler().fit(X);
    const z = col(model.transform(X), 'x');
    expect(z[0]).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(z[1]).toBeCloseTo(-Math.sqrt(1.5), 12);
    expect(z[2]).toBe(0);
    // y: x - mean overflows (MAX - (-MAX/3)); computed on halves it is finite and exact.
    expect(col(model.transform(X), 'y').map((v) => Number(v.toFixed(12)))).toEqual([Math.SQRT1_2, -Math.SQRT2, Math.SQRT1_2].map((v) => Number(v.toFixed(12))));
    const back = model.inverseTransform(model.transform(X));
    for (let i = 0; i < X.data.length; i++) expect(Math.abs(back.data[i]! - X.data[i]!) / Math.abs(X.data[i]! || 1)).toBeLessThan(1e-12);
    // Ordinary data: the scaled sums give exactly what the plain formula gives.
    const plain = new StandardScaler().fit(cols({ x: [1, 2, 3, 4.5] }));
    expect(plain.mean[0]).toBe((1 + 2 + 3 + 4.5) / 4);
  });

  it('MinMaxScaler on [1e308, -1e308, 0] maps to [1, 0, 0.5] (was NaN) and back', () => {
    const X = cols({ x: [1e308, -1e308, 0], y: [MAX, -MAX, 0] });
    const model = new MinMaxScaler().fit(X);
    expect(col(model.transform(X), 'x')).toEqual([1, 0, 0.5]);
    expect(col(model.transform(X), 'y')).toEqual([1, 0, 0.5]);
    expect(col(new MinMaxScaler({ featureRange: [-1, 1] }).fit(X).transform(X), 'y')).toEqual([1, -1, 0]);
    expect(Array.from(model.inverseTransform(model.transform(X)).data)).toEqual(Array.from(X.data));
    checkJson(model, X);
  });

  it('RobustScaler: quantiles near ±1.8e308 interpolate without NaN; an inter-quantile range beyond 1.8e308 is refused clearly', () => {
    const model = new RobustScaler({ quantileRange: [0, 40] }).fit(cols({ x: [-MAX, 0, 1, MAX] }));
    expect(model.center).toEqual([0.5]);
    expect(model.scale[0]).toBeGreaterThan(1e307);
    expect(() => new RobustScaler().fit(cols({ x: [-MAX, -MAX, MAX, MAX] }))).toThrow(/column "x" has an inter-quantile range .* beyond the largest double/);
    expect(() => new RobustScaler({ withScaling: false }).fit(cols({ x: [-MAX, -MAX, MAX, MAX] }))).not.toThrow();
  });

  it('Winsorizer limits and SimpleImputer fills near ±1.8e308 are finite (were Infinity / NaN, saved as null)', () => {
    const w = new Winsorizer({ lower: 0.25, upper: 0.75 }).fit(cols({ x: [-MAX, MAX] }));
    expect(w.low[0]).toBeCloseTo(-MAX / 2, -300);
    expect(w.high[0]).toBeCloseTo(MAX / 2, -300);
    const imputer = new SimpleImputer({ strategy: 'mean' }).fit(cols({ x: [1e308, NaN, 1e308, 1e308], y: [MAX, -MAX, NaN, MAX] }));
    expect(imputer.fill[0]).toBe(1e308);
    expect(imputer.fill[1]).toBeCloseTo(MAX / 3, -300);
    expect(new SimpleImputer({ strategy: 'median' }).fit(cols({ x: [-MAX, MAX] })).fill).toEqual([0]);
  });

  it('transforms whose result is beyond ±1.8e308 are refused, naming column and row (not Infinity passed on)', () => {
    const tiny = new StandardScaler().fit(cols({ x: [0, 1e-300] }));
    expect(() => tiny.transform(cols({ x: [0, 1e10] }))).toThrow(/StandardScalerModel\.transform: column "x" row 2: 10000000000 transforms to Infinity, beyond the range of doubles/);
    const log = new Log1pTransformer().fit(cols({ x: [1, 2] }));
    expect(() => log.inverseTransform(cols({ x: [1, 1000] }))).toThrow(/Log1pTransformerModel\.inverseTransform: column "x" row 2: 1000 transforms to Infinity/);
    expect(Array.from(log.transform(cols({ x: [MAX, 0] })).data)).toEqual([Math.log1p(MAX), 0]);
  });

  it('OneHotEncoder: no column and no row are refused; JSON round trip', () => {
    expect(() => new OneHotEncoder().fit({})).toThrow(/at least one column/);
    expect(() => new OneHotEncoder().fit({ x: [] })).toThrow(/at least 1 row/);
    const model = new OneHotEncoder().fit({ x: ['=1+1', '-a', null] });
    expect(JSON.stringify(model.toJSON())).not.toContain('null');
    expect(Array.from(roundTrip(model, OneHotEncoderModel.fromJSON).transform({ x: ['-a'] }).data)).toEqual([1, 0, 0]);
  });
});
