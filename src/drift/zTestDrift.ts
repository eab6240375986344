import { checkParam, paramError } from '../core/errors';
import { normalSf } from '../stats/distributionTails';
import { pooledProportionsZ } from '../stats/pooledProportionsZ';

export interface ZTestDriftResult {
  /** (p_current − p_reference) / its standard error under H0 (pooled rate). */
  z: number;
  pValue: number;
  referenceRate: number;
  currentRate: number;
}

/**
 * Two-proportion z-test of a 0/1 column between the periods, pooled variance, two-sided: the numbers of
 * statsmodels' proportions_ztest([current ones, reference ones], [current n, reference n]). A column that is
 * all 0 or all 1 in both periods has no variance: z = 0, p = 1 (statsmodels gives NaN).
 */
export function zTestDriftCounts(referenceOnes: number, referenceN: number, currentOnes: number, currentN: number): ZTestDriftResult {
  const referenceRate = referenceOnes / referenceN;
  const currentRate = currentOnes / currentN;
  const z = pooledProportionsZ(currentOnes, currentN, referenceOnes, referenceN);
  if (z === null) return { z: 0, pValue: 1, referenceRate, currentRate };
  return { z, pValue: 2 * normalSf(Math.abs(z)), referenceRate, currentRate };
}

/** zTestDriftCounts on two samples of 0/1 values; each needs a value, and every value must be 0 or 1. */
export function zTestDrift(reference: ArrayLike<number>, current: ArrayLike<number>): ZTestDriftResult {
  const ones = (values: ArrayLike<number>, name: string): number => {
    checkParam(values.length >= 1, name, `${values.length} values`, 'at least 1 value');
    let count = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v !== 0 && v !== 1) throw paramError(`${name}[${i}]`, v, '0 or 1 (a binary column)', String(v));
      count += v;
    }
    return count;
  };
  return zTestDriftCounts(ones(reference, 'zTestDrift reference'), reference.length, ones(current, 'zTestDrift current'), current.length);
}
