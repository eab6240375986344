import { normalPpf } from '../stats/distributionTails';
import type { Interval } from './Interval';
import { checkCount, checkLevel } from './checkCounts';

/**
 * The interval of the rate ratio p1 / p2 on the log scale with 0.5 added to every count (statsmodels'
 * confint_proportions_2indep compare='ratio', method='log-adjusted'): relative lift = ratio − 1. The
 * adjustment keeps it finite when a group has no conversion.
 */
export function riskRatioInterval(count1: number, nobs1: number, count2: number, nobs2: number, level = 0.95): Interval {
  checkCount(count1, nobs1, 'riskRatioInterval group 1');
  checkCount(count2, nobs2, 'riskRatioInterval group 2');
  checkLevel(level, 'riskRatioInterval level');
  return riskRatio(count1, nobs1, count2, nobs2, level);
}

export function riskRatio(count1: number, nobs1: number, count2: number, nobs2: number, level: number): Interval {
  const c1 = count1 + 0.5;
  const n1 = nobs1 + 0.5;
  const c2 = count2 + 0.5;
  const n2 = nobs2 + 0.5;
  const ratio = c1 / n1 / (c2 / n2);
  const half = normalPpf(1 - (1 - level) / 2) * Math.sqrt(1 / c1 - 1 / n1 + 1 / c2 - 1 / n2);
  return { low: Math.exp(Math.log(ratio) - half), high: Math.exp(Math.log(ratio) + half), level };
}
