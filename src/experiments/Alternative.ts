import { assertUnreachable } from '../core/assertUnreachable';
import { normalCdf, normalSf, studentTCdf, studentTSf } from '../stats/distributionTails';

/**
 * The alternative hypothesis of a test on "treatment − control" (statsmodels' and scipy's names): 'larger' says
 * the treatment's value is larger. Decided before the data is seen; two-sided unless the plan says otherwise.
 */
export type Alternative = 'two-sided' | 'larger' | 'smaller';

export const ALTERNATIVES: readonly Alternative[] = ['two-sided', 'larger', 'smaller'];

/** The p-value of a z statistic under an alternative. */
export function normalPValue(z: number, alternative: Alternative): number {
  switch (alternative) {
    case 'two-sided':
      return Math.min(1, 2 * normalSf(Math.abs(z)));
    case 'larger':
      return normalSf(z);
    case 'smaller':
      return normalCdf(z);
    default:
      return assertUnreachable(alternative);
  }
}

/** The p-value of a t statistic with df degrees of freedom under an alternative. */
export function tPValue(t: number, df: number, alternative: Alternative): number {
  switch (alternative) {
    case 'two-sided':
      return Math.min(1, 2 * studentTSf(Math.abs(t), df));
    case 'larger':
      return studentTSf(t, df);
    case 'smaller':
      return studentTCdf(t, df);
    default:
      return assertUnreachable(alternative);
  }
}
