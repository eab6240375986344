/**
 * SQL for a sum of amounts or quantities, added as exact decimals (4 places) and returned as DOUBLE.
 * A float sum depends on the order DuckDB's threads add rows in, so the same data gave different
 * last digits (and, through ties, different RFM scores) from run to run; a decimal sum does not.
 */
export function exactSum(column: string, where?: string): string {
  return `CAST(sum(CAST(${column} AS DECIMAL(18,4)))${where ? ` FILTER (WHERE ${where})` : ''} AS DOUBLE)`;
}

/** A value as an exact decimal (e.g. the per-order net amount), so later sums of it stay exact. */
export function exactDecimal(expr: string): string {
  return `CAST(${expr} AS DECIMAL(18,4))`;
}
