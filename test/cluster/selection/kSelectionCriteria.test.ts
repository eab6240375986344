import { describe, expect, it } from 'vitest';
import { KMeans } from '../../../src/cluster/kmeans/KMeans';
import { K_SELECTION_CRITERIA, SELECTION_CRITERIA, selectionCriteria, selectionMetrics } from '../../../src/cluster/selection/kSelectionCriteria';
import { selectK } from '../../../src/cluster/selection/selectK';
import { paramDefaults } from '../../../src/core/parseParams';
import { blobs } from '../metrics/fixtures';

describe('K_SELECTION_CRITERIA', () => {
  it('registers the six criteria with their direction, what they need and cost', () => {
    expect(SELECTION_CRITERIA).toEqual(['elbow', 'silhouette', 'calinskiHarabasz', 'daviesBouldin', 'bic', 'gap']);
    const meta = Object.fromEntries(selectionCriteria().map((c) => [c.name, [c.better, c.needsLikelihood, c.optIn, c.metrics[0]]]));
    expect(meta).toEqual({
      elbow: ['lower', false, false, 'inertia'],
      silhouette: ['higher', false, false, 'silhouette'],
      calinskiHarabasz: ['higher', false, false, 'calinskiHarabasz'],
      daviesBouldin: ['lower', false, false, 'daviesBouldin'],
      bic: ['lower', true, false, 'bic'],
      gap: ['higher', false, true, 'gap'],
    });
    for (const c of selectionCriteria()) {
      expect(c.description.length, c.name).toBeGreaterThan(20);
      expect(c.cost.length, c.name).toBeGreaterThan(5);
      expect(typeof c.measure === 'function' || typeof c.measureSweep === 'function', c.name).toBe(true);
    }
    expect(selectionMetrics()).toEqual(['inertia', 'silhouette', 'calinskiHarabasz', 'daviesBouldin', 'bic', 'aic', 'gap', 'gapS']);
    expect(paramDefaults(K_SELECTION_CRITERIA.get('gap').params)).toEqual({ nRefs: 10, seed: 42, reference: 'pca' });
    expect(K_SELECTION_CRITERIA.get('bic').label).toBe('lowest BIC');
  });

  it('selectK asks every registered criterion: one vote each; a criterion without its measure abstains and says why', () => {
    const { X } = blobs([[0, 0], [8, 0], [0, 8]], [40, 40, 40], 1, 5);
    const r = selectK(X, (k) => new KMeans({ k, seed: 1, threads: 1 }), { ks: [2, 3, 4, 5] });
    expect(r.votes.map((v) => v.criterion)).toEqual([...SELECTION_CRITERIA]);
    expect(r.votes.find((v) => v.criterion === 'bic')).toEqual({ criterion: 'bic', k: null, reason: 'the model has no BIC' });
    expect(r.votes.find((v) => v.criterion === 'gap')).toEqual({ criterion: 'gap', k: null, reason: 'gap statistic not computed (option gap: true)' });
    expect(r.candidates.every((c) => c.metrics.gap === null && c.metrics.bic === null)).toBe(true);
    expect(() => selectK(X, (k) => new KMeans({ k }), { silhouette: { sampleSize: 50, sample: 3 } as never })).toThrow('Invalid selectK silhouette: unknown key "sample"; selectK silhouette takes sampleSize, seed, stratify.');
  });
});
