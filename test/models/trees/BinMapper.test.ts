import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src';
import { Rng } from '../../../src/core/rng';
import { ALL_LEFT, BIN_SUBSAMPLE, BinMapper, numericEdges } from '../../../src/models/trees/BinMapper';
import { HistogramBuilder } from '../../../src/models/trees/HistogramBuilder';

describe('BinMapper', () => {
  it('few distinct values: one bin each, edges at the midpoints; NaN the missing code', () => {
    const X = Matrix.fromRows([[1], [3], [3], [7], [NaN]]);
    const bins = BinMapper.fit(X, 255, [], 1, 'test');
    expect(Array.from(bins.edges[0]!)).toEqual([2, 5]);
    expect(Array.from(bins.transform(X))).toEqual([0, 1, 1, 2, 255]);
    expect(bins.threshold(0, 1)).toBe(5);
    expect(bins.threshold(0, 2)).toBe(ALL_LEFT);
  });

  it('many values: midpoint percentiles as numpy, at most maxBins bins, x ≤ edge[b] ⇔ code ≤ b', () => {
    const sorted = Float64Array.from({ length: 1001 }, (_, i) => i);
    // np.percentile(range(1001), [25, 50, 75], method='midpoint') = [250, 500, 750]
    expect(Array.from(numericEdges(sorted, 4))).toEqual([250, 500, 750]);
    const data = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 100);
    const X = new Matrix(data, 5000, 1);
    const bins = BinMapper.fit(X, 16, [], 1, 'test');
    const codes = bins.transform(X);
    expect(bins.nBins[0]).toBe(16);
    let mismatches = 0;
    for (let i = 0; i < 5000; i++) for (let b = 0; b < 15; b++) if (data[i]! <= bins.threshold(0, b) !== codes[i]! <= b) mismatches++;
    expect(mismatches).toBe(0);
    const counts = new Array(16).fill(0);
    codes.forEach((c) => counts[c]++);
    for (const c of counts) expect(Math.abs(c - 5000 / 16)).toBeLessThan(5);
  });

  it('codes are column-major; categorical columns keep their level codes, unseen levels read as missing', () => {
    const X = Matrix.fromRows([[0.5, 2], [1.5, 0], [2.5, NaN], [0.5, 2]]);
    const bins = BinMapper.fit(X, 255, [1], 1, 'test');
    expect(Array.from(bins.transform(X))).toEqual([0, 1, 2, 0, 2, 0, 255, 2]);
    expect(Array.from(bins.transform(Matrix.fromRows([[9, 1], [9, 2.5]])).subarray(2))).toEqual([255, 255]);
    expect(bins.nBins[1]).toBe(3);
    const back = BinMapper.fromJSON(JSON.parse(JSON.stringify(bins.toJSON())), 2, 'm');
    expect(Array.from(back.transform(X))).toEqual(Array.from(bins.transform(X)));
    expect(() => BinMapper.fit(Matrix.fromRows([[1, 300]]), 255, [1], 1, 'RandomForest.fit')).toThrow(/categorical column "x1".*\n.*row 1.*value 300/);
  });

  it(`reads the edges from a seeded subsample of ${BIN_SUBSAMPLE.toLocaleString('en-US')} rows above that`, () => {
    const n = BIN_SUBSAMPLE + 50_000;
    const data = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 100_003);
    const X = new Matrix(data, n, 1);
    const a = BinMapper.fit(X, 255, [], 1, 't');
    expect(Array.from(BinMapper.fit(X, 255, [], 1, 't').edges[0]!)).toEqual(Array.from(a.edges[0]!));
    expect(Array.from(BinMapper.fit(X, 255, [], 2, 't').edges[0]!)).not.toEqual(Array.from(a.edges[0]!));
  });

  it('sorting the columns on a HistogramBuilder\'s threads (8 at a time) gives the same edges and codes as sorting here', async () => {
    // 19 columns: numeric ones with NaN, few distinct values, negative zero, one all-NaN, and two categorical.
    const n = 3_000, F = 19, rng = new Rng(5);
    const data = new Float64Array(n * F);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < F; f++) {
        const u = rng.next();
        data[i * F + f] = f === 4 ? NaN : f === 3 || f === 11 ? rng.int(6) : u < 0.1 ? NaN : f === 7 ? rng.int(40) - 20 : f === 9 ? (u < 0.5 ? -0 : 0) : (rng.next() - 0.5) * 10 ** (f % 5);
      }
    }
    const X = new Matrix(data, n, F);
    const want = BinMapper.fit(X, 255, [3, 11], 1, 'test');
    for (const threads of [1, 2, 3]) {
      const hb = new HistogramBuilder(null, n, F, 255, 2, threads, 'auto', n);
      try {
        expect(hb.slots).toBe(threads > 1 ? 8 : 1);
        const got = BinMapper.fit(X, 255, [3, 11], 1, 'test', hb);
        expect(got.toJSON()).toEqual(want.toJSON());
        got.transform(X, hb.bins);
        expect(Array.from(hb.bins)).toEqual(Array.from(want.transform(X)));
      } finally {
        await hb.close();
      }
    }
  });
});
