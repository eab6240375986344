import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KDTree } from '../../../src/cluster/dbscan/KDTree';
import { UsageError } from '../../../src/core/errors';

/** Points on a 0.1 grid (many exact ties) with 1..4 dimensions, plus a leaf size small enough for deep trees. */
const cloud = fc
  .record({
    d: fc.integer({ min: 1, max: 4 }),
    n: fc.integer({ min: 0, max: 150 }),
    leafSize: fc.integer({ min: 1, max: 12 }),
    seed: fc.integer({ min: 0, max: 1e6 }),
  })
  .map(({ d, n, leafSize, seed }) => {
    let s = seed + 1;
    const next = () => (s = (s * 48271) % 2147483647);
    const data = Float64Array.from({ length: n * d }, () => (next() % 41) / 10);
    return { d, n, leafSize, data };
  });

const dist2 = (data: Float64Array, d: number, i: number, q: ArrayLike<number>) => {
  let s = 0;
  for (let j = 0; j < d; j++) s += (q[j]! - data[i * d + j]!) ** 2;
  return s;
};
const bruteRadius = (data: Float64Array, n: number, d: number, q: ArrayLike<number>, r: number) =>
  Array.from({ length: n }, (_, i) => i).filter((i) => dist2(data, d, i, q) <= r * r);

describe('KDTree radius queries', () => {
  it('equal brute force, ties at the radius included (property)', () => {
    fc.assert(
      fc.property(cloud, fc.array(fc.integer({ min: -5, max: 45 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 30 }), ({ d, n, leafSize, data }, qRaw, rTenths) => {
        const tree = new KDTree(data, n, d, { leafSize });
        const q = qRaw.slice(0, d).map((v) => v / 10);
        const r = rTenths / 10;
        expect(Array.from(tree.queryRadius(q, r))).toEqual(bruteRadius(data, n, d, q, r));
        // The same with the query taken from the data itself (as DBSCAN does).
        if (n > 0) {
          const i = Math.floor(n / 2);
          const viaOffset = Array.from(tree.neighborsInto(data, i * d, r)).sort((a, b) => a - b);
          expect(viaOffset).toEqual(bruteRadius(data, n, d, data.subarray(i * d, i * d + d), r));
        }
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('countWithin equals the (weighted) brute-force count; stopAt only decides "at least"', () => {
    let queries = 0;
    fc.assert(
      fc.property(cloud, fc.integer({ min: 0, max: 25 }), fc.integer({ min: 1, max: 12 }), ({ d, n, leafSize, data }, rTenths, stopAt) => {
        fc.pre(n > 0);
        const weights = Float64Array.from({ length: n }, (_, i) => (i % 4) * 0.5);
        const plain = new KDTree(data, n, d, { leafSize });
        const weighted = new KDTree(data, n, d, { leafSize, weights });
        const r = rTenths / 10;
        for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 7))) {
          queries++;
          const q = data.subarray(i * d, i * d + d);
          const hits = bruteRadius(data, n, d, q, r);
          const w = hits.reduce((a, j) => a + weights[j]!, 0);
          expect(plain.countWithin(data, i * d, r)).toBe(hits.length);
          expect(weighted.countWithin(data, i * d, r)).toBeCloseTo(w, 12);
          expect(plain.countWithin(data, i * d, r, stopAt) >= stopAt).toBe(hits.length >= stopAt);
          expect(weighted.countWithin(data, i * d, r, stopAt) >= stopAt).toBe(w >= stopAt);
        }
      }),
      { numRuns: 200, seed: 2 },
    );
    expect(queries).toBeGreaterThan(200);
  });

  it('takeWithin returns each active row once: brute force minus what was taken before', () => {
    fc.assert(
      fc.property(cloud, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 25 }), ({ d, n, leafSize, data }, queries) => {
        fc.pre(n > 0);
        const tree = new KDTree(data, n, d, { leafSize });
        tree.resetActive();
        const taken = new Set<number>();
        const dropped = queries[0]![0] % n;
        tree.deactivate(dropped);
        taken.add(dropped);
        for (const [qi, rTenths] of queries) {
          const i = qi % n;
          const got = Array.from(tree.takeWithin(data, i * d, rTenths / 10)).sort((a, b) => a - b);
          const want = bruteRadius(data, n, d, data.subarray(i * d, i * d + d), rTenths / 10).filter((j) => !taken.has(j));
          expect(got).toEqual(want);
          want.forEach((j) => taken.add(j));
        }
        // Restarting makes every row available again.
        tree.resetActive();
        expect(Array.from(tree.takeWithin(data, 0, 100)).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});

describe('KDTree nearest neighbours', () => {
  it('kNearest equals brute force ordered by (distance, row) (property)', () => {
    fc.assert(
      fc.property(cloud, fc.array(fc.integer({ min: -5, max: 45 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 1, max: 10 }), ({ d, n, leafSize, data }, qRaw, kRaw) => {
        fc.pre(n > 0);
        const k = Math.min(kRaw, n);
        const tree = new KDTree(data, n, d, { leafSize });
        const q = qRaw.slice(0, d).map((v) => v / 10);
        const want = Array.from({ length: n }, (_, i) => i)
          .map((i) => ({ i, d2: dist2(data, d, i, q) }))
          .sort((a, b) => a.d2 - b.d2 || a.i - b.i)
          .slice(0, k);
        const got = tree.kNearest(q, k);
        expect(Array.from(got.indices)).toEqual(want.map((w) => w.i));
        got.distances.forEach((dist, t) => expect(dist).toBe(Math.sqrt(want[t]!.d2)));
        // nearestInto with a bound: the nearest row if within it, else -1.
        const bound = 0.25;
        expect(tree.nearestInto(Float64Array.from(q), 0, bound)).toBe(want[0]!.d2 <= bound ? want[0]!.i : -1);
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it('hand example: 1-D points, ties resolved to the lower row', () => {
    const tree = new KDTree(Float64Array.from([5, 1, 3, 9, 7]), 5, 1, { leafSize: 1 });
    // From 4: rows 0 (5) and 2 (3) at distance 1, then 1 (1) and 4 (7) at 3.
    const r = tree.kNearest([4], 4);
    expect(Array.from(r.indices)).toEqual([0, 2, 1, 4]);
    expect(Array.from(r.distances)).toEqual([1, 1, 3, 3]);
    expect(Array.from(tree.queryRadius([4], 1))).toEqual([0, 2]);
    expect(Array.from(tree.queryRadius([4], 0.999))).toEqual([]);
  });
});

describe('KDTree shapes and errors', () => {
  it('handles identical points, one row and no rows', () => {
    const same = new KDTree(new Float64Array(200).fill(2), 100, 2, { leafSize: 3 });
    expect(same.queryRadius([2, 2], 0).length).toBe(100);
    expect(Array.from(same.kNearest([0, 0], 3).indices)).toEqual([0, 1, 2]);
    const one = new KDTree(Float64Array.from([1, 2]), 1, 2);
    expect(Array.from(one.queryRadius([1, 2], 0))).toEqual([0]);
    const none = new KDTree(new Float64Array(0), 0, 3);
    expect(none.queryRadius([0, 0, 0], 10).length).toBe(0);
    expect(none.countWithin(Float64Array.from([0, 0, 0]), 0, 10)).toBe(0);
    expect(none.nearestInto(Float64Array.from([0, 0, 0]), 0)).toBe(-1);
  });

  it('large random data: radius results match brute force on a sample of queries', () => {
    let s = 99;
    const next = () => (s = (s * 48271) % 2147483647) / 2147483647;
    const n = 20_000, d = 4;
    const data = Float64Array.from({ length: n * d }, next);
    const tree = new KDTree(data, n, d);
    expect(n).toBeGreaterThan(997); // the queries below sample every 997th row
    for (let i = 0; i < n; i += 997) {
      const got = Array.from(tree.neighborsInto(data, i * d, 0.12)).sort((a, b) => a - b);
      expect(got).toEqual(bruteRadius(data, n, d, data.subarray(i * d, i * d + d), 0.12));
    }
  });

  it('rejects bad input with clear messages', () => {
    expect(() => new KDTree(new Float64Array(5), 2, 2)).toThrow(/data has 5 values, expected rows\*cols = 2\*2 = 4/);
    expect(() => new KDTree(new Float64Array(4), 2, 2, { leafSize: 0 })).toThrow(/KDTree leafSize/);
    expect(() => new KDTree([1, 2] as never, 1, 2)).toThrow(UsageError);
    expect(() => new KDTree(new Float64Array(4), 2, 2, { weights: new Float64Array(3) })).toThrow(/weights has 3 values, expected 2/);
    const tree = new KDTree(Float64Array.from([0, 0, 1, 1]), 2, 2);
    expect(() => tree.queryRadius([0], 1)).toThrow(/the point has 1 values, expected 2/);
    expect(() => tree.queryRadius([0, NaN], 1)).toThrow(/value NaN at position 2/);
    expect(() => tree.queryRadius([0, 0], -1)).toThrow(/radius/);
    expect(() => tree.kNearest([0, 0], 3)).toThrow(/KDTree.kNearest k: got 3, expected an integer in \[1, 2\]/);
    expect(() => tree.takeWithin(Float64Array.from([0, 0]), 0, 1)).toThrow(/resetActive/);
  });
});
