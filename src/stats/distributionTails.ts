import betainc from '@stdlib/math-base-special-betainc';
import erfc from '@stdlib/math-base-special-erfc';
import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/*
 * Tail probabilities of the distributions behind seglab's tests. They come from stdlib's special functions
 * (regularised incomplete beta and gamma, erfc), not from hand-written series: upper tails are computed as
 * upper tails, so a p-value of 1e-12 keeps its digits instead of being 1 − 0.999999999999.
 */

/** P(Z > z) for a standard normal Z. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** The z with P(Z ≤ z) = p (scipy's norm.ppf). */
export function normalPpf(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** P(T > t) for Student's t with df degrees of freedom (df may be fractional, as in Welch's test). */
export function studentTSf(t: number, df: number): number {
  const half = 0.5 * betainc(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? half : 1 - half;
}

/** P(T ≤ t) for Student's t. */
export function studentTCdf(t: number, df: number): number {
  return studentTSf(-t, df);
}

/** The t with P(T ≤ t) = p (scipy's t.ppf). */
export function studentTPpf(p: number, df: number): number {
  return tQuantile(p, df);
}

/** P(X > x) for a chi-square X with df degrees of freedom. */
export function chiSquareSf(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/** log C(n, k) for whole n ≥ k ≥ 0. */
export function logChoose(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

/**
 * P(T' ≤ t) for the noncentral t with df degrees of freedom and noncentrality delta (Lenth's algorithm AS 243,
 * summing Poisson-weighted incomplete beta terms until the error bound is below 1e-14). stdlib has no
 * noncentral t; scipy's power functions use it (statsmodels' TTestIndPower), so sample sizes for means need it.
 */
export function noncentralTCdf(t: number, df: number, delta: number): number {
  if (!(df > 0)) return NaN;
  let tt = t;
  let del = delta;
  const negative = t < 0;
  if (negative) {
    tt = -t;
    del = -delta;
  }
  let tnc = 0;
  const x = (tt * tt) / (tt * tt + df);
  if (x > 0) {
    const lambda = del * del;
    let p = 0.5 * Math.exp(-0.5 * lambda);
    let q = Math.sqrt(2 / Math.PI) * p * del;
    let s = 0.5 - p;
    // Near p = 0.5 the error bound below is dominated by rounding; Lenth's fix: start s from the sum.
    if (s < 1e-7) s = -0.5 * Math.expm1(-0.5 * lambda);
    let a = 0.5;
    const b = 0.5 * df;
    const rxb = Math.pow(1 - x, b);
    const albeta = 0.5 * Math.log(Math.PI) + gammaln(b) - gammaln(0.5 + b);
    let xodd = betainc(x, a, b);
    let godd = 2 * rxb * Math.exp(a * Math.log(x) - albeta);
    let xeven = 1 - rxb;
    let geven = b * x * rxb;
    tnc = p * xodd + q * xeven;
    for (let en = 1; en <= 2000; en++) {
      a += 1;
      xodd -= godd;
      xeven -= geven;
      godd *= (x * (a + b - 1)) / a;
      geven *= (x * (a + b - 0.5)) / (a + 0.5);
      p *= lambda / (2 * en);
      q *= lambda / (2 * en + 1);
      s -= p;
      tnc += p * xodd + q * xeven;
      if (2 * s * (xodd - godd) <= 1e-14) break;
    }
  }
  tnc += normalCdf(-del);
  const cdf = negative ? 1 - tnc : tnc;
  return Math.min(1, Math.max(0, cdf));
}
