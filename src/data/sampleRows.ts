import { type DuckSession, quoteIdent } from './DuckSession';
import type { TableName } from './schema';

/** How many rows a problem lists (the first ones, in file order); its count gives the total. */
export const SAMPLE_ROWS = 10;

/**
 * The canonical tables hold no row numbers (features would take them for an attribute). When load
 * left rows out, or a column named rowid hides DuckDB's row ids, this table holds, in table order,
 * the 1-based source row of every canonical row (column __row); otherwise canonical row id k is
 * source row k + 1.
 */
export function rowMapName(table: TableName): string {
  return `__seglab_rows_${table}`;
}

export async function dropRowMap(session: DuckSession, table: TableName): Promise<void> {
  await session.run(`DROP TABLE IF EXISTS ${quoteIdent(rowMapName(table))}`);
}

/** Whether the row ids of a table with these columns are hidden by one of them. */
export function hidesRowid(columns: readonly string[]): boolean {
  return columns.some((c) => c.toLowerCase() === 'rowid');
}

/**
 * A relation over a canonical table with an expression for each row's source row: the table side by
 * side with its row map (POSITIONAL JOIN pairs rows by position), or the table and its row ids.
 */
export async function withSourceRows(session: DuckSession, table: TableName): Promise<{ from: string; row: string }> {
  const map = rowMapName(table);
  // A subquery, so that the map's own row ids do not make a column named rowid ambiguous.
  if (await session.tableExists(map)) return { from: `${quoteIdent(table)} POSITIONAL JOIN (SELECT __row AS __source_row FROM ${quoteIdent(map)})`, row: '__source_row' };
  return { from: quoteIdent(table), row: '(rowid + 1)' };
}
