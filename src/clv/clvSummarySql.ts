import type { CalendarDate } from '../core/CalendarDate';
import { daysPerUnit, type ClvTimeUnit } from './ClvTimeUnit';
import { purchaseDaysSql } from './purchaseDaysSql';

/** What the summary SQL needs to know about the data and the periods. */
export interface ClvSummarySqlOptions {
  calibrationEnd: CalendarDate;
  observationEnd?: CalendarDate;
  unit: ClvTimeUnit;
  /** transactions.is_return exists (else a negative amount marks a return line). */
  isReturn: boolean;
}

/**
 * One statement over the canonical `transactions` table giving the CLV summary per customer, sorted by
 * customer_id: lines are merged per customer and calendar day (several orders on one day are one
 * purchase, as in the BTYD literature); a day counts as a purchase when it has a line that is not a
 * return, and its value is the net sum of its lines. Calibration = days up to and including
 * calibrationEnd; holdout = the days after it up to and including observationEnd.
 */
export function clvSummarySql(options: ClvSummarySqlOptions): string {
  const { calibrationEnd, observationEnd, unit, isReturn } = options;
  const cal = calibrationEnd.sqlDate;
  const per = daysPerUnit(unit);
  const lines = [
    'WITH days AS (',
    ...purchaseDaysSql(observationEnd ?? calibrationEnd, isReturn),
    '), calibration AS (',
    '  SELECT customer_id, count(*) - 1 AS frequency, min(day) AS first_day, max(day) AS last_day,',
    '         sum(value) - arg_min(value, day) AS repeat_value',
    `  FROM days WHERE day <= ${cal}`,
    '  GROUP BY customer_id',
    '), holdout AS (',
    '  SELECT customer_id, count(*) AS purchases, sum(value) AS value',
    `  FROM days WHERE day > ${cal}`,
    '  GROUP BY customer_id',
    ')',
    'SELECT c.customer_id::VARCHAR AS customer_id, c.frequency::DOUBLE AS frequency,',
    `       date_diff('day', c.first_day, c.last_day) / ${per}.0 AS recency,`,
    `       date_diff('day', c.first_day, ${cal}) / ${per}.0 AS "T",`,
    '       CASE WHEN c.frequency > 0 THEN CAST(c.repeat_value AS DOUBLE) / c.frequency ELSE 0 END::DOUBLE AS monetary_value,',
    '       coalesce(h.purchases, 0)::DOUBLE AS holdout_purchases, coalesce(h.value, 0)::DOUBLE AS holdout_value',
    'FROM calibration c LEFT JOIN holdout h USING (customer_id)',
    'ORDER BY c.customer_id',
  ];
  return lines.join('\n');
}
