import { z } from 'zod';
import { calinskiHarabasz } from '../../metrics/calinskiHarabasz';
import type { SelectionCriterionEntry } from '../SelectionCriterionEntry';
import { bestEligibleVote } from './bestEligibleVote';

const noParams = z.object({}).strict();

export const calinskiHarabaszCriterion: SelectionCriterionEntry<'calinskiHarabasz', typeof noParams, 'calinskiHarabasz'> = {
  name: 'calinskiHarabasz',
  description: 'The Calinski-Harabasz index (1974): between-segment over within-segment dispersion, each per degree of freedom.',
  params: noParams,
  accepts: 'numeric',
  label: 'best Calinski-Harabasz',
  metrics: ['calinskiHarabasz'],
  better: 'higher',
  reads: 'each-k',
  needsLikelihood: false,
  cost: 'one pass over the rows per k',
  optIn: false,
  measure: ({ X, labels, scorable }) => ({ values: { calinskiHarabasz: scorable ? calinskiHarabasz(X, labels) : null } }),
  vote: (candidates) => bestEligibleVote(candidates, 'calinskiHarabasz', 'higher', 'Calinski-Harabasz index'),
};
