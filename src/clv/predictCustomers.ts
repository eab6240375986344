import type { ClvData } from './ClvData';
import type { ClvTimeUnit } from './ClvTimeUnit';
import { lifetimeValueParts, type CustomerLifetimeValueOptions } from './customerLifetimeValue';
import type { GammaGammaModel } from './GammaGammaModel';
import type { PurchaseModel } from './PurchaseModel';

export interface PredictCustomersOptions extends CustomerLifetimeValueOptions {
  /** Horizon of `expectedPurchases`, in the model's unit (default: the CLV horizon, months × periods per month). */
  t?: number;
}

/** Per customer, in the summary's order. */
export interface CustomerPredictions {
  /** The unit of t. */
  unit: ClvTimeUnit;
  /** Horizon of expectedPurchases. */
  t: number;
  /** Expected purchases in (T, T + t], conditional on the customer's history. */
  expectedPurchases: Float64Array;
  probabilityAlive: Float64Array;
  /** Gamma-Gamma expected average spend. */
  expectedSpend: Float64Array;
  /** customerLifetimeValue over `months` (12) at `discountRate` (1% a month). */
  clv: Float64Array;
}

/**
 * The per-customer table of a CLV model in one pass: conditional expected purchases over t, P(alive), expected spend
 * and CLV. The same numbers as expectedPurchases, probabilityAlive, GammaGammaModel.expectedSpend and
 * customerLifetimeValue called one by one (within rounding), but the summary is checked and grouped by (x, t_x, T) once
 * and each distinct row's P(alive) and ₂F₁ coefficients serve every horizon: the fast road for a million customers.
 */
export function predictCustomers(purchases: PurchaseModel, spend: GammaGammaModel, data: ClvData, options: PredictCustomersOptions = {}): CustomerPredictions {
  const parts = lifetimeValueParts(purchases, spend, data, options, 'predictCustomers', options.t ?? 'months');
  const extra = parts.extra!;
  return { unit: parts.unit, t: extra.t, expectedPurchases: extra.expectedPurchases, probabilityAlive: extra.probabilityAlive, expectedSpend: parts.expectedSpend, clv: parts.clv };
}
