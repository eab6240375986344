import { describe, expect, it } from 'vitest';
import { KMeans } from '../../../src/cluster/kmeans/KMeans';
import { MiniBatchKMeans } from '../../../src/cluster/minibatch/MiniBatchKMeans';
import { MiniBatchKMeansModel } from '../../../src/cluster/minibatch/MiniBatchKMeansModel';
import { InputError, UsageError } from '../../../src/core/errors';
import { Matrix } from '../../../src/core/Matrix';
import { blobs, inertiaOf, recordingProgress, samePartition } from '../kmeans/kmeansFixtures';

const roundTrip = (m: MiniBatchKMeansModel): MiniBatchKMeansModel => MiniBatchKMeansModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
const sortRows = (rows: number[][]): number[][] => [...rows].sort((a, b) => a[0]! - b[0]!);

describe('MiniBatchKMeans on hand-computed fixtures', () => {
  it('two groups of repeated points: exact centroids, labels and zero inertia', () => {
    // Every batch row of a group is the same point, so each running mean is that point exactly.
    const X = Matrix.fromRows([[1, 2], [1, 2], [1, 2], [7, -3], [7, -3], [7, -3]], ['a', 'b']);
    const m = new MiniBatchKMeans({ k: 2, seed: 4 }).fit(X);
    expect(sortRows(m.centroids.toRows())).toEqual([[1, 2], [7, -3]]);
    expect(m.inertia).toBe(0);
    expect(samePartition(m.labels, [0, 0, 0, 1, 1, 1])).toBe(true);
    expect(m.kind).toBe('minibatch-kmeans');
    expect(m.columns).toEqual(['a', 'b']);
  });

  it('centres are weighted running means: one step from given centres on a batch of all rows', () => {
    // batchSize ≥ rows draws rows with replacement, so check the update rule on its own terms:
    // after the run every centre lies inside its group's bounding box and labels match the groups.
    const X = Matrix.fromRows([[0, 0], [0, 1], [1, 0], [10, 10], [10, 11], [11, 10]]);
    const m = new MiniBatchKMeans({ k: 2, init: [[0.5, 0.5], [10.5, 10.5]], batchSize: 6, maxIter: 5 }).fit(X);
    const [a, b] = m.centroids.toRows();
    expect(a!.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(b!.every((v) => v >= 10 && v <= 11)).toBe(true);
    expect(Array.from(m.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(m.inertia).toBeCloseTo(inertiaOf(X, m.centroids.toRows(), m.labels), 12);
    // The optimum (k-means) is 8/3; mini-batch centres can only do as well or worse.
    expect(m.inertia).toBeGreaterThanOrEqual(8 / 3 - 1e-12);
  });
});

describe('MiniBatchKMeans on blobs', () => {
  const { X, truth } = blobs(20_000, 5, 6, 17, 1);

  it('recovers well-separated blobs with inertia close to full k-means', () => {
    const mb = new MiniBatchKMeans({ k: 6, seed: 1 }).fit(X);
    const full = new KMeans({ k: 6, seed: 1 }).fit(X);
    expect(samePartition(mb.labels, truth)).toBe(true);
    expect(mb.inertia).toBeGreaterThanOrEqual(full.inertia * (1 - 1e-9));
    expect(mb.inertia).toBeLessThan(full.inertia * 1.02);
    // Final labels and inertia cover every row and match the centroids.
    expect(Array.from(mb.predict(X))).toEqual(Array.from(mb.labels));
    expect(mb.inertia).toBeCloseTo(inertiaOf(X, mb.centroids.toRows(), mb.labels), 3);
  });

  it('stops early when the smoothed batch inertia stops improving', () => {
    const early = new MiniBatchKMeans({ k: 6, seed: 2, maxNoImprovement: 3 }).fit(X);
    const steps = Math.floor((100 * X.rows) / 1024);
    expect(early.converged).toBe(true);
    expect(early.nSteps).toBeLessThan(steps);
    expect(early.nIter).toBe(Math.ceil((early.nSteps * 1024) / X.rows));
    const all = new MiniBatchKMeans({ k: 6, seed: 2, maxNoImprovement: null, maxIter: 2 }).fit(X);
    expect(all.converged).toBe(false);
    expect(all.nSteps).toBe(Math.floor((2 * X.rows) / 1024));
    expect(all.nIter).toBe(2);
  });

  it('tol stops on small centre moves', () => {
    const m = new MiniBatchKMeans({ k: 6, seed: 3, maxNoImprovement: null, tol: 1e-2 }).fit(X);
    expect(m.converged).toBe(true);
    expect(m.nSteps).toBeLessThan(Math.floor((100 * X.rows) / 1024));
  });

  it('the same seed gives the same model; another seed another one', () => {
    const a = new MiniBatchKMeans({ k: 8, seed: 5 }).fit(X);
    const b = new MiniBatchKMeans({ k: 8, seed: 5 }).fit(X);
    const c = new MiniBatchKMeans({ k: 8, seed: 6 }).fit(X);
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(c.centroids.toRows()).not.toEqual(a.centroids.toRows());
  });

  it('moves a centre that no batch reaches to a batch row (reassignment)', () => {
    const init = [[-100, -100, -100, -100, -100], ...X.toRows().slice(0, 5)];
    const moved = new MiniBatchKMeans({ k: 6, init, seed: 1 }).fit(X);
    const stuck = new MiniBatchKMeans({ k: 6, init, seed: 1, reassignmentRatio: 0 }).fit(X);
    const count = (labels: Int32Array, j: number) => labels.filter((l) => l === j).length;
    // Without reassignment the far centre never moves during training; it ends with no row and the final
    // repair (no cluster may be empty) puts it on the single row farthest from its centre.
    expect(count(stuck.labels, 0)).toBe(1);
    const row = stuck.labels.indexOf(0);
    expect(stuck.centroids.toRows()[0]).toEqual(X.toRows()[row]);
    // With it, the centre moves to a batch row early and ends up serving a real share of the data.
    expect(count(moved.labels, 0)).toBeGreaterThan(X.rows / 20);
  });

  it('reports progress', () => {
    const progress = recordingProgress();
    new MiniBatchKMeans({ k: 3, seed: 1, maxIter: 1 }).fit(X, { progress });
    expect(progress.log[0]).toBe(`start mini-batch k-means k=3 ${Math.floor(X.rows / 1024)}`);
    expect(progress.log).toContain('update 1');
    expect(progress.log.filter((l) => l.startsWith('end'))).toHaveLength(1);
  });
});

describe('MiniBatchKMeans settles where full k-means does (issue 19)', () => {
  // 30,000 × 12 overlapping blobs (sd 5 around 8 centres in [-10, 10]^12), as bench:cluster's 1M-row
  // task. A k-means++ start drawn on a 3,072-row sample could put two centres in one blob; mini-batch
  // steps never move a centre across to the blob left without one, so 4 of these 10 seeds settled
  // 7–12% above full k-means, and more restarts (picked by their untrained inertia) did not help.
  const { X } = blobs(30_000, 12, 8, 4, 5);
  const full = new KMeans({ k: 8, seed: 0, nInit: 4 }).fit(X);

  it('every seed ends within 1% of full k-means inertia', () => {
    const excess = Array.from({ length: 10 }, (_, seed) => new MiniBatchKMeans({ k: 8, seed }).fit(X).inertia / full.inertia - 1);
    expect(excess).toHaveLength(10);
    for (const e of excess) expect(e).toBeLessThan(0.01);
  });

  it('a start is refined by k-means on its sample before restarts are compared', () => {
    // One start, no mini-batch step worth the name (maxIter 1 pass, stop after 1 step without gain):
    // the result is essentially the refined start, which already sits near full k-means' optimum.
    const m = new MiniBatchKMeans({ k: 8, seed: 4, nInit: 3, maxIter: 1, maxNoImprovement: 1 }).fit(X);
    expect(m.inertia / full.inertia - 1).toBeLessThan(0.01);
  });
});

describe('MiniBatchKMeans sample weights', () => {
  it('zero-weight rows never start or move a centre', () => {
    const rows: number[][] = [];
    const w: number[] = [];
    for (let i = 0; i < 300; i++) {
      rows.push([i % 2 ? 0 + (i % 7) * 0.1 : 20 + (i % 5) * 0.1, (i % 3) * 0.1]);
      w.push(1);
    }
    for (let i = 0; i < 300; i++) {
      rows.push([1000 + i, -1000]);
      w.push(0);
    }
    const X = Matrix.fromRows(rows);
    for (const init of ['k-means++', 'random'] as const) {
      const m = new MiniBatchKMeans({ k: 2, seed: 3, init, batchSize: 64 }).fit(X, { sampleWeight: w });
      expect(m.centroids.toRows().every(([x]) => x! > -1 && x! < 21)).toBe(true);
      // The far rows get a label, but their distance counts with weight 0.
      expect(m.inertia).toBeCloseTo(inertiaOf(X, m.centroids.toRows(), m.labels, w), 6);
    }
  });

  it('a heavy row pulls its centre towards it', () => {
    const X = Matrix.fromRows([[0, 0], [1, 0], [0, 1], [1, 1], [10, 10], [11, 10], [10, 11], [11, 11]]);
    const plain = new MiniBatchKMeans({ k: 2, seed: 1, init: [[0.5, 0.5], [10.5, 10.5]] }).fit(X);
    const heavy = new MiniBatchKMeans({ k: 2, seed: 1, init: [[0.5, 0.5], [10.5, 10.5]] }).fit(X, { sampleWeight: [20, 1, 1, 1, 1, 1, 1, 1] });
    const p = plain.centroids.toRows()[0]!;
    const h = heavy.centroids.toRows()[0]!;
    expect(Math.hypot(h[0]!, h[1]!)).toBeLessThan(Math.hypot(p[0]!, p[1]!));
  });
});

describe('MiniBatchKMeans JSON and errors', () => {
  const { X } = blobs(2000, 3, 4, 8, 1);

  it('round trip keeps every field and gives identical predictions', () => {
    const m = new MiniBatchKMeans({ k: 4, seed: 2, batchSize: 256 }).fit(X);
    const back = roundTrip(m);
    expect(back.toJSON()).toEqual(m.toJSON());
    expect(Array.from(back.predict(X))).toEqual(Array.from(m.predict(X)));
    expect(Array.from(back.transform(X).data)).toEqual(Array.from(m.transform(X).data));
    expect(back.nSteps).toBe(m.nSteps);
    expect(MiniBatchKMeansModel.fromJSON(JSON.stringify(m.toJSON())).k).toBe(4);
  });

  it('a malformed save names the bad field', () => {
    const json = new MiniBatchKMeans({ k: 2, seed: 1 }).fit(X).toJSON();
    expect(() => MiniBatchKMeansModel.fromJSON({ ...json, kind: 'kmeans' })).toThrow(/Invalid MiniBatchKMeans JSON: kind/);
    expect(() => MiniBatchKMeansModel.fromJSON({ ...json, params: { ...json.params, batchSize: 0 } })).toThrow(/params\.batchSize/);
    expect(() => MiniBatchKMeansModel.fromJSON({ ...json, centroids: [[1, 2, 3], [1, 2]] })).toThrow(/centroids\.1 has 2 values/);
    expect(() => MiniBatchKMeansModel.fromJSON({ ...json, nSteps: -1 })).toThrow(/nSteps/);
  });

  it('rejects bad parameters and inputs, naming them', () => {
    expect(() => new MiniBatchKMeans({ k: 0 })).toThrow(/Invalid MiniBatchKMeans k: got 0/);
    expect(() => new MiniBatchKMeans({ k: 2, batchSize: 0 })).toThrow(/MiniBatchKMeans batchSize/);
    expect(() => new MiniBatchKMeans({ k: 2, maxNoImprovement: 0 })).toThrow(/maxNoImprovement/);
    expect(() => new MiniBatchKMeans({ k: 2, reassignmentRatio: 2 })).toThrow(/reassignmentRatio/);
    expect(() => new MiniBatchKMeans({ k: 4, initSize: 3 })).toThrow(/initSize.*>= k \(4\)/);
    expect(() => new MiniBatchKMeans({ k: 8 }).fit(Matrix.fromRows([[1, 2], [3, 4], [5, 7]]))).toThrow(/n_samples=3 should be >= n_clusters=8/);
    const nan = Matrix.fromRows([[1, 2], [3, NaN], [5, 6]], ['spend', 'visits']);
    expect(() => new MiniBatchKMeans({ k: 2 }).fit(nan)).toThrow(InputError);
    expect(() => new MiniBatchKMeans({ k: 2 }).fit(nan)).toThrow(/row 2, column "visits"/);
    expect(() => new MiniBatchKMeans({ k: 2 }).fit(X, { sampleWeight: [1] })).toThrow(UsageError);
    const m = new MiniBatchKMeans({ k: 2, seed: 1 }).fit(X);
    expect(() => m.predict(Matrix.fromRows([[1, 2]]))).toThrow(/MiniBatchKMeansModel\.predict.*2 columns, expected 3/);
  });
});
