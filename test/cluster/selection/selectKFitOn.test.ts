import { describe, expect, it } from 'vitest';
import { KMeans } from '../../../src/cluster/kmeans/KMeans';
import { seededRowSample } from '../../../src/core/seededRowSample';
import { selectK } from '../../../src/cluster/selection/selectK';
import { Matrix } from '../../../src/core/Matrix';
import { blobs } from '../metrics/fixtures';

describe('selectK fitOn: each k fitted on a sample, scored on all rows', () => {
  const { X } = blobs([[0, 0, 0], [8, 0, 0], [0, 8, 0], [0, 0, 8]], [700, 600, 500, 600], 1.2, 11);
  const factory = (k: number) => new KMeans({ k, seed: 1, threads: 1 });

  it('the measures are the full data’s (sizes sum to every row, silhouette from all rows) and k is the same', () => {
    const full = selectK(X, factory, { ks: [2, 3, 4, 5, 6], rule: 'vote' });
    const sample = seededRowSample(X, 600, 3).X;
    const fitted = selectK(X, factory, { ks: [2, 3, 4, 5, 6], rule: 'vote', fitOn: sample });
    expect(fitted.rows).toBe(X.rows);
    for (const c of fitted.candidates) expect(c.sizes.reduce((a, b) => a + b, 0)).toBe(X.rows);
    expect(fitted.recommendedK).toBe(full.recommendedK);
    expect(fitted.recommendedK).toBe(4);
    // Inertia is computed on X's rows, not taken from the model's training inertia (the sample's).
    const at = (r: typeof full, k: number) => r.candidates.find((c) => c.k === k)!.metrics.inertia!;
    expect(at(fitted, 4) / at(full, 4)).toBeGreaterThan(0.99);
    expect(at(fitted, 4) / at(full, 4)).toBeLessThan(1.01);
  });

  it('fitOn with other columns is a UsageError', () => {
    const other = Matrix.zeros(10, X.cols, X.columns.map((c) => `${c}_x`));
    expect(() => selectK(X, factory, { ks: [2, 3], fitOn: other })).toThrow(/options\.fitOn: got "10 × \d+", expected a Matrix with X's columns/);
  });
});
