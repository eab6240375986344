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
 * conditional expectations and the Gamma-Gamma expected average spend. (predictCustomers gives it with
 * the expected purchases, P(alive) and expected spend from the same pass.)
 */
export function customerLifetimeValue(purchases: PurchaseModel, spend: GammaGammaModel, data: ClvData, options: CustomerLifetimeValueOptions = {}): Float64Array {
  return lifetimeValueParts(purchases, spend, data, options, 'customerLifetimeValue', null).clv;
}

/** What lifetimeValueParts computes, per customer (extra: the expected purchases at the extra horizon and P(alive), when asked). */
export interface LifetimeValueParts {
  unit: ClvTimeUnit;
  clv: Float64Array;
  expectedSpend: Float64Array;
  extra: { t: number; expectedPurchases: Float64Array; probabilityAlive: Float64Array } | null;
}

/**
 * Internal to customerLifetimeValue and predictCustomers: checks everything under `who`, groups the customers by
 * (x, t_x, T) once and runs the purchase model once per distinct row for the monthly horizons (plus `extraT`, a
 * horizon in the model's unit, 'months' for the CLV horizon itself, null for none), each row's shared terms computed once.
 */
export function lifetimeValueParts(purchases: PurchaseModel, spend: GammaGammaModel, data: ClvData, options: CustomerLifetimeValueOptions, who: string, extraT: number | 'months' | null): LifetimeValueParts {
  const months = options.months ?? 12;
  const discountRate = options.discountRate ?? 0.01;
  checkParam(Number.isInteger(months) && months >= 1 && months <= 1200, `${who} months`, months, 'a whole number of months from 1 to 1200');
  checkParam(Number.isFinite(discountRate) && discountRate > -1, `${who} discountRate`, discountRate, 'a monthly rate > -1, e.g. 0.01');
  const unit = options.unit ?? purchases.unit;
  if (unit === null) throw usageError(who, 'the purchase model does not know the time unit of its data (fitted on arrays without `unit`)', "pass { unit: 'weeks' } or { unit: 'days' }");
  if (options.unit !== undefined && purchases.unit !== null && options.unit !== purchases.unit) {
    throw usageError(who, `unit '${options.unit}' differs from the purchase model's unit '${purchases.unit}'`, 'leave unit out, or refit on a summary in that unit');
  }
  const perMonth = PERIODS_PER_MONTH[unit];
  const t = extraT === 'months' ? months * perMonth : extraT;
  if (t !== null) checkParam(Number.isFinite(t) && t > 0, `${who} t`, t, `a finite number of periods > 0 (in ${unit})`);
  const d = checkClvData(data, who, 'purchases');
  // Checked here too, so a repeat buyer without a positive spend is named by its id under this function's name.
  const spendData = { customerIds: data.customerIds, frequency: d.x, monetaryValue: data.monetaryValue ?? new Float64Array(d.n) };
  checkClvData(spendData, who, 'spend');
  const value = spend.expectedSpend(spendData);
  // The discounted purchases depend on (x, tx, T) only: summed over the months once per distinct row, then times each customer's spend.
  const u = uniqueCustomers(d.x, d.tx, d.T);
  const ts = new Float64Array(months + (t === null ? 0 : 1));
  for (let m = 0; m < months; m++) ts[m] = (m + 1) * perMonth;
  if (t !== null) ts[months] = t;
  const { expected, alive } = purchases.distinctPredictions(ts, u);
  const discounted = new Float64Array(u.x.length);
  for (let month = 1; month <= months; month++) {
    const now = expected[month - 1]!;
    const previous = month > 1 ? expected[month - 2]! : null;
    const discount = Math.pow(1 + discountRate, month);
    for (let g = 0; g < discounted.length; g++) discounted[g] += (now[g]! - (previous ? previous[g]! : 0)) / discount;
  }
  const clv = new Float64Array(d.n);
  const group = u.group;
  for (let i = 0; i < d.n; i++) clv[i] = discounted[group[i]!]! * value[i]!;
  if (t === null) return { unit, clv, expectedSpend: value, extra: null };
  const atT = expected[months]!;
  const expectedPurchases = new Float64Array(d.n);
  const probabilityAlive = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) {
    const g = group[i]!;
    expectedPurchases[i] = atT[g]!;
    probabilityAlive[i] = alive[g]!;
  }
  return { unit, clv, expectedSpend: value, extra: { t, expectedPurchases, probabilityAlive } };
}
