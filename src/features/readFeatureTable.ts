import { checkParam, UsageError } from '../core/errors';
import { DuckSession, quoteIdent, quoteLiteral } from '../data/DuckSession';
import type { Progress } from '../core/progress';
import { roleFromType } from './AvailableData';

/** Columns of the feature table, column-wise: numbers in typed arrays, labels in string arrays. */
export interface FeatureTable {
  rowCount: number;
  /** customer_id of each row (rows ordered by customer_id). */
  ids: string[];
  /** The columns read, in table order. */
  names: string[];
  /** Numeric and boolean columns; NULL → NaN. */
  numeric: Record<string, Float64Array>;
  /** Text columns; NULL stays null. */
  categorical: Record<string, (string | null)[]>;
}

/**
 * Read the feature table (default "features") without building per-row objects: one query, values
 * copied chunk by chunk from DuckDB vectors into Float64Array / string arrays. `columns` selects a
 * subset (default: every column except customer_id). Rows are ordered by customer_id, so repeated
 * reads give the same row order.
 */
export async function readFeatureTable(
  session: DuckSession,
  columns?: readonly string[],
  options: { table?: string; progress?: Progress } = {},
): Promise<FeatureTable> {
  checkParam(session instanceof DuckSession, 'session', typeof session, 'a DuckSession');
  const table = options.table ?? 'features';
  if (!(await session.tableExists(table))) {
    throw new UsageError(`Table "${table}" does not exist; run computeFeatures first.`);
  }
  const described = await session.describe(quoteIdent(table));
  const types = new Map(described.map((c) => [c.name, c.type]));
  checkParam(types.has('customer_id'), `${table}.customer_id`, [...types.keys()], 'a customer_id column');
  const names = columns ? [...columns] : described.map((c) => c.name).filter((n) => n !== 'customer_id');
  const unknown = names.filter((n) => !types.has(n));
  if (unknown.length) {
    throw new UsageError(`Unknown feature column(s) ${unknown.map((n) => `"${n}"`).join(', ')}; the table has: ${[...types.keys()].join(', ')}.`);
  }
  const isNumeric = names.map((n) => {
    const role = roleFromType(types.get(n)!);
    return role === 'numeric' || role === 'boolean';
  });
  const levels = await fewLevels(session, table, names.filter((_, j) => !isNumeric[j]));
  const selects = [
    'CAST(customer_id AS VARCHAR)',
    ...names.map((n, j) => {
      const text = `CAST(${quoteIdent(n)} AS VARCHAR)`;
      if (isNumeric[j]) return `CAST(${quoteIdent(n)} AS DOUBLE)`;
      const values = levels.get(n);
      return values?.length ? `CAST(${text} AS ENUM(${values.map(quoteLiteral).join(', ')}))` : text;
    }),
  ];
  const result = await session.connection.run(`SELECT ${selects.join(', ')} FROM ${quoteIdent(table)} ORDER BY customer_id`);
  const rowCount = result.rowCount;
  // A million rows of 60 columns take seconds to copy: a step of its own when the caller shows progress.
  const progress = options.progress;
  progress?.start(`read the ${table} table`, rowCount);
  const ids: string[] = new Array(rowCount);
  const numeric: Record<string, Float64Array> = {};
  const categorical: Record<string, (string | null)[]> = {};
  const targets = names.map((n, j) => (isNumeric[j] ? (numeric[n] = new Float64Array(rowCount)) : (categorical[n] = new Array(rowCount))));

  let offset = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const size = chunk.rowCount;
    const idVector = chunk.getColumnVector(0);
    for (let i = 0; i < size; i++) ids[offset + i] = String(idVector.getItem(i));
    names.forEach((_, j) => {
      const vector = chunk.getColumnVector(j + 1);
      const out = targets[j]!;
      if (out instanceof Float64Array) {
        for (let i = 0; i < size; i++) {
          const v = vector.getItem(i) as number | null;
          out[offset + i] = v === null ? NaN : v;
        }
      } else {
        for (let i = 0; i < size; i++) out[offset + i] = vector.getItem(i) as string | null;
      }
    });
    offset += size;
    if (progress && (c % 64 === 63 || c === result.chunkCount - 1)) progress.update(offset);
  }
  progress?.end(`${rowCount.toLocaleString('en-US')} rows × ${names.length} columns`);
  return { rowCount, ids, names, numeric, categorical };
}

/** Text columns with at most this many distinct values are read through a DuckDB ENUM. */
const ENUM_MAX_LEVELS = 4096;

/**
 * The distinct values of each text column that has few (ENUM_MAX_LEVELS at most), in one pass over the
 * table. Read as an ENUM, a column's values come back as the type's own strings, one JavaScript string
 * per level instead of one decoded string per row (a million rows of nine text columns: seconds of
 * decoding and garbage). A column's sorted levels come back as JSON text (a DuckDB list arrives as its
 * display text), and only for columns with few.
 */
async function fewLevels(session: DuckSession, table: string, columns: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!columns.length) return out;
  const levels = columns.map((c, j) => {
    const q = quoteIdent(c);
    return `CASE WHEN count(DISTINCT ${q}) <= ${ENUM_MAX_LEVELS} THEN to_json(list_sort(list(DISTINCT CAST(${q} AS VARCHAR)) FILTER (WHERE ${q} IS NOT NULL))) END AS v${j}`;
  });
  const row = (await session.one(`SELECT ${levels.join(', ')} FROM ${quoteIdent(table)}`))!;
  columns.forEach((c, j) => {
    const json = row[`v${j}`];
    if (typeof json === 'string') out.set(c, JSON.parse(json) as string[]);
  });
  return out;
}
