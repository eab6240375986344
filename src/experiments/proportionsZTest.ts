import { type Alternative, normalPValue } from './Alternative';
import { pooledProportionsZ } from '../stats/pooledProportionsZ';
import { checkCount } from './checkCounts';

export interface ZTestResult {
  /** (p_treatment − p_control) / its standard error under H0 (pooled rate). */
  z: number;
  pValue: number;
}

/**
 * Two-proportion z-test with the pooled variance (statsmodels' proportions_ztest([c1, c2], [n1, n2])):
 * H0 p1 = p2, the difference taken as group 1 − group 2.
 */
export function proportionsZTest(count1: number, nobs1: number, count2: number, nobs2: number, alternative: Alternative = 'two-sided'): ZTestResult {
  checkCount(count1, nobs1, 'proportionsZTest group 1');
  checkCount(count2, nobs2, 'proportionsZTest group 2');
  const z = pooledProportionsZ(count1, nobs1, count2, nobs2);
  // Both groups all 0 or all 1: no variance, no evidence either way.
  if (z === null) return { z: 0, pValue: 1 };
  return { z, pValue: normalPValue(z, alternative) };
}
