import { describe, expect, it } from 'vitest';
import { compareFeatures, InputError, Rng, UsageError, type DriftTable } from '../../src';

const normal = (n: number, seed: number, shift = 0): Float64Array => {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => rng.normal(shift, 1));
};

/** A table of one numeric, one categorical, one 0/1 and one few-valued column; `shift` moves all of them. */
function table(n: number, seed: number, shift = 0): DriftTable {
  const rng = new Rng(seed);
  const channels = ['web', 'app', 'store', 'phone'];
  const p = [0.4 - shift * 0.2, 0.3 + shift * 0.2, 0.2, 0.1];
  return {
    columns: [
      { name: 'spend', type: 'number', values: Float64Array.from({ length: n }, (_, i) => (i % 17 === 0 ? NaN : rng.normal(50 + shift * 10, 10))) },
      {
        name: 'channel',
        type: 'category',
        values: Array.from({ length: n }, (_, i) => {
          if (i % 23 === 0) return null;
          let u = rng.next();
          for (let k = 0; k < p.length; k++) if ((u -= p[k]!) < 0) return channels[k]!;
          return channels[3]!;
        }),
      },
      { name: 'churned', type: 'number', values: Float64Array.from({ length: n }, () => (rng.next() < 0.2 + shift * 0.1 ? 1 : 0)) },
      { name: 'children', type: 'number', values: Float64Array.from({ length: n }, () => Math.floor(rng.next() * (3 + shift))) },
    ],
  };
}

describe('compareFeatures: the automatic choice', () => {
  it('small reference: KS / chi-square / z-test / chi-square (few values) at 0.05; a clear shift drifts', () => {
    const r = compareFeatures(table(800, 1), table(900, 2, 1));
    expect(r.features.map((f) => [f.column, f.kind, f.test, f.chosenBy, f.threshold])).toEqual([
      ['spend', 'numeric', 'ks', 'auto-small', 0.05],
      ['channel', 'categorical', 'chi-square', 'auto-small', 0.05],
      ['churned', 'binary', 'z-test', 'auto-small', 0.05],
      ['children', 'numeric', 'chi-square', 'auto-small', 0.05],
    ]);
    expect(r.features.every((f) => f.drifted && f.pValue! < 0.001)).toBe(true);
    expect(r).toMatchObject({ driftedColumns: 4, driftedShare: 1, datasetDrift: true, datasetDriftShare: 0.5, sample: null });
  });
  it('large reference: normed Wasserstein for numbers, Jensen-Shannon for the rest, at 0.1', () => {
    const r = compareFeatures(table(5000, 1), table(5000, 2, 1));
    expect(r.features.map((f) => [f.test, f.chosenBy, f.threshold, f.pValue])).toEqual([
      ['wasserstein', 'auto-large', 0.1, null],
      ['jensen-shannon', 'auto-large', 0.1, null],
      ['jensen-shannon', 'auto-large', 0.1, null],
      ['jensen-shannon', 'auto-large', 0.1, null],
    ]);
    const spend = r.features[0]!;
    expect(spend.statistic).toBeGreaterThan(0.9);
    expect(spend.drifted).toBe(true);
    expect(spend.samplingError).toBeCloseTo(Math.sqrt(1 / spend.referenceRows + 1 / spend.currentRows), 12);
  });
  it('identical tables: no column drifts, whatever the size', () => {
    for (const n of [500, 5000]) {
      const t = table(n, 3);
      const r = compareFeatures(t, t);
      expect(r.features.map((f) => f.drifted)).toEqual([false, false, false, false]);
      expect(r.datasetDrift).toBe(false);
      for (const f of r.features) expect(f.effectSize).toBe(0);
    }
  });
  it('fills every field: missing shares on all rows, rows compared, effect size, before/after distribution', () => {
    const r = compareFeatures(table(800, 1), table(900, 2, 1));
    const [spend, channel, churned, children] = r.features;
    expect(spend!.referenceMissing).toBeCloseTo(Math.ceil(800 / 17) / 800, 12);
    expect(spend!.referenceRows).toBe(800 - Math.ceil(800 / 17));
    expect(channel!.currentMissing).toBeCloseTo(Math.ceil(900 / 23) / 900, 12);
    expect(spend!.distribution.bins).toHaveLength(10);
    expect(spend!.distribution.bins[0]).toMatch(/^\(-inf, /);
    expect(spend!.distribution.reference.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(channel!.distribution.bins).toEqual(['web', 'app', 'store', 'phone']);
    expect(churned!.distribution.bins).toEqual(['0', '1']);
    // Numbers in numeric order (by count they would follow the reference's frequencies).
    expect(children!.distribution.bins).toEqual(['0', '1', '2', '3']);
    // Effect sizes: normed Wasserstein of numbers and flags, JS distance of categories.
    expect(spend!.effectSize).toBeGreaterThan(0.8);
    expect(channel!.effectSize).toBeGreaterThan(0.1);
    expect(channel!.effectSize).toBeLessThan(Math.sqrt(Math.LN2));
  });
  it('overrides: a method for all, a test per column, thresholds by column or by test', () => {
    const r = compareFeatures(table(800, 1), table(900, 2), { method: 'psi', columns: { churned: 'wasserstein' }, thresholds: { spend: 0.3, psi: 0.2 } });
    expect(r.features.map((f) => [f.test, f.chosenBy, f.threshold])).toEqual([
      ['psi', 'override', 0.3],
      ['psi', 'override', 0.2],
      ['wasserstein', 'override', 0.1],
      ['psi', 'override', 0.2],
    ]);
  });
  it('a small dataset-drift share: one drifted column of four is enough at 0.25', () => {
    const ref = table(800, 1);
    const cur = table(900, 2);
    (cur.columns[0] as { values: Float64Array }).values = (cur.columns[0]!.values as Float64Array).map((v) => v + 8);
    const r = compareFeatures(ref, cur, { datasetDriftShare: 0.25 });
    expect(r.features.map((f) => f.drifted)).toEqual([true, false, false, false]);
    expect(r).toMatchObject({ driftedColumns: 1, driftedShare: 0.25, datasetDrift: true });
  });
});

describe('compareFeatures: big bases do not drift on noise alone', () => {
  const oneColumn = (values: Float64Array): DriftTable => ({ columns: [{ name: 'x', type: 'number', values }] });
  it.each([1, 2])('1M rows, seed %d: a 0.1 SD mean shift is not drift by the default method; 0.5 SD is', (seed) => {
    const ref = oneColumn(normal(1_000_000, seed));
    const tenth = compareFeatures(ref, oneColumn(normal(1_000_000, seed + 100, 0.1)), { seed });
    const f = tenth.features[0]!;
    expect(f.test).toBe('wasserstein');
    expect(f.statistic).toBeGreaterThan(0.09);
    expect(f.statistic).toBeLessThan(0.11);
    expect(f.drifted).toBe(false);
    expect(tenth.sample).toEqual({ rows: 100_000, seed });
    const half = compareFeatures(ref, oneColumn(normal(1_000_000, seed + 200, 0.5)), { seed });
    expect(half.features[0]!.drifted).toBe(true);
    expect(half.features[0]!.statistic).toBeGreaterThan(0.45);
  }, 60_000);
  it('KS forced on 200,000 rows: a 0.02 SD shift is significant but not drift (effect size below 0.1); 0.3 SD is', () => {
    const ref = oneColumn(normal(200_000, 5));
    const small = compareFeatures(ref, oneColumn(normal(200_000, 6, 0.02)), { method: 'ks', sampleRows: null }).features[0]!;
    expect(small.pValue!).toBeLessThan(0.05);
    expect(small.effectSize).toBeLessThan(0.05);
    expect(small.drifted).toBe(false);
    const big = compareFeatures(ref, oneColumn(normal(200_000, 7, 0.3)), { method: 'ks', sampleRows: null }).features[0]!;
    expect(big.drifted).toBe(true);
  }, 60_000);
  it('sampling is seeded: same seed, same result; every row when sampleRows is null', () => {
    const ref = oneColumn(normal(3000, 8));
    const cur = oneColumn(normal(3000, 9, 0.05));
    const a = compareFeatures(ref, cur, { sampleRows: 1000, seed: 4 });
    expect(compareFeatures(ref, cur, { sampleRows: 1000, seed: 4 })).toEqual(a);
    expect(a.features[0]!.referenceRows).toBe(1000);
    expect(compareFeatures(ref, cur, { sampleRows: 1000, seed: 5 }).features[0]!.statistic).not.toBe(a.features[0]!.statistic);
    expect(compareFeatures(ref, cur, { sampleRows: null }).features[0]!.referenceRows).toBe(3000);
  });
});

describe('compareFeatures: clear errors naming the column', () => {
  const t = () => table(50, 1);
  it('a column missing from one side, or of another type', () => {
    const cur = t();
    cur.columns.pop();
    expect(() => compareFeatures(t(), cur)).toThrow(InputError);
    expect(() => compareFeatures(t(), cur)).toThrow(/column "children" is in the reference table but not in the current/);
    expect(() => compareFeatures(cur, t())).toThrow(/column "children" is in the current table but not in the reference/);
    const typed = t();
    typed.columns[0] = { name: 'spend', type: 'category', values: Array(50).fill('x') };
    expect(() => compareFeatures(t(), typed)).toThrow(/column "spend" is numeric in the reference and categorical in the current/);
  });
  it('an unknown test, a test that does not take the column, an override of no column', () => {
    expect(() => compareFeatures(t(), t(), { columns: { spend: 'anova' as never } })).toThrow(UsageError);
    expect(() => compareFeatures(t(), t(), { columns: { spend: 'anova' as never } })).toThrow(/Unknown drift test "anova" \(compareFeatures settings.columns, column "spend"\): expected one of ks, chi-square, z-test, psi, jensen-shannon, wasserstein/);
    expect(() => compareFeatures(t(), t(), { method: 'anova' as never })).toThrow(/Unknown drift test "anova" \(compareFeatures settings.method\)/);
    expect(() => compareFeatures(t(), t(), { columns: { channel: 'ks' } })).toThrow(/drift test "ks" does not take column "channel", which is categorical.*\n.*fix: choose a test that takes categorical columns: chi-square, psi, jensen-shannon/);
    expect(() => compareFeatures(t(), t(), { method: 'z-test' })).toThrow(/drift test "z-test" does not take column "spend", which is numeric/);
    expect(() => compareFeatures(t(), t(), { columns: { spnd: 'ks' } })).toThrow(/settings.columns names "spnd", which is not a column/);
    expect(() => compareFeatures(t(), t(), { thresholds: { ks: 2 } })).toThrow(/threshold 2 of column "spend" is not a p-value threshold/);
  });
  it('bad tables: Infinity with its row, ragged columns, an emptied column, unknown settings', () => {
    const inf = t();
    (inf.columns[0]!.values as Float64Array)[6] = Infinity;
    expect(() => compareFeatures(t(), inf)).toThrow(/row 7, column "spend".*holds Infinity/);
    const ragged = t();
    ragged.columns[1] = { name: 'channel', type: 'category', values: ['a'] };
    expect(() => compareFeatures(ragged, t())).toThrow(/column "channel" of the reference table has 1 rows, the columns before it 50/);
    const empty = t();
    empty.columns[0] = { name: 'spend', type: 'number', values: new Float64Array(50).fill(NaN) };
    expect(() => compareFeatures(t(), empty)).toThrow(/column "spend" has no values in the current period \(all missing\)/);
    expect(() => compareFeatures(t(), t(), { colour: 1 } as never)).toThrow(/unknown key "colour"/);
    expect(() => compareFeatures(t(), t(), { sampleRows: 5 })).toThrow(/Invalid compareFeatures settings.sampleRows: got 5/);
  });
});

describe('compareFeatures: few-valued numbers', () => {
  it('Jensen-Shannon and PSI count the levels of a few-valued numeric column: a value new in the current period shows', () => {
    // 3 children at most last quarter; this quarter a quarter of the customers have 3 (a new level).
    const ref: DriftTable = { columns: [{ name: 'children', type: 'number', values: Float64Array.from({ length: 4000 }, (_, i) => i % 3) }] };
    const cur: DriftTable = { columns: [{ name: 'children', type: 'number', values: Float64Array.from({ length: 4000 }, (_, i) => (i % 4 === 3 ? 3 : i % 3)) }] };
    const js = compareFeatures(ref, cur).features[0]!;
    expect(js.test).toBe('jensen-shannon');
    expect(js.statistic).toBeGreaterThan(0.3);
    expect(js.drifted).toBe(true);
    expect(compareFeatures(ref, cur, { method: 'psi' }).features[0]!.drifted).toBe(true);
  });
});

describe('compareFeatures: the result is plain JSON', () => {
  it('a column jumping from one constant to another is drift with finite numbers (JSON keeps them)', () => {
    const constant = (v: number): DriftTable => ({ columns: [{ name: 'plan', type: 'number', values: new Float64Array(5000).fill(v) }] });
    const r = compareFeatures(constant(3), constant(4));
    expect(r.features[0]).toMatchObject({ test: 'jensen-shannon', effectSize: 1000, drifted: true });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    const forced = compareFeatures(constant(3), constant(4), { method: 'wasserstein' });
    expect(forced.features[0]).toMatchObject({ test: 'wasserstein', statistic: 1000, drifted: true });
    expect(JSON.parse(JSON.stringify(forced))).toEqual(forced);
  });
});
