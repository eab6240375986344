/**
 * Pearson chi-square test of a 2×2 table [[a, b], [c, d]] (1 degree of freedom, no continuity
 * correction, as scipy.stats.chi2_contingency(correction=False)). p = P(χ²₁ ≥ x) = erfc(√(x/2)).
 */
export function chiSquare2x2(a: number, b: number, c: number, d: number): { chi2: number; pValue: number } {
  const n = a + b + c + d;
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const c2 = b + d;
  if (r1 === 0 || r2 === 0 || c1 === 0 || c2 === 0) return { chi2: 0, pValue: 1 };
  const diff = a * d - b * c;
  // Divide step by step: n · diff² overflows nothing at 1e7 customers, but the product of margins can reach 1e28.
  const chi2 = (((n * diff) / r1) * diff) / r2 / c1 / c2;
  // The approximation overshoots 1 by ~3e-8 at 0: a probability stays within [0, 1].
  return { chi2, pValue: chi2 === 0 ? 1 : Math.min(1, erfc(Math.sqrt(chi2 / 2))) };
}

/**
 * Complementary error function, |relative error| < 1.2e-7 everywhere (Numerical Recipes' erfcc,
 * Chebyshev fit); enough for p-values compared with 0.05.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
