import type { CalendarDate } from '../core/CalendarDate';

/**
 * The body of a `days` CTE over the canonical `transactions` table: one row per customer and calendar
 * day up to and including `end` (customer_id, day, value), kept when the day has a line that is not a
 * return; value is the net sum of its lines, an exact decimal (DECIMAL(18,4), as the feature SQL sums amounts:
 * a float sum depends on the order DuckDB's threads add the lines in, which moved the Gamma-Gamma fit and every
 * CLV in their last digits from run to run). The CLV summary and the cumulative-transactions diagnostic both
 * count purchases this way, so they agree.
 */
export function purchaseDaysSql(end: CalendarDate, isReturn: boolean): string[] {
  const returnLine = isReturn ? 'COALESCE(is_return, amount < 0)' : 'amount < 0';
  return [
    '  SELECT customer_id, CAST(ts AS DATE) AS day, sum(CAST(amount AS DECIMAL(18,4))) AS value',
    '  FROM transactions',
    `  WHERE customer_id IS NOT NULL AND CAST(ts AS DATE) <= ${end.sqlDate}`,
    '  GROUP BY customer_id, CAST(ts AS DATE)',
    `  HAVING count(*) FILTER (WHERE NOT ${returnLine}) > 0`,
  ];
}
