import { logChoose } from '../stats/distributionTails';
import { type Alternative } from './Alternative';
import { assertUnreachable } from '../core/assertUnreachable';
import { checkCount } from './checkCounts';

export interface FisherResult {
  /** The sample odds ratio (c1 · (n2 − c2)) / ((n1 − c1) · c2), as scipy's fisher_exact returns it. */
  oddsRatio: number;
  pValue: number;
}

/**
 * Fisher's exact test of a 2 × 2 table (scipy's fisher_exact): the hypergeometric probability of every table
 * with the same margins; two-sided sums the tables no more likely than the observed one (relative tolerance
 * 1e-7, as R does, so equal probabilities computed with rounding still count).
 */
export function fisherExact(count1: number, nobs1: number, count2: number, nobs2: number, alternative: Alternative = 'two-sided'): FisherResult {
  checkCount(count1, nobs1, 'fisherExact group 1');
  checkCount(count2, nobs2, 'fisherExact group 2');
  const a = count1;
  const b = nobs1 - count1;
  const c = count2;
  const d = nobs2 - count2;
  const oddsRatio = b * c === 0 ? (a * d === 0 ? NaN : Infinity) : (a * d) / (b * c);
  // X = successes in group 1 ~ hypergeometric(N = n1 + n2, K = successes, draws = n1).
  const total = nobs1 + nobs2;
  const successes = a + c;
  const lo = Math.max(0, nobs1 - (total - successes));
  const hi = Math.min(nobs1, successes);
  const logDenominator = logChoose(total, nobs1);
  const pmf = (x: number): number => Math.exp(logChoose(successes, x) + logChoose(total - successes, nobs1 - x) - logDenominator);
  let pValue = 0;
  switch (alternative) {
    case 'larger':
      for (let x = a; x <= hi; x++) pValue += pmf(x);
      break;
    case 'smaller':
      for (let x = lo; x <= a; x++) pValue += pmf(x);
      break;
    case 'two-sided': {
      const limit = pmf(a) * (1 + 1e-7);
      for (let x = lo; x <= hi; x++) {
        const p = pmf(x);
        if (p <= limit) pValue += p;
      }
      break;
    }
    default:
      assertUnreachable(alternative);
  }
  return { oddsRatio, pValue: Math.min(1, pValue) };
}
