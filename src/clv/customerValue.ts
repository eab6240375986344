import type { CalendarDate } from '../core/CalendarDate';
import type { DuckSession } from '../data/DuckSession';
import type { ClvSummary } from './ClvData';
import type { PurchaseModelName } from './ClvModelName';
import { CLV_MODELS } from './clvModels';
import { clvSummary } from './clvSummary';
import type { ClvTimeUnit } from './ClvTimeUnit';
import { ConvergenceError } from './ConvergenceError';
import { customerLifetimeValue, PERIODS_PER_MONTH } from './customerLifetimeValue';
import { GammaGamma } from './GammaGamma';
import type { GammaGammaModel } from './GammaGammaModel';
import type { PurchaseModel } from './PurchaseModel';

/** How CLV is fitted and predicted (the clv: config section's numbers). */
export interface CustomerValueOptions {
  model: PurchaseModelName;
  unit: ClvTimeUnit;
  penalizer: number;
  /** Months of the CLV horizon and of the expected purchases. */
  horizon: number;
  /** Monthly discount rate. */
  discount: number;
  seed: number;
  /** Told the milliseconds of each part (summary, fit, predict), for a run's manifest. */
  onPart?: (part: 'summary' | 'fit' | 'predict', ms: number) => void;
}

/** CLV, P(alive) and expected purchases of every customer with a purchase before a date, and the fits behind them. */
export interface CustomerValue {
  summary: ClvSummary;
  repeatBuyers: number;
  purchases: PurchaseModel;
  spend: GammaGammaModel;
  /** Rows of the summary the spend model was fitted on (repeat buyers with a positive spend, and one-time buyers). */
  spendRows: number[];
  /** Per summary row; CLV is NaN where the spend model had no say (repeat purchases worth 0 or less). */
  clv: Float64Array;
  pAlive: Float64Array;
  expected: Float64Array;
}

/** Why there is no value to fit: no purchase, or no repeat purchase, before the date. */
export interface NoCustomerValue {
  skipped: string;
  summary: ClvSummary;
}

/**
 * The clv stage's calculation, for any date: the transaction summary with calibration end = the day before
 * `asOf` (so nothing on or after asOf is read), the purchase model and Gamma-Gamma fitted on it, and per customer
 * CLV over the horizon, P(alive) and the expected purchases over the horizon. The models stage calls it at every
 * training snapshot, so a CLV input never sees the future of its snapshot. A fit that does not converge throws
 * ConvergenceError with `model` set to the model that failed.
 */
export async function customerValue(session: DuckSession, asOf: CalendarDate, options: CustomerValueOptions): Promise<CustomerValue | NoCustomerValue> {
  let t = performance.now();
  const lap = (part: 'summary' | 'fit' | 'predict'): void => {
    const now = performance.now();
    options.onPart?.(part, now - t);
    t = now;
  };
  const summary = await clvSummary(session, { calibrationEnd: asOf.addDays(-1), unit: options.unit });
  lap('summary');
  const n = summary.customerIds.length;
  let repeatBuyers = 0;
  for (let i = 0; i < n; i++) if (summary.frequency[i]! > 0) repeatBuyers++;
  if (n === 0) return { skipped: `no customer has a purchase before ${asOf.iso}`, summary };
  if (repeatBuyers === 0) return { skipped: `none of the ${n.toLocaleString('en-US')} customers with a purchase before ${asOf.iso} bought on a second day, so there is no repeat purchase to fit`, summary };
  // Gamma-Gamma takes positive spends: a repeat buyer whose repeat days net to 0 or less (returns, free lines) is left out.
  const spendRows: number[] = [];
  for (let i = 0; i < n; i++) if (summary.frequency[i] === 0 || summary.monetaryValue[i]! > 0) spendRows.push(i);
  const params = { penalizer: options.penalizer, seed: options.seed };
  const entry = CLV_MODELS.get(options.model);
  let which: string = entry.name;
  let purchases: PurchaseModel;
  let spend: GammaGammaModel;
  try {
    purchases = entry.create(params).fit(summary);
    which = 'Gamma-Gamma';
    spend = new GammaGamma(params).fit(pickSummaryRows(summary, spendRows));
  } catch (err) {
    if (err instanceof ConvergenceError) err.model ??= which;
    throw err;
  }
  lap('fit');
  const pAlive = purchases.probabilityAlive(summary);
  const expected = purchases.expectedPurchases(options.horizon * PERIODS_PER_MONTH[options.unit], summary);
  const clv = new Float64Array(n).fill(NaN);
  const values = customerLifetimeValue(purchases, spend, pickSummaryRows(summary, spendRows), { months: options.horizon, discountRate: options.discount, unit: options.unit });
  spendRows.forEach((i, k) => (clv[i] = values[k]!));
  lap('predict');
  return { summary, repeatBuyers, purchases, spend, spendRows, clv, pAlive, expected };
}

/** The rows of a summary (the spend fit's customers). */
export function pickSummaryRows(s: ClvSummary, rows: readonly number[]): ClvSummary {
  if (rows.length === s.customerIds.length) return s;
  const f = (a: Float64Array): Float64Array => Float64Array.from(rows, (i) => a[i]!);
  return { ...s, customerIds: rows.map((i) => s.customerIds[i]!), frequency: f(s.frequency), recency: f(s.recency), T: f(s.T), monetaryValue: f(s.monetaryValue), holdout: undefined };
}
