import { type DuckSession, quoteIdent } from './DuckSession';
import type { TableName } from './schema';

/** How many rows a problem lists (the first ones, in file order); its count gives the total. */
export const SAMPLE_ROWS = 10;

/**
 * The canonical tables hold no row numbers (features would take them for an attribute). When load
 * left rows out, this table holds, for every canonical row in table order, its 1-based source row;
 * without it, canonical row k (0-based rowid) is source row k + 1.
 */
export function rowMapName(table: TableName): string {
  return `__seglab_rows_${table}`;
}

export async function dropRowMap(session: DuckSession, table: TableName): Promise<void> {
  await session.run(`DROP TABLE IF EXISTS ${quoteIdent(rowMapName(table))}`);
}

/** Source rows (1-based, header excluded) of canonical rows given by their rowids, in the same order. */
export async function sourceRows(session: DuckSession, table: TableName, rowids: readonly number[]): Promise<number[]> {
  if (!rowids.length) return [];
  const map = rowMapName(table);
  if (!(await session.tableExists(map))) return rowids.map((r) => r + 1);
  const found = await session.all(
    `SELECT rowid AS k, __row AS r FROM ${quoteIdent(map)} WHERE rowid IN (${rowids.map((r) => Math.trunc(r)).join(', ')})`,
  );
  const byRowid = new Map(found.map((f) => [Number(f.k), Number(f.r)]));
  return rowids.map((r) => byRowid.get(r) ?? r + 1);
}
