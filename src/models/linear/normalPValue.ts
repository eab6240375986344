/**
 * Two-sided p-value of a standard normal z: P(|Z| ≥ |z|) = erfc(|z| / √2), |relative error| < 1.2e-7
 * (Numerical Recipes' erfcc, the same approximation as personas/chiSquare2x2, which this layer may not import).
 */
export function normalPValue(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const r =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  // The approximation overshoots 1 by ~3e-8 at 0: a probability stays within [0, 1].
  return Math.min(1, r);
}
