import { z } from 'zod';
import { seedParam } from '../../../core/seedParam';
import { wholeNumber } from '../../clusterParams';
import { gapStatistic, type GapResult } from '../../metrics/gapStatistic';
import type { CriterionMeasure, SelectionCriterionEntry } from '../SelectionCriterionEntry';

const gapParams = z
  .object({
    /** B, reference data sets (default 10). */
    nRefs: wholeNumber(2).default(10),
    /** Seed of the reference data (default 0). */
    seed: seedParam,
    /** Reference distribution: uniform in the principal-component box of the data (default), or in its bounding box. */
    reference: z.enum(['pca', 'box']).describe("'pca' or 'box'").default('pca'),
  })
  .strict();

export const gapCriterion: SelectionCriterionEntry<'gap', typeof gapParams, 'gap' | 'gapS'> = {
  name: 'gap',
  description: "The gap statistic (Tibshirani, Walther & Hastie 2001): log within-cluster dispersion against uniform reference data; Tibshirani's rule takes the smallest k within one error bar of the next.",
  params: gapParams,
  accepts: 'numeric',
  label: 'gap statistic rule',
  metrics: ['gap', 'gapS'],
  better: 'higher',
  reads: 'curve',
  needsLikelihood: false,
  cost: 'nRefs + 1 fits per k (11 by default): by far the costliest',
  optIn: true,
  measureSweep({ X, ks, labelsByK, cluster, progress }, params) {
    // Include k = 1 so the rule can say "no structure"; the sweep's own fits are reused for X.
    const gapKs = ks[0] === 2 || ks.length === 1 ? [1, ...ks] : [...ks];
    const result = gapStatistic(X, cluster, gapKs, { ...params, dataLabels: labelsByK, progress });
    const byK = new Map<number, CriterionMeasure>(result.rows.map((row) => [row.k, { values: { gap: row.gap, gapS: row.s } }]));
    return { byK, result };
  },
  // Read on the whole sweep (Tibshirani's rule), abstains when its k is excluded or is 1.
  vote(_candidates, params, { eligibleOrWhy, sweep }) {
    const gap = sweep as GapResult | null;
    if (params === null || gap === null) return { k: null, reason: 'gap statistic not computed (option gap: true)' };
    const gk = gap.recommendedK;
    if (gk === null) return { k: null, reason: gap.explanation };
    if (gk === 1) return { k: null, reason: `the gap statistic finds no cluster structure (k=1): ${gap.explanation}` };
    const why = eligibleOrWhy(gk);
    return why === null ? { k: gk, reason: gap.explanation } : { k: null, reason: `${gap.explanation} But k=${gk} is excluded: ${why}` };
  },
};
