import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { hungarian, matchClusters, relabel } from '../../../src/cluster/matching/matchClusters';

/** Minimum total cost over every injection of the smaller side into the larger (the definition). */
function bruteForce(cost: Float64Array, rows: number, cols: number): number {
  const transpose = rows > cols;
  const n = Math.min(rows, cols);
  const m = Math.max(rows, cols);
  const at = (i: number, j: number) => (transpose ? cost[j * cols + i]! : cost[i * cols + j]!);
  let best = Infinity;
  const used = new Uint8Array(m);
  const walk = (i: number, sum: number): void => {
    if (i === n) {
      best = Math.min(best, sum);
      return;
    }
    for (let j = 0; j < m; j++) {
      if (used[j]) continue;
      used[j] = 1;
      walk(i + 1, sum + at(i, j));
      used[j] = 0;
    }
  };
  walk(0, 0);
  return n === 0 ? 0 : best;
}

describe('hungarian', () => {
  it('hand fixture: the greedy choice is not optimal', () => {
    // Greedy takes (0,0)=1 then (1,1)=10 → 11; optimal (0,1)=2 + (1,0)=3 = 5.
    const r = hungarian(Float64Array.from([1, 2, 3, 10]), 2, 2);
    expect(Array.from(r.rowToCol)).toEqual([1, 0]);
    expect(Array.from(r.colToRow)).toEqual([1, 0]);
    expect(r.totalCost).toBe(5);
  });

  it('classic 3 × 3 example', () => {
    // Rows: workers, columns: jobs. Optimum 0→1 (1), 1→0 (2), 2→2 (2) = 5.
    const r = hungarian(Float64Array.from([4, 1, 3, 2, 0, 5, 3, 2, 2]), 3, 3);
    expect(r.totalCost).toBe(5);
    expect(Array.from(r.rowToCol)).toEqual([1, 0, 2]);
  });

  it('rectangular both ways: every row of the smaller side is assigned', () => {
    const wide = hungarian(Float64Array.from([5, 1, 9, 4, 7, 2]), 2, 3); // rows 2, cols 3
    expect(Array.from(wide.rowToCol)).toEqual([1, 2]);
    expect(Array.from(wide.colToRow)).toEqual([-1, 0, 1]);
    expect(wide.totalCost).toBe(3);
    const tall = hungarian(Float64Array.from([5, 4, 1, 7, 9, 2]), 3, 2); // the transpose
    expect(Array.from(tall.rowToCol)).toEqual([-1, 0, 1]);
    expect(Array.from(tall.colToRow)).toEqual([1, 2]);
    expect(tall.totalCost).toBe(3);
  });

  it('handles negative costs and empty matrices', () => {
    expect(hungarian(Float64Array.from([-5, 0, 0, -5]), 2, 2).totalCost).toBe(-10);
    expect(hungarian(new Float64Array(0), 0, 3).totalCost).toBe(0);
    expect(Array.from(hungarian(new Float64Array(0), 2, 0).rowToCol)).toEqual([-1, -1]);
  });

  it('equals brute force on random rectangular matrices (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: -50, max: 100 }), { minLength: 36, maxLength: 36 }),
        (rows, cols, values) => {
          const cost = Float64Array.from(values.slice(0, rows * cols));
          const r = hungarian(cost, rows, cols);
          expect(r.totalCost).toBe(bruteForce(cost, rows, cols));
          // A valid one-to-one assignment covering the smaller side.
          const assigned = Array.from(r.rowToCol).filter((j) => j >= 0);
          expect(assigned.length).toBe(Math.min(rows, cols));
          expect(new Set(assigned).size).toBe(assigned.length);
          r.rowToCol.forEach((j, i) => j >= 0 && expect(r.colToRow[j]).toBe(i));
        },
      ),
      { numRuns: 300, seed: 20240601 },
    );
  });

  it('names its problems', () => {
    expect(() => hungarian(new Float64Array(5), 2, 3)).toThrow(/cost has 5 values, expected rows × cols = 2 × 3 = 6/);
    expect(() => hungarian(Float64Array.from([1, Infinity]), 1, 2)).toThrow(/cost at row 0, column 1 is Infinity/);
    expect(() => hungarian([1, 2] as never, 1, 2)).toThrow(/Invalid hungarian cost/);
  });
});

const centroids = (rows: number[][]) => Matrix.fromRows(rows, ['recency', 'frequency']);

describe('matchClusters and relabel', () => {
  it('same segments in a new order map back to their previous ids, with distances', () => {
    const previous = centroids([[0, 0], [10, 0], [0, 10]]);
    const current = centroids([[0.5, 10], [0, 0.2], [9, 0]]); // old 2, old 0, old 1
    const m = matchClusters(previous, current);
    expect(m.mapping).toEqual([2, 0, 1]);
    expect(m.matches).toEqual([
      { current: 0, previous: 2, distance: 0.5 },
      { current: 1, previous: 0, distance: expect.closeTo(0.2, 14) },
      { current: 2, previous: 1, distance: 1 },
    ]);
    expect(m.newClusters).toEqual([]);
    expect(m.disappeared).toEqual([]);
    expect(m.totalDistance).toBeCloseTo(1.7, 14);
    expect(Array.from(relabel([0, 1, 2, -1, 1], m.mapping))).toEqual([2, 0, 1, -1, 0]);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it('a split: the extra cluster gets a new id; a merge: a previous id disappears', () => {
    const previous = centroids([[0, 0], [10, 0]]);
    const split = matchClusters(previous, centroids([[10, 1], [0, 0], [10, -3]]));
    expect(split.mapping).toEqual([1, 0, 2]);
    expect(split.newClusters).toEqual([{ current: 2, id: 2 }]);
    expect(split.disappeared).toEqual([]);
    const merged = matchClusters(centroids([[0, 0], [10, 0], [11, 0]]), centroids([[10.4, 0], [0, 1]]));
    expect(merged.mapping).toEqual([1, 0]);
    expect(merged.disappeared).toEqual([2]);
  });

  it('maxDistance turns a far match into a new segment plus a disappeared one; nextId continues retired ids', () => {
    const previous = centroids([[0, 0], [10, 0]]);
    const current = centroids([[0, 1], [50, 50]]);
    expect(matchClusters(previous, current).mapping).toEqual([0, 1]);
    const strict = matchClusters(previous, current, { maxDistance: 5, nextId: 7 });
    expect(strict.mapping).toEqual([0, 7]);
    expect(strict.newClusters).toEqual([{ current: 1, id: 7 }]);
    expect(strict.disappeared).toEqual([1]);
    expect(strict.totalDistance).toBe(1);
  });

  it('a permuted copy of the centroids maps back to the permutation (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: -100, max: 100 })), {
          minLength: 1,
          maxLength: 9,
          selector: ([a, b]) => `${a},${b}`,
        }),
        fc.integer(),
        (rows, seed) => {
          // Fisher–Yates with a tiny LCG from the drawn seed: perm[c] = previous row of current cluster c.
          const perm = rows.map((_, i) => i);
          let s = seed >>> 0;
          for (let i = perm.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            const j = s % (i + 1);
            [perm[i], perm[j]] = [perm[j]!, perm[i]!];
          }
          const previous = centroids(rows);
          const current = centroids(perm.map((p) => rows[p]!));
          const m = matchClusters(previous, current);
          expect(m.mapping).toEqual(perm);
          expect(m.totalDistance).toBe(0);
          expect(m.newClusters).toEqual([]);
          expect(m.disappeared).toEqual([]);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('names its problems', () => {
    const previous = centroids([[0, 0]]);
    expect(() => matchClusters(previous, Matrix.fromRows([[0, 0]], ['recency', 'monetary']))).toThrow(/same columns in the same order \(previous: recency, frequency; current: recency, monetary\)/);
    expect(() => matchClusters(previous, centroids([[NaN, 0]]))).toThrow(/currentCentroids row 0, column "recency" is NaN/);
    expect(() => matchClusters(previous, previous, { nextId: 0 })).toThrow(/matchClusters nextId: got 0, expected an integer >= 1/);
    expect(() => relabel([0, 3], [5, 6])).toThrow(/labels\[1\] is 3 but the mapping covers clusters 0..1/);
    expect(() => relabel([0], [-1])).toThrow(/relabel mapping\[0\]/);
  });
});
