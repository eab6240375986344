/**
 * Terms past which the series gives up and returns NaN: enough for z up to about 0.99 (the terms shrink
 * like zⁿ). Beyond that a likelihood is treated as outside its domain, so a fit backs away instead of
 * summing millions of terms per customer.
 */
const MAX_TERMS = 5_000;

/**
 * ln ₂F₁(a, b; c; z), the Gaussian hypergeometric function, for a, b, c > 0 and 0 ≤ z < 1: what the
 * BG/NBD, MBG/NBD and Pareto/NBD expressions need (every argument there is positive and z is a ratio
 * of ages in [0, 1)). With positive a, b, c every term of the power series is positive, so the sum has
 * no cancellation. When c − a − b < 0 the function grows like (1 − z)^(c−a−b) near 1; Euler's
 * transformation ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z) takes that factor out in
 * closed form (used when c − a and c − b are positive, so the new series is positive too) and leaves
 * a series bounded at z = 1. Returns NaN outside the domain (callers validate their parameters).
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1)) return NaN;
  if (z === 0) return 0;
  const excess = c - a - b;
  if (excess < 0 && c - a > 0 && c - b > 0) return excess * Math.log1p(-z) + Math.log(series(c - a, c - b, c, z));
  return Math.log(series(a, b, c, z));
}

/** ₂F₁(a, b; c; z) itself (see logHyp2f1 for the domain). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return Math.exp(logHyp2f1(a, b, c, z));
}

/** Σ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ with positive terms, to full double precision. */
function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    // The ratio of successive terms tends to z, so with r = max(next ratio, z) < 1 the tail is about term · r / (1 − r).
    const r = Math.max((((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z, z);
    if (r < 1 && term * r <= 1e-17 * sum * (1 - r)) return sum;
  }
  return NaN;
}
