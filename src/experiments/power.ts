import { assertUnreachable } from '../core/assertUnreachable';
import { noncentralTCdf, normalCdf, normalPpf, normalSf, studentTPpf } from '../stats/distributionTails';
import type { Alternative } from './Alternative';

/*
 * Power of two-sample tests as statsmodels computes it (NormalIndPower, TTestIndPower): group 1 has nobs1
 * customers, group 2 ratio · nobs1; effect sizes are standardised (Cohen's h for proportions, Cohen's d
 * for means). Trusted inner functions: the planning functions validate.
 */

/** Cohen's h between two rates: 2·asin(√p1) − 2·asin(√p2) (statsmodels' proportion_effectsize). */
export function proportionEffectSize(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/** Power of the two-sample z-test (statsmodels' NormalIndPower().power). */
export function normalIndPower(effectSize: number, nobs1: number, alpha: number, ratio: number, alternative: Alternative): number {
  const nobs = 1 / (1 / nobs1 + 1 / (nobs1 * ratio));
  const shift = effectSize * Math.sqrt(nobs);
  switch (alternative) {
    case 'two-sided': {
      const crit = normalPpf(1 - alpha / 2);
      return normalSf(crit - shift) + normalCdf(-crit - shift);
    }
    case 'larger':
      return normalSf(normalPpf(1 - alpha) - shift);
    case 'smaller':
      return normalCdf(normalPpf(alpha) - shift);
    default:
      return assertUnreachable(alternative);
  }
}

/** Power of the two-sample t-test with pooled variance (statsmodels' TTestIndPower().power): noncentral t. */
export function tTestIndPower(effectSize: number, nobs1: number, alpha: number, ratio: number, alternative: Alternative): number {
  const nobs2 = nobs1 * ratio;
  const df = nobs1 + nobs2 - 2;
  const nc = effectSize * Math.sqrt(1 / (1 / nobs1 + 1 / nobs2));
  switch (alternative) {
    case 'two-sided': {
      const upper = studentTPpf(1 - alpha / 2, df);
      const lower = studentTPpf(alpha / 2, df);
      return 1 - noncentralTCdf(upper, df, nc) + noncentralTCdf(lower, df, nc);
    }
    case 'larger':
      return 1 - noncentralTCdf(studentTPpf(1 - alpha, df), df, nc);
    case 'smaller':
      return noncentralTCdf(studentTPpf(alpha, df), df, nc);
    default:
      return assertUnreachable(alternative);
  }
}

/** The x in [lo, hi] where an increasing f(x) crosses target, by bisection to machine precision. */
export function solveIncreasing(f: (x: number) => number, target: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  for (let i = 0; i < 200 && b - a > 1e-13 * Math.max(1, Math.abs(a)); i++) {
    const mid = 0.5 * (a + b);
    if (f(mid) < target) a = mid;
    else b = mid;
  }
  return 0.5 * (a + b);
}
