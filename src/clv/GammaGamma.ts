import { z } from 'zod';
import { InputError } from '../core/errors';
import { parseParams } from '../core/parseParams';
import { checkClvData } from './checkClvData';
import type { ClvData } from './ClvData';
import { clvFitParamsShape } from './clvFitParams';
import { GammaGammaModel } from './GammaGammaModel';
import { maximumLikelihood, type LogLikelihood } from './maximumLikelihood';
import { digamma } from './special/digamma';
import { logGamma } from './special/logGamma';

export const gammaGammaParamsSchema = z
  .object({
    ...clvFitParamsShape,
    /** |corr(frequency, monetary value)| above which the fit warns that the independence assumption is doubtful. */
    correlationWarning: z.number().min(0).max(1).describe('a number from 0 to 1').default(0.3),
  })
  .strict();
export type GammaGammaParams = z.input<typeof gammaGammaParamsSchema>;

/**
 * The Gamma-Gamma spend model, unfitted: `fit(summary)` fits p, q, v by maximum likelihood on the
 * customers with a repeat purchase (frequency > 0; their monetaryValue must be positive) and reports
 * the frequency–monetary correlation, which the model assumes to be about 0.
 */
export class GammaGamma {
  readonly params: z.output<typeof gammaGammaParamsSchema>;

  constructor(params: GammaGammaParams = {}) {
    this.params = parseParams(gammaGammaParamsSchema, params, 'GammaGamma');
  }

  fit(data: ClvData): GammaGammaModel {
    const d = checkClvData(data, 'GammaGamma fit', 'spend');
    const rows: number[] = [];
    for (let i = 0; i < d.n; i++) if (d.x[i]! > 0) rows.push(i);
    if (rows.length === 0) throw new InputError('GammaGamma fit: no customer has a repeat purchase (frequency > 0), so there is no spend to fit; use a longer calibration period.');
    const x = Float64Array.from(rows, (i) => d.x[i]!);
    const m = Float64Array.from(rows, (i) => d.m![i]!);
    // Every term but ln(x·m + v) depends on the customer through x only (a whole number): those are summed per
    // distinct x, the rest through sums computed once, so one evaluation costs one log per repeat buyer.
    let maxX = 0;
    for (let i = 0; i < x.length; i++) if (x[i]! > maxX) maxX = x[i]!;
    const perX = new Float64Array(maxX + 1);
    let sumXLogMX = 0; // Σ x (ln m + ln x)
    let sumLogM = 0; // Σ ln m
    for (let i = 0; i < x.length; i++) {
      perX[x[i]!]++;
      sumXLogMX += x[i]! * (Math.log(m[i]!) + Math.log(x[i]!));
      sumLogM += Math.log(m[i]!);
    }
    const xs = Float64Array.from(perX.keys()).filter((k) => perX[k]! > 0);
    const nX = Float64Array.from(xs, (k) => perX[k]!);
    const ll: LogLikelihood = {
      dim: 3,
      weight: x.length,
      analyticGradient: true,
      total(theta, grad) {
        const p = theta[0]!;
        const q = theta[1]!;
        const v = theta[2]!;
        const n = x.length;
        const lgq = logGamma(q);
        const logv = Math.log(v);
        let s = n * (q * logv - lgq) + p * sumXLogMX - sumLogM;
        let d0 = sumXLogMX;
        let d1 = n * (logv - (grad ? digamma(q) : 0));
        let d2 = (n * q) / v;
        for (let k = 0; k < xs.length; k++) {
          const px = p * xs[k]!;
          s += nX[k]! * (logGamma(px + q) - logGamma(px));
          if (grad) {
            const psiPQ = digamma(px + q);
            d0 += nX[k]! * xs[k]! * (psiPQ - digamma(px));
            d1 += nX[k]! * psiPQ;
          }
        }
        for (let i = 0; i < n; i++) {
          const xi = x[i]!;
          const den = xi * m[i]! + v;
          const logDen = Math.log(den);
          const pxq = p * xi + q;
          s -= pxq * logDen;
          if (grad) {
            d0 -= xi * logDen;
            d1 -= logDen;
            d2 -= pxq / den;
          }
        }
        if (grad) {
          grad[0] += d0;
          grad[1] += d1;
          grad[2] += d2;
        }
        return s;
      },
    };
    const { penalizer, nStarts, seed, maxIter, tol, correlationWarning } = this.params;
    const fit = maximumLikelihood(ll, { who: 'Gamma-Gamma', paramNames: ['p', 'q', 'v'], penalizer, nStarts, seed, maxIter, tol });
    const correlation = pearson(x, m);
    const warnings = [...fit.warnings];
    if (Math.abs(correlation) > correlationWarning) {
      warnings.push(`Gamma-Gamma: frequency and monetary value are correlated (${correlation.toFixed(3)}, above ${correlationWarning}); the model assumes them independent, so the expected spend and CLV may be biased.`);
    }
    if (!(fit.theta[1]! > 1)) warnings.push(`Gamma-Gamma: q = ${fit.theta[1]!.toPrecision(4)} <= 1, so the population mean spend is infinite; expected spend of customers without a repeat purchase is not defined.`);
    const se = (k: number): number | null => (Number.isFinite(fit.standardErrors[k]!) ? fit.standardErrors[k]! : null);
    return new GammaGammaModel({
      params: { p: fit.theta[0]!, q: fit.theta[1]!, v: fit.theta[2]! },
      standardErrors: { p: se(0), q: se(1), v: se(2) },
      logLikelihood: fit.logLikelihood,
      nCustomers: x.length,
      penalizer,
      frequencyMonetaryCorrelation: correlation,
      warnings,
    });
  }
}

/** Pearson correlation of two equally long columns (0 when either is constant). */
function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}
