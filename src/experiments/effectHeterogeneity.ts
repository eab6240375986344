import { checkParam } from '../core/errors';
import { chiSquareSf } from '../stats/distributionTails';

export interface HeterogeneityResult {
  /** Cochran's Q: Σ w_i (d_i − d̄)², w_i = 1 / var_i. */
  q: number;
  df: number;
  pValue: number;
  /** The inverse-variance weighted mean effect. */
  pooledEffect: number;
  /** I² = max(0, (Q − df) / Q): the share of the spread between segments beyond chance. */
  iSquared: number;
}

/**
 * Does the effect differ between segments? Cochran's Q test of homogeneity of independent estimates (the
 * segments do not share customers) with their variances. A per-segment "significant here, not there" is
 * only a finding when this test rejects: otherwise one effect explains every segment.
 */
export function effectHeterogeneity(effects: readonly number[], variances: readonly number[]): HeterogeneityResult {
  checkParam(effects.length >= 2, 'effectHeterogeneity effects', effects.length, 'at least two segments');
  checkParam(variances.length === effects.length, 'effectHeterogeneity variances', variances.length, `${effects.length} variances, one per effect`);
  effects.forEach((e, i) => checkParam(Number.isFinite(e), `effectHeterogeneity effects[${i}]`, e, 'a finite number'));
  variances.forEach((v, i) => checkParam(Number.isFinite(v) && v > 0, `effectHeterogeneity variances[${i}]`, v, 'a finite number > 0 (a segment with no variance cannot be weighed)'));
  let sw = 0;
  let swd = 0;
  for (let i = 0; i < effects.length; i++) {
    sw += 1 / variances[i];
    swd += effects[i] / variances[i];
  }
  const pooledEffect = swd / sw;
  let q = 0;
  for (let i = 0; i < effects.length; i++) q += (effects[i] - pooledEffect) ** 2 / variances[i];
  const df = effects.length - 1;
  return { q, df, pValue: chiSquareSf(q, df), pooledEffect, iSquared: q > 0 ? Math.max(0, (q - df) / q) : 0 };
}
