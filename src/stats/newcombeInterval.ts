import type { Interval } from './Interval';
import { checkCount, checkLevel } from './checkCounts';
import { wilson } from './wilsonInterval';

/**
 * Newcombe's hybrid score interval of p1 − p2 (his method 10; statsmodels' confint_proportions_2indep
 * method='newcomb'): built from the two Wilson intervals, so it behaves at small counts where Wald does not.
 */
export function newcombeInterval(count1: number, nobs1: number, count2: number, nobs2: number, level = 0.95): Interval {
  checkCount(count1, nobs1, 'newcombeInterval group 1');
  checkCount(count2, nobs2, 'newcombeInterval group 2');
  checkLevel(level, 'newcombeInterval level');
  return newcombe(count1, nobs1, count2, nobs2, level);
}

export function newcombe(count1: number, nobs1: number, count2: number, nobs2: number, level: number): Interval {
  const p1 = count1 / nobs1;
  const p2 = count2 / nobs2;
  const w1 = wilson(count1, nobs1, level);
  const w2 = wilson(count2, nobs2, level);
  const diff = p1 - p2;
  return {
    low: diff - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
    high: diff + Math.sqrt((p2 - w2.low) ** 2 + (w1.high - p1) ** 2),
    level,
  };
}
