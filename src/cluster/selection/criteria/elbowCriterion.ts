import { z } from 'zod';
import { clusterCentroids, withinClusterSS } from '../../metrics/clusterDispersion';
import { kneedle } from '../../metrics/kneedle';
import type { SelectionCriterionEntry } from '../SelectionCriterionEntry';

const elbowParams = z
  .object({
    /** Kneedle sensitivity (default 1): larger waits for a sharper bend. */
    sensitivity: z.number().finite().min(0).describe('a number >= 0').default(1),
  })
  .strict();

export const elbowCriterion: SelectionCriterionEntry<'elbow', typeof elbowParams, 'inertia'> = {
  name: 'elbow',
  description: 'The elbow of the inertia curve (within-cluster sum of squares against k), found by kneedle (Satopää et al. 2011).',
  params: elbowParams,
  accepts: 'numeric',
  label: 'elbow of inertia (kneedle)',
  metrics: ['inertia'],
  better: 'lower',
  reads: 'curve',
  needsLikelihood: false,
  cost: "nothing beyond the fits: the model's inertia, or one pass over the rows",
  optIn: false,
  measure({ X, model, codes, clusters }) {
    const own = (model as unknown as { inertia?: unknown }).inertia;
    if (typeof own === 'number' && Number.isFinite(own)) return { values: { inertia: own }, method: 'model' };
    const { data, rows, cols } = X;
    return { values: { inertia: withinClusterSS(data, rows, cols, codes, clusterCentroids(data, rows, cols, codes, clusters).centroids) }, method: 'labels' };
  },
  // A curve's shape needs all its points: read on the whole sweep, abstains when its k is excluded.
  vote(candidates, params, { eligibleOrWhy }) {
    const sensitivity = params?.sensitivity ?? 1;
    if (candidates.length < 3) return { k: null, reason: `an elbow needs at least 3 values of k (got ${candidates.length})` };
    const elbow = kneedle(
      candidates.map((c) => c.k),
      candidates.map((c) => c.metrics.inertia!),
      { curve: 'convex', direction: 'decreasing', sensitivity },
    );
    if (elbow.knee === null) return { k: null, reason: `no elbow in the inertia curve (${elbow.reason})` };
    const why = eligibleOrWhy(elbow.knee);
    return why === null
      ? { k: elbow.knee, reason: `the inertia curve bends at k=${elbow.knee} (kneedle, S=${sensitivity})` }
      : { k: null, reason: `the inertia curve bends at k=${elbow.knee}, which is excluded: ${why}` };
  },
};
