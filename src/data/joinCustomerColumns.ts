import { type DuckSession, quoteIdent } from './DuckSession';

/**
 * Replace `table` (one row per customer_id) by itself LEFT JOINed with per-customer numeric columns, NULL for
 * customers without a value (NaN counts as none); rows stay in customer_id order.
 */
export async function joinCustomerColumns(session: DuckSession, table: string, ids: readonly string[], columns: Readonly<Record<string, Float64Array>>): Promise<void> {
  const names = Object.keys(columns);
  const temp = `__seglab_join_${table}`;
  await session.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(temp)} (customer_id VARCHAR, ${names.map((n) => `${quoteIdent(n)} DOUBLE`).join(', ')})`);
  try {
    const appender = await session.connection.createAppender(temp);
    for (let i = 0; i < ids.length; i++) {
      appender.appendVarchar(ids[i]!);
      for (const n of names) {
        const v = columns[n]![i]!;
        if (Number.isFinite(v)) appender.appendDouble(v);
        else appender.appendNull();
      }
      appender.endRow();
    }
    appender.closeSync();
    await session.run(
      `CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT f.*, ${names.map((n) => `c.${quoteIdent(n)}`).join(', ')} FROM ${quoteIdent(table)} f LEFT JOIN ${quoteIdent(temp)} c ON CAST(f.customer_id AS VARCHAR) = c.customer_id ORDER BY f.customer_id`,
    );
  } finally {
    await session.run(`DROP TABLE IF EXISTS ${quoteIdent(temp)}`);
  }
}
