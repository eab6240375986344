import { quoteLiteral } from './DuckSession';
import { EVENT_TYPES } from './schema';

/**
 * SQL that is true when `expr` (an event type) is not one of EVENT_TYPES, NULL when it is NULL. Written
 * as a chain of <>, not NOT IN: DuckDB may plan an IN list as a join, and a table created from it then
 * loses file order (the one-pass read's row ids are the rows' numbers).
 */
export function unknownEventTypeSql(expr: string): string {
  return `(${EVENT_TYPES.map((t) => `${expr} <> ${quoteLiteral(t)}`).join(' AND ')})`;
}
