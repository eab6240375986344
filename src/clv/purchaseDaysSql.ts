import type { CalendarDate } from '../core/CalendarDate';

/**
 * The body of a `days` CTE over the canonical `transactions` table: one row per customer and calendar
 * day up to and including `end` (customer_id, day, value), kept when the day has a line that is not a
 * return; value is the net sum of its lines. The CLV summary and the cumulative-transactions
 * diagnostic both count purchases this way, so they agree.
 */
export function purchaseDaysSql(end: CalendarDate, isReturn: boolean): string[] {
  const returnLine = isReturn ? 'COALESCE(is_return, amount < 0)' : 'amount < 0';
  return [
    '  SELECT customer_id, CAST(ts AS DATE) AS day, sum(amount) AS value',
    '  FROM transactions',
    `  WHERE customer_id IS NOT NULL AND CAST(ts AS DATE) <= ${end.sqlDate}`,
    '  GROUP BY customer_id, CAST(ts AS DATE)',
    `  HAVING count(*) FILTER (WHERE NOT ${returnLine}) > 0`,
  ];
}
