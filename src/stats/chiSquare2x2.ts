import { chiSquareSf } from './distributionTails';

export interface ChiSquare2x2Result {
  chi2: number;
  pValue: number;
  /** The smallest expected cell count: below 5 the chi-square approximation is doubtful (use Fisher's exact test). */
  minExpected: number;
}

/**
 * Pearson's chi-square test of a 2 × 2 table [[a, b], [c, d]] with one degree of freedom (scipy's
 * chi2_contingency): without continuity correction by default, with Yates' correction (|O − E| shrunk by
 * up to 0.5, as scipy does by default) when asked. A table with an empty row or column tests nothing: p = 1.
 */
export function chiSquare2x2(a: number, b: number, c: number, d: number, correction = false): ChiSquare2x2Result {
  const n = a + b + c + d;
  const rows = [a + b, c + d];
  const cols = [a + c, b + d];
  const observed = [a, b, c, d];
  const expected = [(rows[0] * cols[0]) / n, (rows[0] * cols[1]) / n, (rows[1] * cols[0]) / n, (rows[1] * cols[1]) / n];
  const minExpected = n > 0 ? Math.min(...expected) : 0;
  if (minExpected === 0) return { chi2: 0, pValue: 1, minExpected };
  let chi2 = 0;
  for (let i = 0; i < 4; i++) {
    let diff = Math.abs(observed[i] - expected[i]);
    if (correction) diff = Math.max(0, diff - 0.5);
    chi2 += (diff * diff) / expected[i];
  }
  return { chi2, pValue: chiSquareSf(chi2, 1), minExpected };
}
