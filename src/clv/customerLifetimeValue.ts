import { checkParam, usageError } from '../core/errors';
import { checkClvData } from './checkClvData';
import type { ClvData } from './ClvData';
import type { ClvTimeUnit } from './ClvTimeUnit';
import type { GammaGammaModel } from './GammaGammaModel';
import type { PurchaseModel } from './PurchaseModel';
import { uniqueCustomers } from './uniqueCustomers';

/** Periods of each unit in one month, as lifetimes' customer_lifetime_value (4.345 weeks, 30 days). */
export const PERIODS_PER_MONTH: Readonly<Record<ClvTimeUnit, number>> = { weeks: 4.345, days: 30 };

export interface CustomerLifetimeValueOptions {
  /** Horizon in months (default 12). */
  months?: number;
  /** Discount rate per month (default 0.01). */
  discountRate?: number;
  /** Unit of the data, when the purchase model does not know it (fitted on plain arrays). */
  unit?: ClvTimeUnit;
}

/**
 * CLV of each customer over the next `months`, as lifetimes computes it: Σₘ (E[purchases by month m] −
 * E[purchases by month m − 1]) · expected spend / (1 + discountRate)^m, with the purchase model's
 * conditional expectations and the Gamma-Gamma expected average spend.
 */
export function customerLifetimeValue(purchases: PurchaseModel, spend: GammaGammaModel, data: ClvData, options: CustomerLifetimeValueOptions = {}): Float64Array {
  const months = options.months ?? 12;
  const discountRate = options.discountRate ?? 0.01;
  checkParam(Number.isInteger(months) && months >= 1 && months <= 1200, 'customerLifetimeValue months', months, 'a whole number of months from 1 to 1200');
  checkParam(Number.isFinite(discountRate) && discountRate > -1, 'customerLifetimeValue discountRate', discountRate, 'a monthly rate > -1, e.g. 0.01');
  const unit = options.unit ?? purchases.unit;
  if (unit === null) throw usageError('customerLifetimeValue', 'the purchase model does not know the time unit of its data (fitted on arrays without `unit`)', "pass { unit: 'weeks' } or { unit: 'days' }");
  if (options.unit !== undefined && purchases.unit !== null && options.unit !== purchases.unit) {
    throw usageError('customerLifetimeValue', `unit '${options.unit}' differs from the purchase model's unit '${purchases.unit}'`, 'leave unit out, or refit on a summary in that unit');
  }
  const perMonth = PERIODS_PER_MONTH[unit];
  const d = checkClvData(data, 'customerLifetimeValue', 'purchases');
  // Checked here too, so a repeat buyer without a positive spend is named by its id under this function's name.
  const spendData = { customerIds: data.customerIds, frequency: d.x, monetaryValue: data.monetaryValue ?? new Float64Array(d.n) };
  checkClvData(spendData, 'customerLifetimeValue', 'spend');
  const value = spend.expectedSpend(spendData);
  // The discounted purchases depend on (x, tx, T) only: summed over the months once per distinct row, then times each customer's spend.
  const u = uniqueCustomers(d.x, d.tx, d.T);
  const byMonth = purchases.expectedPurchasesByHorizon(
    Array.from({ length: months }, (_, m) => (m + 1) * perMonth),
    { frequency: u.x, recency: u.tx, T: u.T },
  );
  const discounted = new Float64Array(u.x.length);
  for (let month = 1; month <= months; month++) {
    const expected = byMonth[month - 1]!;
    const previous = month > 1 ? byMonth[month - 2]! : null;
    const discount = Math.pow(1 + discountRate, month);
    for (let g = 0; g < discounted.length; g++) discounted[g] += (expected[g]! - (previous ? previous[g]! : 0)) / discount;
  }
  const out = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) out[i] = discounted[u.group[i]!]! * value[i]!;
  return out;
}
