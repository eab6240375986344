import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, InputError, KMeans, KMeansModel, Matrix, paramDefaults, Rng, UsageError } from '../../../src';
import { distsJs, kppPotJs, sqDist } from '../../../src/cluster/kmeans/kmeansKernels';
import { kmeansPlusPlus } from '../../../src/cluster/kmeans/kmeansInit';
import { KMEANS_THREAD_MIN_WORK, KMeansPool } from '../../../src/cluster/kmeans/KMeansPool';
import { kmeansSingleRun } from '../../../src/cluster/kmeans/kmeansSingleRun';
import { kmeansParamsSchema } from '../../../src/cluster/kmeans/kmeansParams';
import { compileKMeansWasm } from '../../../src/cluster/kmeans/kmeansWasm';
import { blobs, inertiaOf, matchedShare, recordingProgress, repeatRows, samePartition } from './kmeansFixtures';

/** Two obvious groups of three points: centroids (1/3, 1/3) and (31/3, 31/3), inertia 2 × 4/3. */
const SIX = Matrix.fromRows(
  [
    [0, 0],
    [0, 1],
    [1, 0],
    [10, 10],
    [10, 11],
    [11, 10],
  ],
  ['recency', 'frequency'],
);
const ALGORITHMS = ['lloyd', 'hamerly', 'elkan'] as const;
const roundTrip = (m: KMeansModel): KMeansModel => KMeansModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
const sortRows = (rows: number[][]): number[][] => [...rows].sort((a, b) => a[0]! - b[0]!);

/**
 * Plain Lloyd with scikit-learn's stopping rules, written for clarity rather than speed: the
 * reference the fast implementation must reproduce from the same start.
 */
function referenceLloyd(X: Matrix, init: number[][], maxIter: number, tolAbs: number) {
  const rows = X.toRows();
  let centres = init.map((c) => [...c]);
  let labels = rows.map(() => -1);
  const nearest = (x: number[]) => {
    let best = 0;
    let bd = Infinity;
    centres.forEach((c, j) => {
      const d2 = c.reduce((s, v, t) => s + (x[t]! - v) ** 2, 0);
      if (d2 < bd) {
        bd = d2;
        best = j;
      }
    });
    return best;
  };
  let strict = false;
  let it = 0;
  while (it < maxIter) {
    const next = rows.map(nearest);
    const sums = centres.map((c) => c.map(() => 0));
    const counts = centres.map(() => 0);
    rows.forEach((x, i) => {
      counts[next[i]!]!++;
      x.forEach((v, t) => (sums[next[i]!]![t]! += v));
    });
    if (counts.some((c) => c === 0)) throw new Error('reference: empty cluster');
    const moved = sums.map((s, j) => s.map((v) => v / counts[j]!));
    const shift = moved.reduce((s, c, j) => s + c.reduce((a, v, t) => a + (v - centres[j]![t]!) ** 2, 0), 0);
    centres = moved;
    it++;
    const same = next.every((l, i) => l === labels[i]);
    labels = next;
    if (same) {
      strict = true;
      break;
    }
    if (shift <= tolAbs) break;
  }
  if (!strict) labels = rows.map(nearest);
  return { centres, labels, nIter: it, inertia: inertiaOf(X, centres, labels) };
}

function meanVariance(X: Matrix): number {
  let total = 0;
  for (let j = 0; j < X.cols; j++) {
    const col = X.column(j);
    const m = col.reduce((s, v) => s + v, 0) / col.length;
    total += col.reduce((s, v) => s + (v - m) ** 2, 0) / col.length;
  }
  return total / X.cols;
}

describe('KMeans on a hand-computed fixture', () => {
  it.each(ALGORITHMS)('%s finds the two groups: exact centroids, labels and inertia', (algorithm) => {
    const m = new KMeans({ k: 2, algorithm, seed: 7 }).fit(SIX);
    const [a, b] = sortRows(m.centroids.toRows());
    expect(a![0]).toBeCloseTo(1 / 3, 12);
    expect(a![1]).toBeCloseTo(1 / 3, 12);
    expect(b![0]).toBeCloseTo(31 / 3, 12);
    expect(b![1]).toBeCloseTo(31 / 3, 12);
    // Each group: squared distances 2/9, 5/9, 5/9 from its centroid.
    expect(m.inertia).toBeCloseTo(8 / 3, 12);
    const l = Array.from(m.labels);
    expect(l.slice(0, 3).every((x) => x === l[0])).toBe(true);
    expect(l.slice(3).every((x) => x === l[3])).toBe(true);
    expect(l[0]).not.toBe(l[3]);
    expect(m.converged).toBe(true);
    expect(m.kind).toBe('kmeans');
    expect(m.k).toBe(2);
    expect(m.columns).toEqual(['recency', 'frequency']);
    expect(m.centroids.columns).toEqual(['recency', 'frequency']);
  });

  it('random init and given centres reach the same answer; given centres fix the label order', () => {
    const r = new KMeans({ k: 2, init: 'random', seed: 3 }).fit(SIX);
    expect(r.inertia).toBeCloseTo(8 / 3, 12);
    const g = new KMeans({ k: 2, init: [[9, 9], [2, 2]] }).fit(SIX);
    expect(Array.from(g.labels)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(g.centroids.toRows()[0]![0]).toBeCloseTo(31 / 3, 12);
    // From these centres the first assignment is already final: the second iteration changes no label.
    expect(g.nIter).toBe(2);
    const fromMatrix = new KMeans({ k: 2, init: Matrix.fromRows([[9, 9], [2, 2]]) }).fit(SIX);
    expect(fromMatrix.centroids.toRows()).toEqual(g.centroids.toRows());
  });

  it('predict gives the training labels; transform gives Euclidean distances to each centroid', () => {
    const m = new KMeans({ k: 2, init: [[0, 0], [10, 10]] }).fit(SIX);
    expect(Array.from(m.predict(SIX))).toEqual(Array.from(m.labels));
    const newRows = Matrix.fromRows([[1, 1], [9, 12]], ['recency', 'frequency']);
    expect(Array.from(m.predict(newRows))).toEqual([0, 1]);
    const D = m.transform(newRows);
    expect(D.columns).toEqual(['distance_0', 'distance_1']);
    expect(D.get(0, 0)).toBeCloseTo(Math.hypot(1 - 1 / 3, 1 - 1 / 3), 12);
    expect(D.get(1, 1)).toBeCloseTo(Math.hypot(9 - 31 / 3, 12 - 31 / 3), 12);
    expect(m.predict(Matrix.zeros(0, 2, ['recency', 'frequency'])).length).toBe(0);
  });
});

describe('KMeans matches a plain Lloyd reference and its accelerated variants match each other', () => {
  // Overlapping blobs so that runs take many iterations and the bounds have work to do.
  const { X } = blobs(4000, 5, 9, 11, 3.5);
  const init = X.toRows().filter((_, i) => i % 397 === 0).slice(0, 7);
  const tol = 1e-6;

  it('Lloyd reproduces the reference from the same start (labels, centroids, iterations)', () => {
    const ref = referenceLloyd(X, init, 300, tol * meanVariance(X));
    const m = new KMeans({ k: 7, init, algorithm: 'lloyd', tol }).fit(X);
    expect(ref.nIter).toBeGreaterThan(10);
    expect(m.nIter).toBe(ref.nIter);
    expect(Array.from(m.labels)).toEqual(ref.labels);
    m.centroids.toRows().forEach((c, j) => c.forEach((v, t) => expect(Math.abs(v - ref.centres[j]![t]!)).toBeLessThan(1e-9)));
    expect(m.inertia).toBeCloseTo(ref.inertia, 6);
  });

  it.each(['hamerly', 'elkan'] as const)('%s gives the same labels, centroids and iterations as Lloyd', (algorithm) => {
    for (const start of [{ init }, { init: 'random' as const, seed: 5 }, { init: 'k-means++' as const, seed: 9 }]) {
      const lloyd = new KMeans({ k: 7, tol, nInit: 1, ...start, algorithm: 'lloyd' }).fit(X);
      const fast = new KMeans({ k: 7, tol, nInit: 1, ...start, algorithm }).fit(X);
      expect(fast.nIter).toBe(lloyd.nIter);
      expect(Array.from(fast.labels)).toEqual(Array.from(lloyd.labels));
      const a = fast.centroids.data;
      const b = lloyd.centroids.data;
      for (let q = 0; q < a.length; q++) expect(Math.abs(a[q]! - b[q]!)).toBeLessThan(1e-9);
      expect(Math.abs(fast.inertia - lloyd.inertia) / lloyd.inertia).toBeLessThan(1e-12);
    }
  });

  it('labels always match the final centroids, also when maxIter stops the run', () => {
    const m = new KMeans({ k: 7, init: 'random', seed: 2, maxIter: 2, nInit: 1 }).fit(X);
    expect(m.nIter).toBe(2);
    expect(m.converged).toBe(false);
    expect(Array.from(m.predict(X))).toEqual(Array.from(m.labels));
    expect(m.inertia).toBeCloseTo(inertiaOf(X, m.centroids.toRows(), m.labels), 6);
  });

  it('tol is relative to the mean column variance: a huge tol stops after one iteration', () => {
    const m = new KMeans({ k: 7, init, tol: 1e6 }).fit(X);
    expect(m.nIter).toBe(1);
    expect(m.converged).toBe(true);
    const scaled = new Matrix(X.data.map((v) => v * 1000), X.rows, X.cols, X.columns);
    const a = new KMeans({ k: 7, init, tol }).fit(X);
    const b = new KMeans({ k: 7, init: init.map((r) => r.map((v) => v * 1000)), tol }).fit(scaled);
    expect(b.nIter).toBe(a.nIter);
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
  });
});

describe('KMeans on well-separated blobs', () => {
  const { X, truth } = blobs(3000, 4, 6, 21, 0.8);

  it('recovers the generating partition and keeps the best of nInit runs', () => {
    const m = new KMeans({ k: 6, seed: 1 }).fit(X);
    expect(samePartition(m.labels, truth)).toBe(true);
    const single = [0, 1, 2].map((r) => new KMeans({ k: 6, seed: r, nInit: 1 }).fit(X).inertia);
    expect(m.inertia).toBeLessThanOrEqual(Math.min(...single) * (1 + 1e-12));
  });

  it('the same seed gives the same model; another seed another start', () => {
    const a = new KMeans({ k: 9, seed: 4, nInit: 1 }).fit(X);
    const b = new KMeans({ k: 9, seed: 4, nInit: 1 }).fit(X);
    const c = new KMeans({ k: 9, seed: 5, nInit: 1 }).fit(X);
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(c.centroids.toRows()).not.toEqual(a.centroids.toRows());
  });

  it('agrees with ml-kmeans 7: same partition, inertia no worse than 1.01 × theirs', async () => {
    const { kmeans } = await import('ml-kmeans');
    const rows = X.toRows();
    const theirs = kmeans(rows, 6, { seed: 3, initialization: 'kmeans++' });
    const ours = new KMeans({ k: 6, seed: 3 }).fit(X);
    expect(samePartition(ours.labels, theirs.clusters)).toBe(true);
    expect(ours.inertia).toBeLessThanOrEqual(inertiaOf(X, theirs.centroids, theirs.clusters) * 1.01);
  });

  it('on overlapping blobs our inertia is no worse than 1.01 × ml-kmeans', async () => {
    const { kmeans } = await import('ml-kmeans');
    const hard = blobs(3000, 3, 10, 8, 2.5).X;
    const rows = hard.toRows();
    const ours = new KMeans({ k: 10, seed: 0 }).fit(hard);
    for (const seed of [1, 2, 3]) {
      const theirs = kmeans(rows, 10, { seed, initialization: 'kmeans++' });
      const theirInertia = inertiaOf(hard, theirs.centroids, theirs.clusters);
      expect(ours.inertia).toBeLessThanOrEqual(theirInertia * 1.01);
      expect(matchedShare(ours.labels, theirs.clusters)).toBeGreaterThan(0.8);
    }
  });
});

describe('KMeans sample weights', () => {
  const { X } = blobs(400, 3, 4, 5, 2);
  const times = Array.from({ length: X.rows }, (_, i) => 1 + (i % 3));

  it('no weights is the same fit, bit for bit, as every weight 1 (each start rule)', () => {
    const fits = (['k-means++', 'random'] as const).map((init) => {
      const none = new KMeans({ k: 4, init, seed: 3, nInit: 2 }).fit(X);
      const ones = new KMeans({ k: 4, init, seed: 3, nInit: 2 }).fit(X, { sampleWeight: new Float64Array(X.rows).fill(1) });
      return [none, ones] as const;
    });
    expect(fits.map(([a]) => [Array.from(a.centroids.data), a.inertia, Array.from(a.labels)])).toEqual(
      fits.map(([, b]) => [Array.from(b.centroids.data), b.inertia, Array.from(b.labels)]),
    );
  });

  it('a weighted fit equals the fit on rows repeated weight times (given start)', () => {
    const init = X.toRows().slice(0, 4);
    for (const algorithm of ALGORITHMS) {
      // tol 0: stop on stable labels only (the tolerance scales with the unweighted variance, which repetition changes).
      const weighted = new KMeans({ k: 4, init, algorithm, tol: 0 }).fit(X, { sampleWeight: times });
      const repeated = new KMeans({ k: 4, init, algorithm, tol: 0 }).fit(repeatRows(X, times));
      expect(weighted.nIter).toBe(repeated.nIter);
      const a = weighted.centroids.data;
      const b = repeated.centroids.data;
      for (let q = 0; q < a.length; q++) expect(Math.abs(a[q]! - b[q]!)).toBeLessThan(1e-9);
      expect(weighted.inertia).toBeCloseTo(repeated.inertia, 8);
      const expanded = Array.from(weighted.labels).flatMap((l, i) => Array(times[i]!).fill(l));
      expect(Array.from(repeated.labels)).toEqual(expanded);
    }
  });

  it('a weighted fit equals the fit on repeated rows with k-means++ on separated groups', () => {
    const sep = blobs(300, 2, 3, 14, 0.5).X;
    const w = Array.from({ length: sep.rows }, (_, i) => (i % 4 === 0 ? 3 : 1));
    const weighted = new KMeans({ k: 3, seed: 1, tol: 0 }).fit(sep, { sampleWeight: Float64Array.from(w) });
    const repeated = new KMeans({ k: 3, seed: 1, tol: 0 }).fit(repeatRows(sep, w));
    expect(weighted.inertia).toBeCloseTo(repeated.inertia, 8);
    expect(sortRows(weighted.centroids.toRows()).flat().map((v) => v.toFixed(9))).toEqual(
      sortRows(repeated.centroids.toRows()).flat().map((v) => v.toFixed(9)),
    );
  });

  it('zero-weight rows get a label but move no centre; inertia is weighted', () => {
    const far = Matrix.fromRows([...SIX.toRows(), [100, -50]], SIX.columns);
    const m = new KMeans({ k: 2, seed: 2 }).fit(far, { sampleWeight: [1, 1, 1, 2, 2, 2, 0] });
    const [a, b] = sortRows(m.centroids.toRows());
    expect(a).toEqual([1 / 3, 1 / 3].map((v) => expect.closeTo(v, 12)));
    expect(b).toEqual([31 / 3, 31 / 3].map((v) => expect.closeTo(v, 12)));
    expect(m.inertia).toBeCloseTo(4 / 3 + 2 * (4 / 3), 12);
    expect(m.labels[6]).toBe(m.labels[3]);
  });
});

describe('KMeans empty clusters', () => {
  it('an empty cluster takes the row farthest from its centre (scikit-learn relocation)', () => {
    // Centre 100 gets no row; the farthest row from its own centre is 2.5 (2.25 from centre 1).
    const X = Matrix.fromRows([[0], [1], [2.5], [10], [11], [12]], ['x']);
    for (const algorithm of ALGORITHMS) {
      const m = new KMeans({ k: 3, init: [[1], [11], [100]], algorithm }).fit(X);
      expect(m.centroids.toRows()).toEqual([[0.5], [11], [2.5]]);
      expect(Array.from(m.labels)).toEqual([0, 0, 2, 1, 1, 1]);
      expect(m.inertia).toBeCloseTo(0.25 + 0.25 + 1 + 1, 12);
      expect(m.converged).toBe(true);
    }
  });

  it('no cluster ends empty, even with a start that duplicates rows', () => {
    const { X } = blobs(500, 2, 5, 3, 1);
    const dup = X.toRows()[0]!;
    const m = new KMeans({ k: 5, init: [dup, dup, dup, dup, dup] }).fit(X);
    const counts = new Array(5).fill(0);
    for (const l of m.labels) counts[l]++;
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(Array.from(m.predict(X))).toEqual(Array.from(m.labels));
  });

  it('fewer distinct rows than k is a clear InputError', () => {
    const X = Matrix.fromRows([[1, 2], [1, 2], [3, 4], [3, 4], [1, 2]]);
    expect(() => new KMeans({ k: 3 }).fit(X)).toThrow(/only 2 distinct row\(s\).*fewer than k=3/);
    expect(() => new KMeans({ k: 3, init: 'random', seed: 1 }).fit(X)).toThrow(InputError);
  });
});

describe('KMeans threads', () => {
  // Large enough to pass the threshold: rows × columns × k above KMEANS_THREAD_MIN_WORK.
  const { X } = blobs(120_000, 8, 6, 9, 2.5);

  it('1 and 2 threads give identical labels, centroids and inertia (deterministic block sums)', () => {
    expect(X.rows * X.cols * 6).toBeGreaterThanOrEqual(KMEANS_THREAD_MIN_WORK);
    for (const algorithm of ['hamerly', 'lloyd'] as const) {
      const one = recordingProgress();
      const two = recordingProgress();
      const a = new KMeans({ k: 6, seed: 3, nInit: 2, algorithm, threads: 1 }).fit(X, { progress: one });
      const b = new KMeans({ k: 6, seed: 3, nInit: 2, algorithm, threads: 2 }).fit(X, { progress: two });
      expect(one.log.at(-1)).toMatch(/1 thread\(s\)/);
      expect(two.log.at(-1)).toMatch(/2 thread\(s\), worker threads ran \d+% of the blocks/);
      expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
      expect(Math.abs(b.inertia - a.inertia) / a.inertia).toBeLessThan(1e-9);
      expect(Array.from(b.centroids.data)).toEqual(Array.from(a.centroids.data));
      expect(b.nIter).toBe(a.nIter);
    }
  });

  it('small inputs stay on one thread whatever threads says', () => {
    const progress = recordingProgress();
    new KMeans({ k: 2, threads: 2 }).fit(SIX, { progress });
    expect(progress.log.at(-1)).toMatch(/1 thread\(s\)/);
  });
});

describe('KMeans JSON', () => {
  const { X } = blobs(600, 3, 4, 2, 1.5);

  it('round trip keeps every field and gives identical predictions', () => {
    for (const m of [new KMeans({ k: 4, seed: 8 }).fit(X), new KMeans({ k: 4, init: X.toRows().slice(0, 4), algorithm: 'elkan', threads: 1 }).fit(X)]) {
      const back = roundTrip(m);
      expect(back.toJSON()).toEqual(m.toJSON());
      expect(back.toJSON().schemaVersion).toBe(1);
      expect(Array.from(back.predict(X))).toEqual(Array.from(m.predict(X)));
      expect(Array.from(back.transform(X).data)).toEqual(Array.from(m.transform(X).data));
      expect(back.inertia).toBe(m.inertia);
      expect(back.nIter).toBe(m.nIter);
    }
    expect(KMeansModel.fromJSON(JSON.stringify(new KMeans({ k: 2 }).fit(SIX).toJSON())).k).toBe(2);
  });

  it('a malformed save names the bad field', () => {
    const json = new KMeans({ k: 2, seed: 1 }).fit(SIX).toJSON();
    expect(() => KMeansModel.fromJSON({ ...json, kind: 'gmm' })).toThrow(/Invalid KMeans JSON: kind/);
    expect(() => KMeansModel.fromJSON({ ...json, centroids: [[1, 2], [3]] })).toThrow(/centroids\.1 has 1 values, expected one per column \(2\)/);
    expect(() => KMeansModel.fromJSON({ ...json, centroids: [[1, 2]] })).toThrow(/centroids has 1 rows, expected k=2/);
    expect(() => KMeansModel.fromJSON({ ...json, labels: [0, 1, 2, 0, 0, 0] })).toThrow(/labels\.2 is 2/);
    expect(() => KMeansModel.fromJSON({ ...json, params: { ...json.params, algorithm: 'fast' } })).toThrow(/params\.algorithm/);
    expect(() => KMeansModel.fromJSON({ ...json, inertia: -1 })).toThrow(/inertia/);
    expect(() => KMeansModel.fromJSON('{not json')).toThrow(UsageError);
  });
});

describe('KMeans errors', () => {
  it('rejects bad parameters, naming them', () => {
    expect(() => new KMeans({ k: 0 })).toThrow(/Invalid KMeans k: got 0, expected a whole number >= 1/);
    expect(() => new KMeans({ k: 2.5 })).toThrow(/KMeans k/);
    expect(() => new KMeans({ k: 2, nInit: 0 })).toThrow(/KMeans nInit/);
    expect(() => new KMeans({ k: 2, tol: -1 })).toThrow(/KMeans tol/);
    expect(() => new KMeans({ k: 2, algorithm: 'fast' as never })).toThrow(/KMeans algorithm.*auto, lloyd, elkan, hamerly/);
    expect(() => new KMeans({ k: 2, threads: 0 })).toThrow(/KMeans threads/);
    expect(() => new KMeans({ k: 2, init: 'kmeans++' as never })).toThrow(/KMeans init/);
    expect(() => new KMeans({ k: 2, init: [[1, 2]] })).toThrow(/k=2 rows/);
    expect(() => new KMeans({ k: 2, init: [[1, 2], [1]] })).toThrow(/init row 2/);
    expect(() => new KMeans({ k: 2, init: [[1, 2], [1, NaN]] })).toThrow(/init row 2/);
    expect(() => new KMeans({ k: 2, init: [[1, 2, 3], [1, 2, 3]] }).fit(SIX)).toThrow(/init has 3 values per centre but X has 2 columns/);
    // A misspelt param is an error, not silently the default.
    expect(() => new KMeans({ k: 2, n_init: 10 } as never)).toThrow('Invalid KMeans params: unknown key "n_init"; KMeans takes k, nInit, maxIter, tol, seed, init, nLocalTrials, algorithm, threads.');
  });

  it('declares each default once (kmeansParamsSchema): 4 restarts, DEFAULT_SEED, what the cluster stage runs', () => {
    const { params } = new KMeans({ k: 3 });
    expect(params).toEqual({ k: 3, nInit: 4, maxIter: 300, tol: 1e-4, seed: DEFAULT_SEED, init: 'k-means++', nLocalTrials: 3, algorithm: 'auto', threads: 'auto' });
    expect(paramDefaults(kmeansParamsSchema)).toEqual({ nInit: 4, maxIter: 300, tol: 1e-4, seed: 42, init: 'k-means++', algorithm: 'auto', threads: 'auto' });
    expect(new KMeans({ k: 3 }).fit(SIX).toJSON().params).toEqual(params);
  });

  it('names the problem with the input', () => {
    expect(() => new KMeans({ k: 2 }).fit(Matrix.zeros(0, 2))).toThrow(/0 rows/);
    const nan = Matrix.fromRows([[1, 2], [3, NaN], [5, 6]], ['spend', 'visits']);
    expect(() => new KMeans({ k: 2 }).fit(nan)).toThrow(InputError);
    expect(() => new KMeans({ k: 2 }).fit(nan)).toThrow(/row 2, column "visits": value NaN is not a finite number/);
    const inf = Matrix.fromRows([[1, 2], [3, 4], [Infinity, 6]], ['spend', 'visits']);
    expect(() => new KMeans({ k: 2 }).fit(inf)).toThrow(/row 3, column "spend": value Infinity/);
    const three = Matrix.fromRows([[1, 2], [3, 4], [5, 7]]);
    expect(() => new KMeans({ k: 8 }).fit(three)).toThrow(/n_samples=3 should be >= n_clusters=8/);
    const constant = Matrix.fromRows([[1, 5], [2, 5], [3, 5]], ['a', 'b']);
    expect(() => new KMeans({ k: 2 }).fit(constant)).toThrow(/constant-column\] column "b"/);
  });

  it('checks sample weights', () => {
    expect(() => new KMeans({ k: 2 }).fit(SIX, { sampleWeight: [1, 1] })).toThrow(/sampleWeight has 2 values, expected one per row \(6\)/);
    expect(() => new KMeans({ k: 2 }).fit(SIX, { sampleWeight: [1, 1, -1, 1, 1, 1] })).toThrow(/sampleWeight at row 3 is -1/);
    expect(() => new KMeans({ k: 2 }).fit(SIX, { sampleWeight: [0, 0, 0, 0, 0, 1] })).toThrow(/only 1 row\(s\) have a positive sampleWeight; k=2/);
  });

  it('predict and transform check the columns and values', () => {
    const m = new KMeans({ k: 2 }).fit(SIX);
    expect(() => m.predict(Matrix.fromRows([[1, 2]], ['frequency', 'recency']))).toThrow(/column 1 is "frequency", expected "recency"/);
    expect(() => m.transform(Matrix.fromRows([[1, 2, 3]], ['recency', 'frequency', 'x']))).toThrow(/3 columns, expected 2/);
    expect(() => m.predict(Matrix.fromRows([[1, NaN]], ['recency', 'frequency']))).toThrow(/KMeansModel\.predict.*row 1, column "frequency"/s);
  });
});

describe('KMeans progress', () => {
  it('reports one step per run with its iterations', () => {
    const progress = recordingProgress();
    const m = new KMeans({ k: 2, nInit: 2, seed: 1 }).fit(SIX, { progress });
    expect(progress.log.filter((l) => l.startsWith('start'))).toEqual(['start k-means k=2, run 1/2 300', 'start k-means k=2, run 2/2 300']);
    expect(progress.log).toContain('update 1');
    expect(progress.log.filter((l) => l.startsWith('end'))[0]).toMatch(/^end \d+ iteration\(s\), inertia 2\.66667$/);
    expect(m.inertia).toBeCloseTo(8 / 3, 12);
  });
});

describe('KMeans k-means++', () => {
  it('never starts from a zero-weight row', () => {
    const rng = new Rng(1);
    // Ten rows near the origin carry all the weight; forty far away carry none.
    const X = Matrix.fromRows(Array.from({ length: 50 }, (_, i) => [rng.normal(i < 10 ? 0 : 100), rng.normal(i < 10 ? 0 : 100)]));
    const w = Array.from({ length: 50 }, (_, i) => (i < 10 ? 1 : 0));
    for (const init of ['k-means++', 'random'] as const) {
      for (let seed = 0; seed < 5; seed++) {
        // One iteration: a centre is its start row or the weighted mean of its rows; both near the origin.
        const m = new KMeans({ k: 3, seed, init, nInit: 1, maxIter: 1 }).fit(X, { sampleWeight: w });
        expect(m.centroids.toRows().every(([x, y]) => Math.abs(x!) < 10 && Math.abs(y!) < 10)).toBe(true);
      }
    }
  });

  it('picks spread-out starts: one per blob on well-separated data, before any iteration', () => {
    const { X, truth } = blobs(2000, 3, 5, 31, 0.3);
    const m = new KMeans({ k: 5, seed: 0, nInit: 1, maxIter: 1 }).fit(X);
    expect(samePartition(m.labels, truth)).toBe(true);
  });
});

describe('KMeans kernels', () => {
  // The WebAssembly kernel and its JavaScript twin must agree to the last bit (odd and even d, k not a multiple of 4).
  const shapes = [
    [12, 8],
    [7, 5],
    [1, 3],
    [2, 1],
    [13, 9],
  ] as const;
  const setup = (shared: boolean) => {
    const module = compileKMeansWasm(shared);
    expect(module).not.toBeNull();
    const WA = (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => { buffer: ArrayBuffer }; Instance: new (m: object, i: object) => { exports: Record<string, (...a: number[]) => void> } } }).WebAssembly;
    const mem = shared ? new WA.Memory({ initial: 4, maximum: 16, shared: true }) : new WA.Memory({ initial: 4 });
    const kernels = new WA.Instance(module!, { env: { mem } }).exports;
    return { F: new Float64Array(mem.buffer), I: new Int32Array(mem.buffer), kernels };
  };

  it.each([false, true])('dists, accumulate and kppPot equal their JavaScript versions bit for bit (shared memory: %s)', (shared) => {
    const rng = new Rng(3);
    for (const [d, k] of shapes) {
      const { F, I, kernels } = setup(shared);
      const rows = 70;
      const x = 0;
      const c = rows * d + 1;
      const out = c + k * d + 1;
      const out2 = out + rows * k + 1;
      const w = out2 + rows * k + 1;
      const sums = w + rows + 1;
      const sums2 = sums + k * d + k + 1;
      const lab = (sums2 + k * d + k + 1) * 2;
      for (let i = 0; i < w + rows; i++) F[i] = rng.uniform(-50, 50);
      for (let r = 0; r < rows; r++) I[lab + r] = rng.int(k);
      kernels.dists!(x * 8, rows, d, c * 8, k, out * 8);
      distsJs(F, x, rows, d, c, k, out2);
      expect(Array.from(F.subarray(out, out + rows * k))).toEqual(Array.from(F.subarray(out2, out2 + rows * k)));
      for (let r = 0; r < rows * k; r++) expect(F[out + r]).toBe(sqDist(F, x + Math.floor(r / k) * d, F, c + (r % k) * d, d));

      kernels.accumulate!(x * 8, rows, d, lab * 4, w * 8, sums * 8, (sums + k * d) * 8);
      for (let r = 0; r < rows; r++) {
        const l = I[lab + r]!;
        F[sums2 + k * d + l] += F[w + r]!;
        for (let t = 0; t < d; t++) F[sums2 + l * d + t] += F[w + r]! * F[x + r * d + t]!;
      }
      expect(Array.from(F.subarray(sums, sums + k * d + k))).toEqual(Array.from(F.subarray(sums2, sums2 + k * d + k)));

      // kppPot over the distance matrix: closest = the x values of column 0 squared, candCC from c.
      const closest = c;
      const pot = sums;
      const pot2 = sums2;
      for (let t = 0; t < k; t++) F[pot + t] = F[pot2 + t] = 0;
      kernels.kppPot!(out * 8, rows, k, k, closest * 8, lab * 4, w * 8, x * 8, k, pot * 8);
      kppPotJs(F, I, out, rows, k, k, closest, lab, w, x, k, pot2);
      expect(Array.from(F.subarray(pot, pot + k))).toEqual(Array.from(F.subarray(pot2, pot2 + k)));
    }
  });
});

describe('KMeans pool', () => {
  it('the WebAssembly and JavaScript kernels give bit-identical fits, on one thread and on two', () => {
    const fit = (X: Matrix, kernel: 'auto' | 'js', threads: number, assignment: 'hamerly' | 'lloyd' | 'elkan') => {
      const w = new Float64Array(X.rows).map((_, i) => 1 + (i % 3));
      const pool = new KMeansPool(X.data, X.rows, X.cols, w, { k: 6, maxTrials: 3, bounds: assignment === 'lloyd' ? 'none' : assignment, threads, kernel });
      try {
        const pending = kmeansPlusPlus(pool, new Rng(5), 3, 'test');
        const run = kmeansSingleRun(pool, assignment, 300, 1e-6, 'test', undefined, pending);
        return { wasm: pool.wasm, threads: pool.threads, ...run };
      } finally {
        pool.close();
      }
    };
    const same = (a: ReturnType<typeof fit>, b: ReturnType<typeof fit>) => {
      expect(b.nIter).toBe(a.nIter);
      expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
      expect(Array.from(b.centres)).toEqual(Array.from(a.centres));
      expect(b.inertia).toBe(a.inertia);
    };
    const small = blobs(20_000, 7, 5, 4, 3).X;
    for (const assignment of ['hamerly', 'lloyd', 'elkan'] as const) {
      const wasm = fit(small, 'auto', 1, assignment);
      const js = fit(small, 'js', 1, assignment);
      expect([wasm.wasm, js.wasm]).toEqual([true, false]);
      same(wasm, js);
    }
    // Large enough for a worker thread (rows × columns × k above the threshold).
    const large = blobs(100_000, 7, 5, 4, 3).X;
    const wasm = fit(large, 'auto', 1, 'hamerly');
    const js2 = fit(large, 'js', 2, 'hamerly');
    expect([js2.wasm, js2.threads]).toEqual([false, 2]);
    same(wasm, js2);
  });
});
