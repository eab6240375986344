import { z } from 'zod';
import { seedParam } from '../../../core/seedParam';
import { wholeNumber } from '../../clusterParams';
import { silhouetteScore } from '../../metrics/silhouette';
import type { SelectionCriterionEntry } from '../SelectionCriterionEntry';
import { bestEligibleVote } from './bestEligibleVote';

const silhouetteParams = z
  .object({
    /** Rows scored: exact up to 10,000 rows, a seeded sample of that many beyond (SilhouetteOptions). */
    sampleSize: wholeNumber(2).optional(),
    /** Seed of the sample. */
    seed: seedParam,
    /** Sample each cluster in proportion to its size. */
    stratify: z.boolean().describe('true or false').default(false),
  })
  .strict();

export const silhouetteCriterion: SelectionCriterionEntry<'silhouette', typeof silhouetteParams, 'silhouette'> = {
  name: 'silhouette',
  description: 'The average silhouette (Rousseeuw 1987): how much nearer a customer is to its own segment than to the next one, from -1 to 1.',
  params: silhouetteParams,
  accepts: 'numeric',
  label: 'best silhouette',
  metrics: ['silhouette'],
  better: 'higher',
  reads: 'each-k',
  needsLikelihood: false,
  cost: 'pairwise distances: exact up to 10,000 rows (in tiles, never an n × n matrix), a seeded sample of 10,000 beyond',
  optIn: false,
  measure({ X, labels, scorable }, params) {
    if (!scorable) return { values: { silhouette: null } };
    const s = silhouetteScore(X, labels, params);
    return { values: { silhouette: s.score }, method: s.method };
  },
  vote: (candidates) => bestEligibleVote(candidates, 'silhouette', 'higher', 'silhouette'),
};
