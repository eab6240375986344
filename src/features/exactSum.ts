/**
 * Exact sums. A float sum depends on the order DuckDB's threads add rows in, so the same data gave
 * different last digits (and, through ties, different RFM scores) from run to run. Amounts and item
 * counts are therefore turned into DECIMAL(18,4) once, where they are first read (exactDecimal), and
 * every sum of them is a decimal sum returned as DOUBLE (exactSum). Casting once, not inside every
 * aggregate, keeps the cost small (ten windowed sums over 10M orders would otherwise cast 100M values).
 */

/** A value as an exact decimal with 4 places (amounts in currency units, item counts). */
export function exactDecimal(expr: string): string {
  return `CAST(${expr} AS DECIMAL(18,4))`;
}

/** The sum of an exact-decimal column (see exactDecimal), optionally filtered, as DOUBLE. */
export function exactSum(column: string, where?: string): string {
  return `CAST(sum(${column})${where ? ` FILTER (WHERE ${where})` : ''} AS DOUBLE)`;
}
