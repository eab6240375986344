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

  // The training averages the contributions are measured against.
  const reference = [30, 4, 500, 215];

  it('says the three largest positive contributions, largest first, with value and high/low against the reference', () => {
    const r = topReasons(contributions, { labels, values, reference });
    expect(r).toHaveLength(3);
    expect(r[0]!.map((x) => x.phrase)).toEqual(['recency 120 days (high)', 'tenure 400 days (high)', 'spend 35.5 EUR (low)']);
    expect(r[0]!.map((x) => x.contribution)).toEqual([0.8, 0.3, 0.1]);
  });

  it('gives no reason where nothing pushes the risk up, nor for a value equal to its reference, and breaks equal contributions by column order', () => {
    const r = topReasons(contributions, { labels, values, reference });
    expect(r[1]).toEqual([]);
    // recency 30 and orders 4 are the reference: "typical" is no reason for a high risk.
    expect(r[2]!.map((x) => x.phrase)).toEqual(['spend 1235 EUR (high)', 'tenure missing']);
    const ties = topReasons(contributions, { labels, values, reference: [0, 0, 0, 0] });
    expect(ties[2]!.map((x) => x.phrase)).toEqual(['spend 1235 EUR (high)', 'recency 30 days (high)', 'orders 4 (high)']);
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
    // Values need the baseline they are judged against: the explained rows' own median would call 550 days since the last order "low" among the riskiest.
    expect(() => topReasons(contributions, { values })).toThrow(/values were given without a reference/);
  });
});
