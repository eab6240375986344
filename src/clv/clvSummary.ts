import { CalendarDate } from '../core/CalendarDate';
import { checkParam } from '../core/errors';
import type { DuckSession } from '../data/DuckSession';
import { checkTransactionsTable } from './checkTransactionsTable';
import type { ClvSummary } from './ClvData';
import { CLV_TIME_UNITS, daysPerUnit, type ClvTimeUnit } from './ClvTimeUnit';
import { clvSummarySql } from './clvSummarySql';

export interface ClvSummaryOptions {
  /** The last day of the calibration period, included (lifetimes' calibration_period_end): the asOf of the fit. */
  calibrationEnd: CalendarDate | string;
  /** The last day of the holdout period, included; when given, the summary carries the holdout purchases and value. */
  observationEnd?: CalendarDate | string;
  /** Unit of recency and T (default 'weeks', as the BTYD literature and lifetimes' CDNOW examples). */
  unit?: ClvTimeUnit;
}

/**
 * The per-customer transaction summary the CLV models fit on (frequency, recency, T, mean repeat
 * value), computed in DuckDB from the canonical `transactions` table of the session, with the
 * calibration / holdout split. Customers whose first purchase is after calibrationEnd are not in it.
 */
export async function clvSummary(session: DuckSession, options: ClvSummaryOptions): Promise<ClvSummary> {
  checkParam(options !== null && typeof options === 'object', 'clvSummary options', options, 'an object with calibrationEnd');
  const calibrationEnd = CalendarDate.parse(options.calibrationEnd, 'clvSummary calibrationEnd');
  const observationEnd = options.observationEnd === undefined ? undefined : CalendarDate.parse(options.observationEnd, 'clvSummary observationEnd');
  const unit = options.unit ?? 'weeks';
  checkParam(CLV_TIME_UNITS.includes(unit), 'clvSummary unit', unit, `one of ${CLV_TIME_UNITS.join(', ')}`);
  if (observationEnd) checkParam(observationEnd.epochDays > calibrationEnd.epochDays, 'clvSummary observationEnd', observationEnd.iso, `a day after calibrationEnd (${calibrationEnd.iso})`);
  const { isReturn } = await checkTransactionsTable(session);
  const sql = clvSummarySql({ calibrationEnd, observationEnd, unit, isReturn });
  const result = await session.columns(sql);
  const n = result.rowCount;
  const numeric = (name: string): Float64Array => {
    const col = result.columns[name];
    return col instanceof Float64Array ? col : new Float64Array(n);
  };
  const ids = (result.columns.customer_id ?? []) as (string | null)[];
  return {
    unit,
    calibrationEnd,
    customerIds: ids.map(String),
    frequency: numeric('frequency'),
    recency: numeric('recency'),
    T: numeric('T'),
    monetaryValue: numeric('monetary_value'),
    sql,
    ...(observationEnd && {
      holdout: {
        observationEnd,
        duration: (observationEnd.epochDays - calibrationEnd.epochDays) / daysPerUnit(unit),
        purchases: numeric('holdout_purchases'),
        value: numeric('holdout_value'),
      },
    }),
  };
}
