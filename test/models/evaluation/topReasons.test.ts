import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { Rng } from '../../../src/core/rng';
import { topReasons } from '../../../src/models/evaluation/topReasons';

describe('topReasons', () => {
  const columns = ['recency', 'frequency', 'monetary', 'tenure'];
  const contributions = Matrix.fromRows(
    [
      [0.8, -0.2, 0.1, 0.3],
      [-0.1, -0.5, -0.2, -0.3],
      [0.2, 0.2, 0.9, 0.2],
    ],
    columns,
  );
  const values = Matrix.fromRows(
    [
      [120, 2, 35.456, 400],
      [10, 9, 500, 30],
      [30, 4, 1234.5, NaN],
    ],
    columns,
  );
  const labels = { recency: { label: 'recency', unit: 'days' }, frequency: { label: 'orders' }, monetary: { label: 'spend', unit: 'EUR' }, tenure: { label: 'tenure', unit: 'days' } };

  it('says the three largest positive contributions, largest first, with value and high/low against the median', () => {
    const r = topReasons(contributions, { labels, values });
    expect(r).toHaveLength(3);
    // medians: recency 30, orders 4, spend 500, tenure (400 + 30) / 2 = 215
    expect(r[0]!.map((x) => x.phrase)).toEqual(['recency 120 days (high)', 'tenure 400 days (high)', 'spend 35.5 EUR (low)']);
    expect(r[0]!.map((x) => x.contribution)).toEqual([0.8, 0.3, 0.1]);
  });

  it('gives no reason where nothing pushes the risk up, and breaks equal contributions by column order', () => {
    const r = topReasons(contributions, { labels, values });
    expect(r[1]).toEqual([]);
    expect(r[2]!.map((x) => x.phrase)).toEqual(['spend 1235 EUR (high)', 'recency 30 days (typical)', 'orders 4 (typical)']);
  });

  it('without values, says the labels; with a reference, compares to it; a missing value says so', () => {
    expect(topReasons(contributions, { count: 2 })[0]!.map((x) => x.phrase)).toEqual(['recency', 'tenure']);
    const r = topReasons(contributions, { labels, values, reference: [200, 1, 1, 1], count: 4 });
    expect(r[0]![0]!.phrase).toBe('recency 120 days (low)');
    expect(r[2]!.map((x) => x.phrase)).toContain('tenure missing');
  });

  it('picks what a full sort picks (random contributions with ties, 1 to 4 reasons)', () => {
    const rng = new Rng(8);
    const rows = Array.from({ length: 60 }, () => Array.from({ length: 7 }, () => Math.round(rng.normal(0, 1) * 4) / 4));
    const M = Matrix.fromRows(rows);
    for (const count of [1, 2, 3, 4]) {
      const got = topReasons(M, { count }).map((r) => r.map((x) => x.feature));
      const want = rows.map((row) =>
        row
          .map((c, j) => ({ c, j }))
          .filter((x) => x.c > 0)
          .sort((a, b) => b.c - a.c || a.j - b.j)
          .slice(0, count)
          .map((x) => `x${x.j}`),
      );
      expect(got).toEqual(want);
    }
  });

  it('refuses values of another shape and a bad count', () => {
    expect(() => topReasons(contributions, { values: Matrix.fromRows([[1, 2, 3, 4]]) })).toThrow(/values is 1 × 4 but contributions is 3 × 4/);
    expect(() => topReasons(contributions, { count: 0 })).toThrow(/Invalid topReasons count: got 0/);
  });
});
