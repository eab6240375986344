import { describe, expect, it } from 'vitest';
import { Matrix, Rng } from '../../../src';
import { kmeansPlusPlus } from '../../../src/cluster/kmeans/kmeansInit';
import { KMEANS_OP } from '../../../src/cluster/kmeans/kmeansKernels';
import { KMeansPool } from '../../../src/cluster/kmeans/KMeansPool';
import { meanColumnVariance } from '../../../src/cluster/kmeans/meanColumnVariance';
import { kmeansSingleRun, type KMeansAssignment } from '../../../src/cluster/kmeans/kmeansSingleRun';
import { compileKMeansWasm } from '../../../src/cluster/kmeans/kmeansWasm';
import { blobs } from './kmeansFixtures';

type Kernel = (...a: number[]) => number;

/** The assignment kernel in its own memory: F / I view it as float64 / int32. */
function setup(shared: boolean): { F: Float64Array; I: Int32Array; assign: Kernel } {
  const module = compileKMeansWasm(shared);
  expect(module).not.toBeNull();
  const WA = (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => { buffer: ArrayBuffer }; Instance: new (m: object, i: object) => { exports: Record<string, Kernel> } } }).WebAssembly;
  const mem = shared ? new WA.Memory({ initial: 8, maximum: 16, shared: true }) : new WA.Memory({ initial: 8 });
  const { assign } = new WA.Instance(module!, { env: { mem } }).exports;
  expect(typeof assign).toBe('function');
  return { F: new Float64Array(mem.buffer), I: new Int32Array(mem.buffer), assign: assign! };
}

/** Squared distance as the kernels' contract states it: even columns summed in order, odd ones in order, then added. */
function naiveSqDist(x: ArrayLike<number>, c: ArrayLike<number>): number {
  let even = 0;
  let odd = 0;
  for (let t = 0; t < x.length; t++) {
    const v = (x[t]! - c[t]!) ** 2;
    if (t % 2 === 0) even += v;
    else odd += v;
  }
  return even + odd;
}

/** Nearest centre (lowest index on ties) and the nearest and second nearest squared distances, by a plain scan. */
function naiveNearest(x: number[], C: number[][]): { label: number; best: number; second: number } {
  const ds = C.map((c) => naiveSqDist(x, c));
  let label = 0;
  for (let j = 1; j < ds.length; j++) if (ds[j]! < ds[label]!) label = j;
  const sorted = [...ds].sort((a, b) => a - b);
  return { label, best: ds[label]!, second: sorted[1] ?? Infinity };
}

describe('assignment kernel (WebAssembly, transposed centres)', () => {
  // d = 1, k = 1, odd and even d and k, k below and above one group of 8, rows not a multiple of anything.
  const shapes: [d: number, k: number, rows: number][] = [
    [1, 1, 5],
    [1, 2, 9],
    [1, 9, 33],
    [2, 1, 7],
    [3, 3, 70],
    [12, 8, 257],
    [12, 9, 100],
    [7, 16, 65],
    [13, 21, 31],
    [5, 7, 1],
  ];

  it.each([false, true])('labels, changed count and Hamerly bounds match a naive scan (shared memory: %s)', (shared) => {
    const rng = new Rng(11);
    for (const [d, k, rows] of shapes) {
      const { F, I, assign } = setup(shared);
      const kp = k + (k & 1);
      const X = Array.from({ length: rows }, () => Array.from({ length: d }, () => rng.uniform(-30, 30)));
      const C = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.uniform(-30, 30)));
      // A duplicated centre: ties must go to the lower index, as a sequential scan does.
      if (k >= 3) C[k - 1] = [...C[1]!];
      const x = 8;
      const ct = x + rows * d + 2;
      const up = ct + d * kp + 2;
      const low = up + rows + 2;
      const lab = (low + rows + 2) * 2;
      X.forEach((row, r) => F.set(row, x + r * d));
      for (let t = 0; t < d; t++) {
        for (let j = 0; j < kp; j++) F[ct + t * kp + j] = j < k ? C[j]![t]! : Infinity;
      }
      for (let r = 0; r < rows; r++) I[lab + r] = r % k;
      const expected = X.map((row) => naiveNearest(row, C));
      const changed = expected.filter((e, r) => e.label !== r % k).length;

      // mode 0: labels only.
      F.fill(-1, up, low + rows);
      const r0 = assign(x * 8, rows, d, ct * 8, kp, lab * 4, up * 8, low * 8, 0, 0, 0, 0, 0, 0);
      expect(r0).toBe(changed);
      expect(Array.from(I.subarray(lab, lab + rows))).toEqual(expected.map((e) => e.label));
      expect(F[up]).toBe(-1); // mode 0 leaves the bounds alone

      // mode 1: also upper = √nearest, lower = √second nearest, to the bit.
      for (let r = 0; r < rows; r++) I[lab + r] = r % k;
      const r1 = assign(x * 8, rows, d, ct * 8, kp, lab * 4, up * 8, low * 8, 1, 0, 0, 0, 0, 0);
      expect(r1).toBe(changed);
      expect(Array.from(F.subarray(up, up + rows))).toEqual(expected.map((e) => Math.sqrt(e.best)));
      expect(Array.from(F.subarray(low, low + rows))).toEqual(expected.map((e) => Math.sqrt(e.second)));
      // mode 4 (with 1): the same labels and bounds, and each row added to its centre's sums in row order.
      const w = (lab >> 1) + rows + 2;
      const sums = w + rows + 2;
      const wsum = sums + k * d + 2;
      for (let r = 0; r < rows; r++) F[w + r] = 1 + (r % 3) * 0.7;
      F.fill(0, sums, wsum + k);
      for (let r = 0; r < rows; r++) I[lab + r] = r % k;
      const r5 = assign(x * 8, rows, d, ct * 8, kp, lab * 4, up * 8, low * 8, 5, 0, 0, 0, 0, 0, w * 8, sums * 8, wsum * 8);
      expect(r5).toBe(changed);
      expect(Array.from(I.subarray(lab, lab + rows))).toEqual(expected.map((e) => e.label));
      const refSums = new Float64Array(k * d);
      const refW = new Float64Array(k);
      expected.forEach((e, r) => {
        refW[e.label] += F[w + r]!;
        for (let t = 0; t < d; t++) refSums[e.label * d + t] += F[w + r]! * X[r]![t]!;
      });
      expect(Array.from(F.subarray(sums, sums + k * d))).toEqual(Array.from(refSums));
      expect(Array.from(F.subarray(wsum, wsum + k))).toEqual(Array.from(refW));
      // The distances are also plain squared distances (column order) to rounding.
      X.forEach((row, r) => {
        const plain = C[expected[r]!.label]!.reduce((s, c, t) => s + (row[t]! - c) ** 2, 0);
        expect(Math.abs(expected[r]!.best - plain)).toBeLessThanOrEqual(1e-12 * plain);
      });
    }
  });

  it('mode 2 counts the rows failing Hamerly’s test with the shifted old bounds, then searches every row', () => {
    const { F, I, assign } = setup(false);
    const rng = new Rng(5);
    const d = 4;
    const k = 5;
    const kp = 6;
    const rows = 300;
    const x = 8;
    const ct = x + rows * d + 2;
    const up = ct + d * kp + 2;
    const low = up + rows + 2;
    const half = low + rows + 2;
    const shift = half + k + 2;
    const lab = (shift + k + 2) * 2;
    for (let i = 0; i < rows * d; i++) F[x + i] = rng.uniform(-5, 5);
    for (let t = 0; t < d; t++) for (let j = 0; j < kp; j++) F[ct + t * kp + j] = j < k ? rng.uniform(-5, 5) : Infinity;
    const old = { u: [] as number[], l: [] as number[], a: [] as number[] };
    for (let r = 0; r < rows; r++) {
      old.u.push((F[up + r] = rng.uniform(0, 3)));
      old.l.push((F[low + r] = rng.uniform(0, 3)));
      old.a.push((I[lab + r] = rng.int(k)));
    }
    for (let j = 0; j < k; j++) {
      F[half + j] = rng.uniform(0, 2);
      F[shift + j] = rng.uniform(0, 0.5);
    }
    const [shiftMax, shift2, jmax] = [0.5, 0.4, 2];
    let failing = 0;
    for (let r = 0; r < rows; r++) {
      const a = old.a[r]!;
      const u = old.u[r]! + F[shift + a]!;
      const l = old.l[r]! - (a === jmax ? shift2 : shiftMax);
      if (u > Math.max(F[half + a]!, l)) failing++;
    }
    expect(failing).toBeGreaterThan(0);
    expect(failing).toBeLessThan(rows);
    const res = assign(x * 8, rows, d, ct * 8, kp, lab * 4, up * 8, low * 8, 2, half * 8, shift * 8, shiftMax, shift2, jmax);
    expect(res >>> 16).toBe(failing);
    const C = Array.from({ length: k }, (_, j) => Array.from({ length: d }, (_, t) => F[ct + t * kp + j]!));
    for (let r = 0; r < rows; r++) {
      const e = naiveNearest(Array.from(F.subarray(x + r * d, x + r * d + d)), C);
      expect(I[lab + r]).toBe(e.label);
      expect(F[up + r]).toBe(Math.sqrt(e.best));
    }
    expect(res & 0xffff).toBe(old.a.filter((a, r) => a !== I[lab + r]).length);
  });
});

describe('k-means runs on the assignment kernel', () => {
  /** One run from given centres (far from the data, so Hamerly's first passes search densely) on a pool. */
  const run = (X: Matrix, init: number[][] | 'k-means++', assignment: KMeansAssignment, kernel: 'auto' | 'js', threads: number) => {
    const k = typeof init === 'string' ? 7 : init.length;
    const w = new Float64Array(X.rows).map((_, i) => 1 + (i % 2));
    const pool = new KMeansPool(X.data, X.rows, X.cols, w, { k, maxTrials: 3, bounds: assignment === 'lloyd' ? 'none' : assignment, threads, kernel });
    const dense: number[] = [];
    try {
      let pending: number | undefined;
      if (init === 'k-means++') pending = kmeansPlusPlus(pool, new Rng(9), 3, 'test');
      else pool.S.C.set(init.flat());
      const result = kmeansSingleRun(pool, assignment, 100, 0, 'test', () => dense.push(pool.S.pDense.reduce((a, b) => a + b, 0)), pending);
      return { ...result, dense, wasm: pool.wasm, threads: pool.threads };
    } finally {
      pool.close();
    }
  };
  const same = (a: ReturnType<typeof run>, b: ReturnType<typeof run>) => {
    expect(b.nIter).toBe(a.nIter);
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(Array.from(b.centres)).toEqual(Array.from(a.centres));
    expect(b.inertia).toBe(a.inertia);
  };

  it('Hamerly with dense and sparse passes equals Lloyd and the JavaScript kernels bit for bit (rows not a multiple of a block)', () => {
    // 50,001 rows: blocks of 2,048 and chunks of 256 both end short.
    const X = blobs(50_001, 6, 7, 21, 2.5).X;
    const init = Array.from({ length: 7 }, (_, j) => Array.from({ length: 6 }, (_, t) => 40 + 3 * j - t));
    const ham = run(X, init, 'hamerly', 'auto', 1);
    expect(ham.wasm).toBe(true);
    // Both kinds of pass ran: dense blocks at first, sparse ones once the centres settle.
    expect(Math.max(...ham.dense)).toBeGreaterThan(0);
    expect(ham.dense.at(-1)).toBe(0);
    same(ham, run(X, init, 'lloyd', 'auto', 1));
    same(ham, run(X, init, 'hamerly', 'js', 1));
    same(ham, run(X, init, 'lloyd', 'js', 1));
  });

  it('1 and 2 threads give the same run, from given centres and from k-means++ (k = 1 too)', () => {
    const X = blobs(120_003, 5, 7, 8, 2).X;
    const init = Array.from({ length: 7 }, (_, j) => Array.from({ length: 5 }, (_, t) => -20 + 2 * j + t));
    const one = run(X, init, 'hamerly', 'auto', 1);
    const two = run(X, init, 'hamerly', 'auto', 2);
    expect(two.threads).toBe(2);
    same(one, two);
    same(run(X, 'k-means++', 'hamerly', 'auto', 1), run(X, 'k-means++', 'hamerly', 'auto', 2));
    const mean = [Array.from({ length: 5 }, (_, t) => t)];
    const k1 = run(X, mean, 'lloyd', 'auto', 1);
    same(k1, run(X, mean, 'lloyd', 'js', 1));
    expect(new Set(k1.labels).size).toBe(1);
  });

  it('every Lloyd assignment pass labels each row with its naive nearest centre', () => {
    const X = blobs(3_001, 1, 3, 4, 1).X; // d = 1
    const pool = new KMeansPool(X.data, X.rows, 1, new Float64Array(X.rows).fill(1), { k: 3, maxTrials: 0, bounds: 'none', threads: 1 });
    try {
      const C = [[-3], [0.5], [0.5]]; // a tie between centres 1 and 2: 1 wins
      pool.S.C.set(C.flat());
      pool.run(KMEANS_OP.lloyd, { update: false, init: true });
      for (let i = 0; i < X.rows; i++) expect(pool.S.labels[i]).toBe(naiveNearest([X.data[i]!], C).label);
      expect(pool.S.labels.includes(2)).toBe(false);
    } finally {
      pool.close();
    }
  });

  it("the pool's mean column variance (per-block moments, on the threads) is the serial pass's, and the hand value", () => {
    // Hand fixture: columns [1, 2, 3, 4] (variance 1.25) and [10, 10, 10, 14] (variance 3): mean 2.125.
    const tiny = Float64Array.from([1, 10, 2, 10, 3, 10, 4, 14]);
    expect(meanColumnVariance(tiny, 4, 2)).toBe(2.125);
    const X = blobs(20_001, 3, 5, 2, 9).X; // several blocks, the last one short
    const serial = meanColumnVariance(X.data, X.rows, X.cols);
    for (const threads of [1, 2]) {
      const pool = new KMeansPool(X.data, X.rows, X.cols, new Float64Array(X.rows).fill(1), { k: 4, maxTrials: 0, bounds: 'none', threads });
      try {
        expect(Math.abs(pool.meanColumnVariance() - serial) / serial).toBeLessThan(1e-12);
      } finally {
        pool.close();
      }
    }
    const pool = new KMeansPool(tiny, 4, 2, new Float64Array(4).fill(1), { k: 2, maxTrials: 0, bounds: 'none', threads: 1 });
    try {
      expect(pool.meanColumnVariance()).toBe(2.125);
    } finally {
      pool.close();
    }
  });
});
