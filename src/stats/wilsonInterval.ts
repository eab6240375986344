import { normalPpf } from './distributionTails';
import type { Interval } from './Interval';
import { checkCount, checkLevel } from './checkCounts';

/**
 * The Wilson score interval of a proportion (statsmodels' proportion_confint(method='wilson')): it stays inside
 * [0, 1] and keeps its coverage for small counts and rates near 0 or 1, where the normal (Wald) interval fails.
 */
export function wilsonInterval(count: number, nobs: number, level = 0.95): Interval {
  checkCount(count, nobs, 'wilsonInterval');
  checkLevel(level, 'wilsonInterval level');
  return wilson(count, nobs, level);
}

/** Trusted inner form: inputs already checked. */
export function wilson(count: number, nobs: number, level: number): Interval {
  const crit = normalPpf(1 - (1 - level) / 2);
  const crit2 = crit * crit;
  const q = count / nobs;
  const denom = 1 + crit2 / nobs;
  const center = (q + crit2 / (2 * nobs)) / denom;
  const dist = (crit * Math.sqrt((q * (1 - q)) / nobs + crit2 / (4 * nobs * nobs))) / denom;
  return { low: center - dist, high: center + dist, level };
}
