import { checkParam } from '../core/errors';
import type { Alternative } from './Alternative';
import { checkLevel } from './checkCounts';
import { checkSample } from './checkSample';
import { type WelchResult, welch } from './welchTTest';

export interface CupedResult {
  /** θ = cov(outcome, covariate) / var(covariate), pooled over both groups. */
  theta: number;
  /** Share of the outcome's variance removed: 1 − var(adjusted) / var(outcome), pooled. */
  varianceReduction: number;
  /** Welch's test on the outcome as measured. */
  raw: WelchResult;
  /** Welch's test on outcome − θ · (covariate − its pooled mean). */
  adjusted: WelchResult;
}

/**
 * CUPED (Deng et al. 2013): the outcome minus θ times a pre-period covariate (e.g. last quarter's spend). The
 * expected difference is unchanged because assignment is random; its variance falls by corr² — the same
 * answer with fewer customers. Reported next to the raw estimate, never instead of it.
 */
export function cuped(
  outcomeX: ArrayLike<number>,
  covariateX: ArrayLike<number>,
  outcomeY: ArrayLike<number>,
  covariateY: ArrayLike<number>,
  alternative: Alternative = 'two-sided',
  level = 0.95,
): CupedResult {
  checkSample(outcomeX, 'cuped treatment outcome');
  checkSample(outcomeY, 'cuped control outcome');
  checkSample(covariateX, 'cuped treatment covariate');
  checkSample(covariateY, 'cuped control covariate');
  checkParam(covariateX.length === outcomeX.length, 'cuped treatment covariate length', covariateX.length, `${outcomeX.length} (one pre-period value per customer)`);
  checkParam(covariateY.length === outcomeY.length, 'cuped control covariate length', covariateY.length, `${outcomeY.length} (one pre-period value per customer)`);
  checkLevel(level, 'cuped level');
  const n = outcomeX.length + outcomeY.length;
  let my = 0;
  let mc = 0;
  for (let i = 0; i < outcomeX.length; i++) {
    my += outcomeX[i];
    mc += covariateX[i];
  }
  for (let i = 0; i < outcomeY.length; i++) {
    my += outcomeY[i];
    mc += covariateY[i];
  }
  my /= n;
  mc /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  const acc = (o: ArrayLike<number>, c: ArrayLike<number>): void => {
    for (let i = 0; i < o.length; i++) {
      const dy = o[i] - my;
      const dc = c[i] - mc;
      sxy += dy * dc;
      sxx += dc * dc;
      syy += dy * dy;
    }
  };
  acc(outcomeX, covariateX);
  acc(outcomeY, covariateY);
  const theta = sxx > 0 ? sxy / sxx : 0;
  const adjust = (o: ArrayLike<number>, c: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(o.length);
    for (let i = 0; i < o.length; i++) out[i] = o[i] - theta * (c[i] - mc);
    return out;
  };
  const varianceReduction = syy > 0 ? (theta * sxy) / syy : 0;
  return {
    theta,
    varianceReduction,
    raw: welch(outcomeX, outcomeY, alternative, level),
    adjusted: welch(adjust(outcomeX, covariateX), adjust(outcomeY, covariateY), alternative, level),
  };
}
