import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { Rng } from '../../../src/core/rng';
import { summariseSegments } from '../../../src/cluster/summary/summariseSegments';

/** The definition, written plainly: per cluster its rows, each column's non-missing values sorted, their sum in that order. */
function reference(raw: Matrix, labels: Int32Array, centres: Matrix, ids: number[]) {
  return ids
    .map((id, c) => {
      const members = [...labels.keys()].filter((i) => labels[i] === c);
      const stat = (j: number) => {
        const v = members.map((i) => raw.get(i, j)).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
        const mean = v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
        const median = v.length ? (v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2) : null;
        return { mean, median };
      };
      const cols = raw.columns.map((name, j) => [name, j] as const);
      return {
        id,
        size: members.length,
        share: members.length / raw.rows,
        centroid: Object.fromEntries(cols.map(([name, j]) => [name, centres.get(c, j)])),
        mean: Object.fromEntries(cols.map(([name, j]) => [name, stat(j).mean])),
        median: Object.fromEntries(cols.map(([name, j]) => [name, stat(j).median])),
      };
    })
    .sort((a, b) => a.id - b.id);
}

describe('summariseSegments', () => {
  it('gives each segment its size, share, centre, mean and median by published id; missing values and noise left out', () => {
    // Rows: cluster 0 = rows 0, 2; cluster 1 = rows 1, 3, 4 (row 3 has no b); row 5 is noise.
    const raw = new Matrix(Float64Array.from([1, 10, 5, 50, 3, 30, 7, NaN, 9, 90, 100, 100]), 6, 2, ['a', 'b']);
    const labels = Int32Array.from([0, 1, 0, 1, 1, -1]);
    const centres = new Matrix(Float64Array.from([2, 20, 7, 70]), 2, 2, ['a', 'b']);
    const out = summariseSegments(raw, labels, centres, [1, 0]);
    expect(out).toEqual([
      { id: 0, size: 3, share: 0.5, centroid: { a: 7, b: 70 }, mean: { a: 7, b: 70 }, median: { a: 7, b: 70 } },
      { id: 1, size: 2, share: 2 / 6, centroid: { a: 2, b: 20 }, mean: { a: 2, b: 20 }, median: { a: 2, b: 20 } },
    ]);
  });

  it('a segment whose column is all missing has null mean and median, not NaN', () => {
    const raw = new Matrix(Float64Array.from([NaN, 1, NaN, 2]), 2, 2, ['a', 'b']);
    const out = summariseSegments(raw, Int32Array.from([0, 0]), new Matrix(Float64Array.from([0, 1.5]), 1, 2, ['a', 'b']), [0]);
    expect(out[0]).toMatchObject({ size: 2, mean: { a: null, b: 1.5 }, median: { a: null, b: 1.5 } });
  });

  it('gives the same bits as the plain definition on random data (sums in ascending order, any row order)', () => {
    const rng = new Rng(7);
    const n = 2000;
    const p = 4;
    const k = 5;
    const data = Float64Array.from({ length: n * p }, (_, i) => (rng.next() < 0.1 ? NaN : (i % p === 3 ? -1 : 1) * rng.next() * 10 ** (i % 5)));
    const raw = new Matrix(data, n, p, ['w', 'x', 'y', 'z']);
    const labels = Int32Array.from({ length: n }, () => rng.int(k + 1) - 1);
    const centres = new Matrix(Float64Array.from({ length: k * p }, () => rng.next()), k, p, raw.columns);
    const ids = [3, 0, 4, 1, 2];
    const got = summariseSegments(raw, labels, centres, ids);
    expect(got.length).toBe(k);
    expect(JSON.stringify(got)).toBe(JSON.stringify(reference(raw, labels, centres, ids)));
  });
});
