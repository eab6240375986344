import { UsageError } from '../core/errors';
import { type DuckSession, quoteIdent, quoteLiteral } from './DuckSession';
import type { LoadedColumn, LoadedTable, LoadResult } from './LoadResult';
import type { AmountSummary, ColumnProfile, NumericSummary, QualityProfile, TableProfile } from './QualityProfile';
import { TABLE_NAMES } from './schema';

export type { AmountSummary, ColumnProfile, NumericSummary, QualityProfile, TableProfile, TopValue } from './QualityProfile';
export { profileToMarkdown } from './profileToMarkdown';

export interface ProfileOptions {
  /** Reference instant (YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS]); values after it count as future dates. */
  asOf?: string;
  /** How many most frequent values to list per categorical column (default 10). */
  topValues?: number;
}

const AS_OF = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const NUMERIC_TYPES = new Set(['DOUBLE', 'BIGINT']);
const TOP_ROLES = new Set(['categorical', 'boolean', 'target']);

/**
 * Data-quality profile of every table in a LoadResult, computed in DuckDB: per column missing
 * values, distinct values, constant flag, numeric summary with IQR outliers, top values; per table
 * exact duplicate rows, duplicate customer ids, negative amounts and returns, dates after asOf.
 */
export async function profileTables(session: DuckSession, load: LoadResult, options: ProfileOptions = {}): Promise<QualityProfile> {
  if (!load || load.schemaVersion !== 1 || !Array.isArray(load.tables)) {
    throw new UsageError(`Invalid load: got ${typeof load}, expected the LoadResult of loadTables (schemaVersion 1).`);
  }
  const asOf = options.asOf;
  if (asOf !== undefined && (typeof asOf !== 'string' || !AS_OF.test(asOf) || Number.isNaN(Date.parse(asOf.replace(' ', 'T'))))) {
    throw new UsageError(`Invalid asOf: got ${JSON.stringify(asOf)}, expected a date like 2011-12-10 or 2011-12-10 00:00:00.`);
  }
  const top = options.topValues ?? 10;
  if (!Number.isInteger(top) || top < 0) throw new UsageError(`Invalid topValues: got ${JSON.stringify(top)}, expected a non-negative integer.`);

  const tables: TableProfile[] = [];
  for (const loaded of load.tables) {
    if (!TABLE_NAMES.includes(loaded.table) || !(await session.tableExists(loaded.table))) {
      throw new UsageError(`Invalid load: table ${JSON.stringify(loaded.table)} is in the LoadResult but not in the session; profile the session loadTables filled.`);
    }
    tables.push(await profileTable(session, loaded, asOf, top));
  }
  return { schemaVersion: 1, asOf: asOf ?? null, tables, absent: [...load.absent], loadWarnings: [...load.warnings] };
}

async function profileTable(session: DuckSession, loaded: LoadedTable, asOf: string | undefined, top: number): Promise<TableProfile> {
  const t = quoteIdent(loaded.table);
  const columns = loaded.columns.filter((c) => c.provided);
  const asOfSql = asOf !== undefined ? `CAST(${quoteLiteral(asOf)} AS TIMESTAMP)` : undefined;

  // Pass 1: one aggregate over the table for every column.
  const parts: string[] = ['count(*) AS __rows'];
  columns.forEach((c, i) => {
    const q = quoteIdent(c.name);
    parts.push(`count(${q}) AS n${i}`, `count(DISTINCT ${q}) AS d${i}`);
    if (NUMERIC_TYPES.has(c.type)) {
      parts.push(
        `min(${q}) AS min${i}`,
        `quantile_cont(${q}, 0.25) AS p25_${i}`,
        `quantile_cont(${q}, 0.5) AS p50_${i}`,
        `quantile_cont(${q}, 0.75) AS p75_${i}`,
        `max(${q}) AS max${i}`,
        `avg(${q}) AS mean${i}`,
        `stddev_samp(${q}) AS sd${i}`,
      );
    }
    if (c.type === 'TIMESTAMP') {
      parts.push(`CAST(min(${q}) AS VARCHAR) AS tmin${i}`, `CAST(max(${q}) AS VARCHAR) AS tmax${i}`);
      if (asOfSql) parts.push(`count(*) FILTER (WHERE ${q} > ${asOfSql}) AS fut${i}`);
    }
  });
  const s = (await session.one(`SELECT ${parts.join(', ')} FROM ${t}`))!;
  const rows = Number(s.__rows);
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

  // Pass 2: IQR outliers, with the bounds from pass 1.
  const bounds = new Map<number, { lower: number; upper: number }>();
  columns.forEach((c, i) => {
    const p25 = num(s[`p25_${i}`]);
    const p75 = num(s[`p75_${i}`]);
    if (NUMERIC_TYPES.has(c.type) && p25 !== null && p75 !== null) {
      const iqr = p75 - p25;
      bounds.set(i, { lower: p25 - 1.5 * iqr, upper: p75 + 1.5 * iqr });
    }
  });
  const outliers = new Map<number, number>();
  if (bounds.size) {
    const q = [...bounds].map(([i, b]) => {
      const col = quoteIdent(columns[i]!.name);
      return `count(*) FILTER (WHERE ${col} < ${b.lower} OR ${col} > ${b.upper}) AS o${i}`;
    });
    const o = (await session.one(`SELECT ${q.join(', ')} FROM ${t}`))!;
    for (const i of bounds.keys()) outliers.set(i, Number(o[`o${i}`]));
  }

  const profiles: ColumnProfile[] = [];
  for (const [i, c] of columns.entries()) {
    const present = Number(s[`n${i}`]);
    const distinct = Number(s[`d${i}`]);
    const p: ColumnProfile = {
      name: c.name,
      role: c.role,
      type: c.type,
      canonical: c.canonical,
      missing: rows - present,
      missingShare: rows ? (rows - present) / rows : 0,
      distinct,
      constant: distinct <= 1,
    };
    if (NUMERIC_TYPES.has(c.type)) {
      const b = bounds.get(i);
      const summary: NumericSummary = {
        min: num(s[`min${i}`]),
        p25: num(s[`p25_${i}`]),
        median: num(s[`p50_${i}`]),
        p75: num(s[`p75_${i}`]),
        max: num(s[`max${i}`]),
        mean: num(s[`mean${i}`]),
        sd: num(s[`sd${i}`]),
        outliers: b ? { count: outliers.get(i)!, share: present ? outliers.get(i)! / present : 0, lower: b.lower, upper: b.upper } : null,
      };
      p.numeric = summary;
    }
    if (c.type === 'TIMESTAMP') {
      p.timestamp = {
        min: (s[`tmin${i}`] as string | null) ?? null,
        max: (s[`tmax${i}`] as string | null) ?? null,
        future: asOfSql ? Number(s[`fut${i}`]) : null,
      };
    }
    if (top > 0 && (TOP_ROLES.has(c.role) && !NUMERIC_TYPES.has(c.type))) {
      const q = quoteIdent(c.name);
      const values = await session.all(
        `SELECT CAST(${q} AS VARCHAR) AS v, count(*) AS n FROM ${t} WHERE ${q} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT ${top}`,
      );
      p.topValues = values.map((v) => ({ value: String(v.v), count: Number(v.n), share: present ? Number(v.n) / present : 0 }));
    }
    profiles.push(p);
  }

  const profile: TableProfile = {
    table: loaded.table,
    rows,
    source: { path: loaded.path, format: loaded.format, sha256: loaded.sha256, rawRows: loaded.rawRows, excluded: loaded.excluded },
    columns: profiles,
    duplicateRows: await duplicateRows(session, loaded, columns, rows),
  };
  if (loaded.table === 'customers') {
    const d = (await session.one(
      `SELECT count(*) FILTER (WHERE n > 1) AS keys, coalesce(sum(n - 1), 0) AS extra FROM (SELECT count(*) AS n FROM ${t} GROUP BY "customer_id")`,
    ))!;
    profile.duplicateKeys = { keys: Number(d.keys), extraRows: Number(d.extra) };
  }
  if (loaded.table === 'transactions') profile.amounts = await amounts(session, columns);
  const main = loaded.table === 'customers' ? 'signup_date' : 'ts';
  const mainProfile = profiles.find((p) => p.name === main && p.timestamp);
  if (mainProfile?.timestamp) profile.dates = { column: main, ...mainProfile.timestamp };
  return profile;
}

async function duplicateRows(session: DuckSession, loaded: LoadedTable, columns: LoadedColumn[], rows: number): Promise<TableProfile['duplicateRows']> {
  // A generated order id is unique per row by construction and would hide every duplicate.
  const keys = columns.filter((c) => c.origin !== 'generated').map((c) => c.name);
  const d = await session.scalar(
    `SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM ${quoteIdent(loaded.table)} GROUP BY ${keys.map(quoteIdent).join(', ')})`,
  );
  const count = Number(d);
  return { count, share: rows ? count / rows : 0, columns: keys };
}

async function amounts(session: DuckSession, columns: LoadedColumn[]): Promise<AmountSummary> {
  const hasReturn = columns.some((c) => c.name === 'is_return');
  const a = (await session.one(
    `SELECT coalesce(sum("amount"), 0) AS total,
            count(*) FILTER (WHERE "amount" < 0) AS neg_n, coalesce(sum("amount") FILTER (WHERE "amount" < 0), 0) AS neg_v,
            count(*) FILTER (WHERE "amount" = 0) AS zero
            ${hasReturn ? ', count(*) FILTER (WHERE "is_return") AS ret_n, coalesce(sum("amount") FILTER (WHERE "is_return"), 0) AS ret_v' : ''}
     FROM "transactions"`,
  ))!;
  return {
    total: Number(a.total),
    negative: { count: Number(a.neg_n), value: Number(a.neg_v) },
    zero: Number(a.zero),
    returns: hasReturn ? { count: Number(a.ret_n), value: Number(a.ret_v) } : null,
  };
}
