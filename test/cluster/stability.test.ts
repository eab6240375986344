import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/core/Matrix';
import type { Progress } from '../../src/core/progress';
import type { ClusterModel } from '../../src/cluster/ClusterModel';
import { KMeans } from '../../src/cluster/KMeans';
import { bootstrapStability, STABILITY_THRESHOLDS } from '../../src/cluster/stability';
import { blobs } from './metrics/fixtures';

/** A deterministic 1-D "clusterer": label = number of cuts <= x; values >= noiseFrom are noise. */
function ruleModel(X: Matrix, cuts: number[], noiseFrom = Infinity): ClusterModel {
  const rule = (M: Matrix) => Int32Array.from(M.column(0), (x) => (x >= noiseFrom ? -1 : cuts.filter((c) => c <= x).length));
  return { kind: 'kmeans', k: cuts.length + 1, columns: X.columns, labels: rule(X), predict: rule, toJSON: () => ({ schemaVersion: 1, kind: 'kmeans' }) };
}

const X10 = new Matrix(Float64Array.from({ length: 10 }, (_, i) => i), 10, 1, ['spend']);

describe('bootstrapStability on rule-based clusterers (Jaccard by hand)', () => {
  it('a clustering that every resample reproduces: Jaccard 1, ARI 1, stable', () => {
    const replicates: number[] = [];
    const r = bootstrapStability(X10, (b) => ({ fit: (M: Matrix) => (replicates.push(b), ruleModel(M, [5])) }), { B: 6, seed: 3 });
    expect(replicates).toEqual([0, 1, 2, 3, 4, 5, 6]); // 0 = the fit on all rows
    expect(r.clusters.map((c) => [c.label, c.size, c.meanJaccard, c.verdict, c.dissolved, c.recovered])).toEqual([
      [0, 5, 1, 'stable', 0, 6],
      [1, 5, 1, 'stable', 0, 6],
    ]);
    expect(r.ari).toEqual({ mean: 1, sd: 0, min: 1, max: 1, values: [1, 1, 1, 1, 1, 1] });
    expect(r.meanJaccard).toBe(1);
    expect(r.clusters[0]!.description).toBe('cluster 0 (mean Jaccard 1.00): stable (mean Jaccard >= 0.75): a valid cluster');
    expect(r).toMatchObject({ schemaVersion: 1, B: 6, seed: 3, rows: 10, thresholds: STABILITY_THRESHOLDS });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('bootstrap fits that merge everything: Jaccard = drawn share of the cluster, ARI 0', () => {
    const drawn: Matrix[] = [];
    const r = bootstrapStability(X10, (b) => ({ fit: (M: Matrix) => (b > 0 && drawn.push(M), ruleModel(M, b === 0 ? [5] : [])) }), { B: 8, seed: 1 });
    // Against the single bootstrap cluster (all n drawn rows), cluster C scores |C drawn| / n, rows drawn twice counted twice.
    drawn.forEach((M, b) => {
      const low = Array.from(M.column(0)).filter((x) => x < 5).length;
      expect(r.clusters[0]!.jaccard[b]).toBe(low === 0 ? null : low / 10);
      expect(r.clusters[1]!.jaccard[b]).toBe(low === 10 ? null : (10 - low) / 10);
    });
    expect(r.ari.values).toEqual(Array(8).fill(0));
    expect(r.clusters[0]!.jaccard.map((v, b) => v! + r.clusters[1]!.jaccard[b]!)).toEqual(Array(8).fill(1));
    for (const c of r.clusters) {
      const seen = c.jaccard.filter((v): v is number => v !== null);
      expect(c.meanJaccard).toBeCloseTo(seen.reduce((s, v) => s + v, 0) / seen.length, 14);
      // Shares of two halves average 0.5: below 0.6 either way; the verdict follows Hennig's cut at 0.5.
      expect(c.meanJaccard!).toBeLessThan(0.6);
      expect(c.verdict).toBe(c.meanJaccard! >= 0.5 ? 'doubtful' : 'dissolved');
      expect(c.dissolved).toBe(seen.filter((v) => v <= 0.5).length);
    }
  });

  it('noise rows belong to no cluster: a bootstrap fit that drops 8 and 9 as noise', () => {
    const drawn: Matrix[] = [];
    const r = bootstrapStability(X10, (b) => ({ fit: (M: Matrix) => (b > 0 && drawn.push(M), ruleModel(M, [5], b === 0 ? Infinity : 8)) }), { B: 5, seed: 2 });
    drawn.forEach((M, b) => {
      const xs = Array.from(M.column(0));
      const high = xs.filter((x) => x >= 5).length;
      const kept = xs.filter((x) => x >= 5 && x < 8).length;
      expect(r.clusters[1]!.jaccard[b]).toBe(high === 0 ? null : kept / high);
      expect(r.clusters[0]!.jaccard[b]).toBe(xs.some((x) => x < 5) ? 1 : null);
    });
  });

  it('takes a given original model, is reproducible by seed, reports progress', () => {
    const log: string[] = [];
    const progress: Progress = { start: (s, t) => log.push(`start ${s} ${t}`), update: (d) => log.push(`update ${d}`), end: () => log.push('end'), note: () => {} };
    const replicates: number[] = [];
    const factory = (b: number) => ({ fit: (M: Matrix) => (replicates.push(b), ruleModel(M, b % 2 ? [4] : [6])) });
    const a = bootstrapStability(X10, factory, { B: 4, seed: 7, original: ruleModel(X10, [5]), progress });
    expect(replicates).toEqual([1, 2, 3, 4]);
    expect(log).toEqual(['start bootstrap stability 4', 'update 1', 'update 2', 'update 3', 'update 4', 'end']);
    expect(bootstrapStability(X10, factory, { B: 4, seed: 7, original: ruleModel(X10, [5]) })).toEqual(a);
    const other = bootstrapStability(X10, factory, { B: 4, seed: 8, original: ruleModel(X10, [5]) });
    expect(other.clusters.map((c) => c.jaccard)).not.toEqual(a.clusters.map((c) => c.jaccard));
  });

  it('names its problems', () => {
    const factory = () => ({ fit: (M: Matrix) => ruleModel(M, [5]) });
    expect(() => bootstrapStability(X10, factory, { B: 0 })).toThrow(/Invalid bootstrapStability B: got 0, expected an integer >= 1/);
    expect(() => bootstrapStability(X10, factory, { seed: 0.5 })).toThrow(/bootstrapStability seed/);
    expect(() => bootstrapStability(X10, (() => null) as never)).toThrow(/factory\(0\) must return an estimator with a fit\(X\) method/);
    expect(() => bootstrapStability(X10, factory, { original: ruleModel(new Matrix(new Float64Array(3), 3, 1), [5]) })).toThrow(
      /options.original.labels has 3 values, expected one per row of X \(10\)/,
    );
    expect(() => bootstrapStability(X10, () => ({ fit: (M: Matrix) => ruleModel(M, [], -Infinity) }))).toThrow(/every row is noise/);
  });
});

describe('bootstrapStability with k-means', () => {
  const factory = (k: number) => () => new KMeans({ k, seed: 1, threads: 1 });

  it('three well-separated blobs are stable; ARI near 1', () => {
    const { X } = blobs([[0, 0], [8, 0], [0, 8]], [200, 150, 100], 1, 4);
    const r = bootstrapStability(X, factory(3), { B: 10 });
    expect(r.clusters.map((c) => c.verdict)).toEqual(['stable', 'stable', 'stable']);
    for (const c of r.clusters) expect(c.meanJaccard!).toBeGreaterThan(0.95);
    expect(r.ari.mean).toBeGreaterThan(0.95);
  });

  it('asking for 3 clusters in 2 blobs: the split blob is not stable, ARI drops', () => {
    const { X } = blobs([[0, 0], [8, 0]], [300, 300], 1, 4);
    const r = bootstrapStability(X, factory(3), { B: 10 });
    const verdicts = r.clusters.map((c) => c.verdict);
    expect(verdicts.filter((v) => v === 'stable')).toHaveLength(1); // the intact blob
    expect(verdicts.filter((v) => v !== 'stable')).toHaveLength(2); // the two halves of the split one
    expect(r.ari.mean).toBeLessThan(0.9);
  });
});
