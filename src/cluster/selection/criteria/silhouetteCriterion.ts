import { z } from 'zod';
import { seedParam } from '../../../core/seedParam';
import { wholeNumber } from '../../clusterParams';
import { silhouetteScores } from '../../metrics/silhouette';
import type { CriterionMeasure, SelectionCriterionEntry } from '../SelectionCriterionEntry';
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
  // Read on the whole sweep: the fits of every k score the same seeded sample, so each pair's distance
  // is computed once for all of them (the same numbers as one silhouetteScore per k).
  measureSweep({ X, ks, labelsByK, scorableKs, progress }, params) {
    const byK = new Map<number, CriterionMeasure>();
    const scorable = ks.filter((k) => {
      if (!scorableKs.has(k)) byK.set(k, { values: { silhouette: null } });
      return scorableKs.has(k);
    });
    if (!scorable.length) return { byK, result: null };
    progress.start(`select k: silhouettes of ${scorable.length} values of k`);
    // The pass visits the upper triangle tile row by tile row: the share of pairs done after `done` rows.
    const results = silhouetteScores(X, scorable.map((k) => labelsByK.get(k)!), params, (done, total) => progress.fraction?.(1 - ((total - done) / total) ** 2));
    progress.end(`${results[0]!.rowsScored.toLocaleString('en-US')} rows (${results[0]!.method})`);
    scorable.forEach((k, i) => byK.set(k, { values: { silhouette: results[i]!.score }, method: results[i]!.method }));
    return { byK, result: null };
  },
  vote: (candidates) => bestEligibleVote(candidates, 'silhouette', 'higher', 'silhouette'),
};
