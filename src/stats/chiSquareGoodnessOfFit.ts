import { checkParam, paramError } from '../core/errors';
import { chiSquareSf } from './distributionTails';

export interface ChiSquareGofResult {
  chi2: number;
  degreesOfFreedom: number;
  pValue: number;
}

/**
 * Pearson's chi-square goodness of fit (scipy.stats.chisquare(observed, expected)): Σ (O − E)² / E with
 * k − 1 − ddof degrees of freedom. `expected` defaults to equal counts; given as counts it is rescaled to the
 * observed total (scipy 1.10 requires the sums to agree to 1e-8 relative; shares are accepted here and
 * rescaled, which is what segment-size shift needs: this quarter's counts against last quarter's shares).
 * A category expected to be empty cannot be tested: an error names it.
 */
export function chiSquareGoodnessOfFit(observed: ArrayLike<number>, expected?: ArrayLike<number>, ddof = 0): ChiSquareGofResult {
  const k = observed.length;
  checkParam(k >= 2, 'chiSquareGoodnessOfFit observed', `${k} categories`, 'at least 2 categories');
  checkParam(Number.isInteger(ddof) && ddof >= 0 && ddof < k - 1, 'chiSquareGoodnessOfFit ddof', ddof, `a whole number from 0 to ${k - 2}`);
  let total = 0;
  for (let i = 0; i < k; i++) {
    const o = observed[i]!;
    if (!(Number.isFinite(o) && o >= 0)) throw paramError(`chiSquareGoodnessOfFit observed[${i}]`, o, 'a finite count >= 0', String(o));
    total += o;
  }
  checkParam(total > 0, 'chiSquareGoodnessOfFit observed', 'all zero', 'at least one observation');
  const exp = new Float64Array(k);
  if (expected === undefined) exp.fill(total / k);
  else {
    checkParam(expected.length === k, 'chiSquareGoodnessOfFit expected', `${expected.length} categories`, `${k} categories, one per observed count`);
    let expTotal = 0;
    for (let i = 0; i < k; i++) {
      const e = expected[i]!;
      if (!(Number.isFinite(e) && e > 0)) throw paramError(`chiSquareGoodnessOfFit expected[${i}]`, e, 'a finite count or share > 0 (merge or drop a category expected to be empty)', String(e));
      expTotal += e;
    }
    for (let i = 0; i < k; i++) exp[i] = (expected[i]! * total) / expTotal;
  }
  let chi2 = 0;
  for (let i = 0; i < k; i++) {
    const d = observed[i]! - exp[i]!;
    chi2 += (d * d) / exp[i]!;
  }
  const degreesOfFreedom = k - 1 - ddof;
  return { chi2, degreesOfFreedom, pValue: chiSquareSf(chi2, degreesOfFreedom) };
}
