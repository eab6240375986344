import { z } from 'zod';
import { daviesBouldin } from '../../metrics/daviesBouldin';
import type { SelectionCriterionEntry } from '../SelectionCriterionEntry';
import { bestEligibleVote } from './bestEligibleVote';

const noParams = z.object({}).strict();

export const daviesBouldinCriterion: SelectionCriterionEntry<'daviesBouldin', typeof noParams, 'daviesBouldin'> = {
  name: 'daviesBouldin',
  description: 'The Davies-Bouldin index (1979): the mean over segments of the worst ratio of spreads to the distance between centres.',
  params: noParams,
  accepts: 'numeric',
  label: 'best Davies-Bouldin',
  metrics: ['daviesBouldin'],
  better: 'lower',
  reads: 'each-k',
  needsLikelihood: false,
  cost: 'one pass over the rows per k',
  optIn: false,
  measure: ({ X, labels, scorable }) => ({ values: { daviesBouldin: scorable ? daviesBouldin(X, labels) : null } }),
  vote: (candidates) => bestEligibleVote(candidates, 'daviesBouldin', 'lower', 'Davies-Bouldin index'),
};
