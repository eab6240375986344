import { checkParam, usageError } from '../core/errors';
import type { ClvSummary } from './ClvData';
import type { ClvTimeUnit } from './ClvTimeUnit';
import type { PurchaseModel } from './PurchaseModel';

/** Calibration vs holdout purchases, one row per calibration frequency (the last row is "maxFrequency or more"). */
export interface CalibrationHoldoutByFrequency {
  readonly unit: ClvTimeUnit;
  /** Length of the holdout period in `unit`: the horizon of the predictions. */
  readonly duration: number;
  /** Calibration frequency of each bucket: 0, 1, …, maxFrequency (the last one also holds the customers above). */
  readonly frequency: Int32Array;
  /** "0", "1", …, "7+". */
  readonly labels: readonly string[];
  readonly customers: Float64Array;
  /** Mean purchases each bucket's customers made in the holdout period. */
  readonly actual: Float64Array;
  /** Mean expected purchases in the holdout period, conditional on each customer's calibration history. */
  readonly predicted: Float64Array;
}

/**
 * The BTYD literature's calibration / holdout check (lifetimes' plot_calibration_purchases_vs_holdout_purchases):
 * customers grouped by calibration frequency, the mean of their actual holdout purchases next to the mean
 * of the model's conditional expectation over the holdout duration. Needs a summary with a holdout.
 * Buckets without a customer have NaN means.
 */
export function calibrationHoldoutByFrequency(model: PurchaseModel, summary: ClvSummary, options: { maxFrequency?: number } = {}): CalibrationHoldoutByFrequency {
  const maxFrequency = options.maxFrequency ?? 7;
  checkParam(Number.isInteger(maxFrequency) && maxFrequency >= 1 && maxFrequency <= 1000, 'calibrationHoldoutByFrequency maxFrequency', maxFrequency, 'a whole number from 1 to 1000');
  const holdout = summary?.holdout;
  if (!holdout) throw usageError('calibrationHoldoutByFrequency', 'the summary has no holdout period', 'compute it with clvSummary(session, { calibrationEnd, observationEnd })');
  if (model.unit !== null && model.unit !== summary.unit) throw usageError('calibrationHoldoutByFrequency', `the model is in ${model.unit} and the summary in ${summary.unit}`, 'fit the model on a summary in the same unit');
  const expected = model.expectedPurchases(holdout.duration, summary);
  const k = maxFrequency + 1;
  const customers = new Float64Array(k);
  const actual = new Float64Array(k);
  const predicted = new Float64Array(k);
  for (let i = 0; i < expected.length; i++) {
    const b = Math.min(summary.frequency[i]!, maxFrequency);
    customers[b]++;
    actual[b] += holdout.purchases[i]!;
    predicted[b] += expected[i]!;
  }
  for (let b = 0; b < k; b++) {
    actual[b] /= customers[b]!;
    predicted[b] /= customers[b]!;
  }
  const frequency = Int32Array.from({ length: k }, (_, b) => b);
  const labels = Array.from(frequency, (b) => (b === maxFrequency ? `${b}+` : String(b)));
  return { unit: summary.unit, duration: holdout.duration, frequency, labels, customers, actual, predicted };
}
