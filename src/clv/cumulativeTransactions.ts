import { CalendarDate } from '../core/CalendarDate';
import { checkParam, inputError, usageError } from '../core/errors';
import type { DuckSession } from '../data/DuckSession';
import { checkTransactionsTable } from './checkTransactionsTable';
import { CLV_TIME_UNITS, daysPerUnit, type ClvTimeUnit } from './ClvTimeUnit';
import type { PurchaseModel } from './PurchaseModel';
import { purchaseDaysSql } from './purchaseDaysSql';

export interface CumulativeTransactionsOptions {
  /** The last day counted, included (the observation end). */
  end: CalendarDate | string;
  /** Marks the period that holds the calibration end (the fit's asOf), when given. */
  calibrationEnd?: CalendarDate | string;
  /** Period of the series; default the model's unit (else 'weeks'). */
  unit?: ClvTimeUnit;
}

/** Actual and predicted cumulative repeat purchases at the end of each period from the first purchase day. */
export interface CumulativeTransactions {
  readonly unit: ClvTimeUnit;
  /** The first purchase day of the data: period 1 starts there. */
  readonly start: CalendarDate;
  /** Last day of each period (the last period may be shorter, ending at `end`). */
  readonly periodEnd: readonly CalendarDate[];
  /** Repeat purchase days (every purchase day of a customer after its first) up to each period end. */
  readonly actual: Float64Array;
  /** Σ over customers born by then of the model's E[X(age)], the unconditional expected repeat purchases. */
  readonly predicted: Float64Array;
  /** New customers (first purchase days) up to each period end. */
  readonly customers: Float64Array;
  /** 1-based period holding the calibration end, or null. */
  readonly calibrationPeriod: number | null;
}

/**
 * Actual vs predicted cumulative repeat transactions over time (lifetimes' expected_cumulative_transactions
 * and plot_cumulative_transactions): purchase days are counted in DuckDB from the transactions table as
 * clvSummary counts them; a customer born on day d contributes E[X(k − d)] by day k.
 */
export async function cumulativeTransactions(session: DuckSession, model: PurchaseModel, options: CumulativeTransactionsOptions): Promise<CumulativeTransactions> {
  checkParam(options !== null && typeof options === 'object', 'cumulativeTransactions options', options, 'an object with end');
  const end = CalendarDate.parse(options.end, 'cumulativeTransactions end');
  const calibrationEnd = options.calibrationEnd === undefined ? null : CalendarDate.parse(options.calibrationEnd, 'cumulativeTransactions calibrationEnd');
  const unit = options.unit ?? model.unit ?? 'weeks';
  checkParam(CLV_TIME_UNITS.includes(unit), 'cumulativeTransactions unit', unit, `one of ${CLV_TIME_UNITS.join(', ')}`);
  if (model.unit === null && options.unit === undefined) throw usageError('cumulativeTransactions', 'the model does not know the time unit of its data (fitted on arrays without `unit`)', "pass { unit: 'weeks' } or { unit: 'days' }");
  if (model.unit !== null && model.unit !== unit) throw usageError('cumulativeTransactions', `unit '${unit}' differs from the model's unit '${model.unit}'`, 'leave unit out, or refit on a summary in that unit');
  const { isReturn } = await checkTransactionsTable(session);
  const sql = [
    'WITH days AS (',
    ...purchaseDaysSql(end, isReturn),
    '), firsts AS (SELECT customer_id, min(day) AS first_day FROM days GROUP BY customer_id),',
    'origin AS (SELECT min(day) AS start FROM days)',
    "SELECT date_diff('day', o.start, d.day)::DOUBLE AS offset_days, strftime(o.start, '%Y-%m-%d') AS start,",
    '       count(*) FILTER (WHERE d.day = f.first_day)::DOUBLE AS births, count(*) FILTER (WHERE d.day > f.first_day)::DOUBLE AS repeats',
    'FROM days d JOIN firsts f USING (customer_id) CROSS JOIN origin o',
    'GROUP BY ALL ORDER BY offset_days',
  ].join('\n');
  const r = await session.columns(sql);
  if (r.rowCount === 0) throw inputError({ check: 'no-purchases', what: `the transactions table has no purchase on or before ${end.iso}`, where: { field: 'transactions' }, fix: 'check the end date and that the transactions hold purchases (not only returns)' });
  const offsets = r.columns.offset_days as Float64Array;
  const start = CalendarDate.parse((r.columns.start as string[])[0], 'first purchase day');
  const nDays = end.epochDays - start.epochDays + 1;
  const births = new Float64Array(nDays);
  const repeats = new Float64Array(nDays);
  for (let i = 0; i < r.rowCount; i++) {
    births[offsets[i]!] = (r.columns.births as Float64Array)[i]!;
    repeats[offsets[i]!] = (r.columns.repeats as Float64Array)[i]!;
  }
  // E[X(lag days)] once per lag, then the convolution with the births.
  const per = daysPerUnit(unit);
  const ex = new Float64Array(nDays);
  for (let lag = 1; lag < nDays; lag++) ex[lag] = model.expectedPurchasesUnconditional(lag / per);
  const nPeriods = Math.ceil(nDays / per);
  const actual = new Float64Array(nPeriods);
  const predicted = new Float64Array(nPeriods);
  const customers = new Float64Array(nPeriods);
  const periodEnd: CalendarDate[] = [];
  let cumRepeats = 0;
  let cumBirths = 0;
  let day = 0;
  for (let p = 0; p < nPeriods; p++) {
    const k = Math.min((p + 1) * per - 1, nDays - 1);
    for (; day <= k; day++) {
      cumRepeats += repeats[day]!;
      cumBirths += births[day]!;
    }
    let s = 0;
    for (let d = 0; d <= k; d++) if (births[d]! > 0) s += births[d]! * ex[k - d]!;
    actual[p] = cumRepeats;
    predicted[p] = s;
    customers[p] = cumBirths;
    periodEnd.push(CalendarDate.fromEpochDays(start.epochDays + k));
  }
  let calibrationPeriod: number | null = null;
  if (calibrationEnd && calibrationEnd.epochDays >= start.epochDays && calibrationEnd.epochDays <= end.epochDays) calibrationPeriod = Math.floor((calibrationEnd.epochDays - start.epochDays) / per) + 1;
  return { unit, start, periodEnd, actual, predicted, customers, calibrationPeriod };
}
