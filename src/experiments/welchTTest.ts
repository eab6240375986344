import { studentTPpf } from '../stats/distributionTails';
import { type Alternative, tPValue } from './Alternative';
import type { Interval } from './Interval';
import { checkLevel } from './checkCounts';
import { checkSample } from './checkSample';
import { sampleMoments } from './sampleMoments';

export interface WelchResult {
  /** mean(x) − mean(y): treatment minus control. */
  difference: number;
  t: number;
  df: number;
  pValue: number;
  /** Interval of the difference (two-sided, at the given level). */
  interval: Interval;
}

/**
 * Welch's t-test of mean(x) − mean(y) without assuming equal variances (scipy's ttest_ind(x, y,
 * equal_var=False)), the Welch–Satterthwaite degrees of freedom, and the interval of the difference.
 */
export function welchTTest(x: ArrayLike<number>, y: ArrayLike<number>, alternative: Alternative = 'two-sided', level = 0.95): WelchResult {
  checkSample(x, 'welchTTest x');
  checkSample(y, 'welchTTest y');
  checkLevel(level, 'welchTTest level');
  return welch(x, y, alternative, level);
}

export function welch(x: ArrayLike<number>, y: ArrayLike<number>, alternative: Alternative, level: number): WelchResult {
  const a = sampleMoments(x);
  const b = sampleMoments(y);
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  const difference = a.mean - b.mean;
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  if (se === 0) {
    return { difference, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, df: NaN, pValue: difference === 0 ? 1 : 0, interval: { low: difference, high: difference, level } };
  }
  const t = difference / se;
  const half = studentTPpf(1 - (1 - level) / 2, df) * se;
  return { difference, t, df, pValue: tPValue(t, df, alternative), interval: { low: difference - half, high: difference + half, level } };
}
