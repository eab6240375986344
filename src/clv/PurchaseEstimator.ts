import { parseParams } from '../core/parseParams';
import { checkClvData } from './checkClvData';
import type { ClvData } from './ClvData';
import { purchaseModelParamsSchema, type PurchaseModelParams, type ResolvedPurchaseModelParams } from './clvFitParams';
import { maximumLikelihood, type LogLikelihood } from './maximumLikelihood';
import { PurchaseModel } from './PurchaseModel';
import type { PurchaseModelSpec } from './PurchaseModelSpec';
import { uniqueCustomers } from './uniqueCustomers';

/**
 * An unfitted BG/NBD, MBG/NBD or Pareto/NBD: validated params; `fit(summary)` gives a PurchaseModel.
 * Customers with the same (x, tx, T) are fitted once with a weight (CDNOW's 2,357 are 1,016 distinct; uniqueCustomers).
 */
export class PurchaseEstimator {
  readonly params: ResolvedPurchaseModelParams;

  constructor(
    private readonly spec: PurchaseModelSpec,
    params: PurchaseModelParams = {},
  ) {
    this.params = parseParams(purchaseModelParamsSchema, params, spec.label);
  }

  fit(data: ClvData): PurchaseModel {
    const d = checkClvData(data, `${this.spec.label} fit`, 'purchases');
    const { x, tx, T, count: w } = uniqueCustomers(d.x, d.tx, d.T);
    const spec = this.spec;
    const ll: LogLikelihood = {
      dim: spec.paramNames.length,
      weight: d.n,
      analyticGradient: spec.analyticGradient,
      total(theta, grad) {
        if (spec.totalLogLikelihood) return spec.totalLogLikelihood(theta, x, tx, T, w, grad);
        let s = 0;
        for (let i = 0; i < x.length; i++) s += w[i]! * spec.logLikelihood(theta, x[i]!, tx[i]!, T[i]!, w[i]!, grad);
        return s;
      },
    };
    const { penalizer, nStarts, seed, maxIter, tol } = this.params;
    const fit = maximumLikelihood(ll, { who: spec.label, paramNames: spec.paramNames, penalizer, nStarts, seed, maxIter, tol });
    return new PurchaseModel(spec, {
      unit: data.unit ?? null,
      params: Object.fromEntries(spec.paramNames.map((n, k) => [n, fit.theta[k]!])),
      standardErrors: Object.fromEntries(spec.paramNames.map((n, k) => [n, Number.isFinite(fit.standardErrors[k]!) ? fit.standardErrors[k]! : null])),
      logLikelihood: fit.logLikelihood,
      nCustomers: d.n,
      penalizer,
      starts: fit.starts,
      warnings: fit.warnings,
    });
  }
}
