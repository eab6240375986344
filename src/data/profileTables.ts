import { CalendarDate } from '../core/CalendarDate';
import { checkParam, paramError, UsageError } from '../core/errors';
import { type DuckSession, quoteIdent, type Row } from './DuckSession';
import type { LoadedColumn, LoadedTable, LoadResult } from './LoadResult';
import { SAMPLE_ROWS, withSourceRows } from './sampleRows';
import { type AmountSummary, type ColumnProfile, EXACT_DISTINCT_MAX_ROWS, type NumericSummary, type QualityProfile, type TableProfile } from './QualityProfile';
import { TABLE_NAMES } from './schema';

export type { AmountSummary, ColumnProfile, NumericSummary, QualityProfile, TableProfile, TopValue } from './QualityProfile';
export { EXACT_DISTINCT_MAX_ROWS } from './QualityProfile';
export { profileToMarkdown } from './profileToMarkdown';

export interface ProfileOptions {
  /** Reference date (a CalendarDate, or YYYY-MM-DD read by its one grammar); values after its 00:00 UTC count as future dates. */
  asOf?: CalendarDate | Date | string;
  /** How many most frequent values to list per categorical column (default 10). */
  topValues?: number;
  /** Tables with more rows get HyperLogLog distinct counts (default EXACT_DISTINCT_MAX_ROWS). */
  exactDistinctMaxRows?: number;
}

const NUMERIC_TYPES = new Set(['DOUBLE', 'BIGINT']);

const TOP_ROLES = new Set(['categorical', 'boolean', 'target']);

/**
 * Data-quality profile of every table in a LoadResult, computed in DuckDB: per column missing
 * values, distinct values, constant flag, numeric summary with IQR outliers, top values; per table
 * exact duplicate rows, duplicate customer ids, negative amounts and returns, dates after asOf.
 */
export async function profileTables(session: DuckSession, load: LoadResult, options: ProfileOptions = {}): Promise<QualityProfile> {
  if (!load || load.schemaVersion !== 1 || !Array.isArray(load.tables)) {
    throw paramError('load', load, 'the LoadResult of loadTables (schemaVersion 1)', typeof load);
  }
  const asOf = options.asOf === undefined ? undefined : CalendarDate.parse(options.asOf, 'asOf');
  const top = options.topValues ?? 10;
  if (!Number.isInteger(top) || top < 0) throw paramError('topValues', top, 'a non-negative integer');

  const exactMax = options.exactDistinctMaxRows ?? EXACT_DISTINCT_MAX_ROWS;
  checkParam(Number.isInteger(exactMax) && exactMax >= 0, 'exactDistinctMaxRows', exactMax, 'a non-negative integer');

  const tables: TableProfile[] = [];
  for (const loaded of load.tables) {
    if (!TABLE_NAMES.includes(loaded.table) || !(await session.tableExists(loaded.table))) {
      throw new UsageError(`Invalid load: table ${JSON.stringify(loaded.table)} is in the LoadResult but not in the session; profile the session loadTables filled.`);
    }
    tables.push(await profileTable(session, loaded, asOf, top, exactMax));
  }
  return { schemaVersion: 1, asOf: asOf?.iso ?? null, tables, absent: [...load.absent], loadWarnings: [...load.warnings] };
}

async function profileTable(session: DuckSession, loaded: LoadedTable, asOf: CalendarDate | undefined, top: number, exactMax: number): Promise<TableProfile> {
  const t = quoteIdent(loaded.table);
  // The checks that list rows read the table with the source row of each.
  const { from, row } = await withSourceRows(session, loaded.table);
  const columns = loaded.columns.filter((c) => c.provided);
  const asOfSql = asOf?.sqlTimestamp;

  // Pass 1: one aggregate over the table for every column; the first rows of a problem are the
  // smallest row ids that show it (min(x, n) keeps n values, never the list of all).
  const first = (cond: string) => `min(${row}, ${SAMPLE_ROWS}) FILTER (WHERE ${cond})`;
  const parts: string[] = ['count(*) AS __rows'];
  const approximate = loaded.loadedRows > exactMax;
  columns.forEach((c, i) => {
    const q = quoteIdent(c.name);
    parts.push(`count(${q}) AS n${i}`, `${first(`${q} IS NULL`)} AS mr${i}`);
    if (approximate) parts.push(`approx_count_distinct(${q}) AS d${i}`, `(min(${q}) = max(${q})) AS one${i}`);
    else parts.push(`count(DISTINCT ${q}) AS d${i}`);
    if (NUMERIC_TYPES.has(c.type)) {
      parts.push(
        `min(${q}) AS min${i}`,
        // The three quartiles from one aggregate: one copy of the values sorted once, not three.
        `quantile_cont(${q}, [0.25, 0.5, 0.75]) AS q${i}`,
        `max(${q}) AS max${i}`,
        `avg(${q}) AS mean${i}`,
        `stddev_samp(${q}) AS sd${i}`,
      );
    }
    if (c.type === 'TIMESTAMP') {
      parts.push(`CAST(min(${q}) AS VARCHAR) AS tmin${i}`, `CAST(max(${q}) AS VARCHAR) AS tmax${i}`);
      if (asOfSql) parts.push(`count(*) FILTER (WHERE ${q} > ${asOfSql}) AS fut${i}`, `${first(`${q} > ${asOfSql}`)} AS fr${i}`);
    }
  });
  const numeric = columns.flatMap((c, i) => (NUMERIC_TYPES.has(c.type) ? [i] : []));
  const quartiles = numeric.map((i) => `, q${i}[1] AS p25_${i}, q${i}[2] AS p50_${i}, q${i}[3] AS p75_${i}`).join('');
  const s = (await session.one(
    numeric.length ? `SELECT * EXCLUDE (${numeric.map((i) => `q${i}`).join(', ')})${quartiles} FROM (SELECT ${parts.join(', ')} FROM ${from})` : `SELECT ${parts.join(', ')} FROM ${from}`,
  ))!;
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
  const outliers = new Map<number, { count: number; rows: number[] }>();
  if (bounds.size) {
    const q = [...bounds].map(([i, b]) => {
      const col = quoteIdent(columns[i]!.name);
      const outside = `${col} < ${b.lower} OR ${col} > ${b.upper}`;
      return `count(*) FILTER (WHERE ${outside}) AS o${i}, ${first(outside)} AS or${i}`;
    });
    const o = (await session.one(`SELECT ${q.join(', ')} FROM ${from}`))!;
    for (const i of bounds.keys()) outliers.set(i, { count: Number(o[`o${i}`]), rows: rowList(o[`or${i}`]) });
  }

  const profiles: ColumnProfile[] = [];
  for (const [i, c] of columns.entries()) {
    const present = Number(s[`n${i}`]);
    // A sketch's estimate: 0 without values, 1 for a constant column, at least 2 otherwise.
    const constant = approximate ? present === 0 || s[`one${i}`] === true : Number(s[`d${i}`]) <= 1;
    const distinct = approximate ? (present === 0 ? 0 : constant ? 1 : Math.max(2, Number(s[`d${i}`]))) : Number(s[`d${i}`]);
    const p: ColumnProfile = {
      name: c.name,
      role: c.role,
      type: c.type,
      canonical: c.canonical,
      missing: rows - present,
      missingShare: rows ? (rows - present) / rows : 0,
      distinct,
      ...(approximate ? { distinctApproximate: true as const } : {}),
      constant,
    };
    if (rows - present > 0) p.missingRows = rowList(s[`mr${i}`]);
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
        outliers: b
          ? { count: outliers.get(i)!.count, share: present ? outliers.get(i)!.count / present : 0, lower: b.lower, upper: b.upper, sampleRows: outliers.get(i)!.rows }
          : null,
      };
      p.numeric = summary;
    }
    if (c.type === 'TIMESTAMP') {
      const future = asOfSql ? Number(s[`fut${i}`]) : null;
      p.timestamp = {
        min: (s[`tmin${i}`] as string | null) ?? null,
        max: (s[`tmax${i}`] as string | null) ?? null,
        future,
        ...(future ? { futureRows: rowList(s[`fr${i}`]) } : {}),
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
    // Counted on the loaded rows by load: the warning and the profile say the same.
    duplicateRows: { ...loaded.duplicateRows, share: rows ? loaded.duplicateRows.count / rows : 0 },
  };
  if (loaded.duplicateKeys) profile.duplicateKeys = loaded.duplicateKeys;
  if (loaded.table === 'transactions') profile.amounts = await amounts(session, columns, from, row);
  const main = loaded.table === 'customers' ? 'signup_date' : 'ts';
  const mainProfile = profiles.find((p) => p.name === main && p.timestamp);
  if (mainProfile?.timestamp) profile.dates = { column: main, ...mainProfile.timestamp };
  return profile;
}

async function amounts(session: DuckSession, columns: LoadedColumn[], from: string, row: string): Promise<AmountSummary> {
  const hasReturn = columns.some((c) => c.name === 'is_return');
  // Sums of amounts as exact decimals (4 places, as the feature table's): a float sum's last digits depend on
  // the order DuckDB's threads add rows in, and the total is shown to 4 decimals (a 1.67e9 total differed in
  // its last shown digit between two runs). Amounts beyond what DECIMAL(38,4) holds keep the float sums.
  const query = (sum: (where?: string) => string) =>
    `SELECT ${sum()} AS total,
            count(*) FILTER (WHERE "amount" < 0) AS neg_n, ${sum('"amount" < 0')} AS neg_v,
            min(${row}, ${SAMPLE_ROWS}) FILTER (WHERE "amount" < 0) AS neg_r,
            count(*) FILTER (WHERE "amount" = 0) AS zero, min(${row}, ${SAMPLE_ROWS}) FILTER (WHERE "amount" = 0) AS zero_r
            ${hasReturn ? `, count(*) FILTER (WHERE "is_return") AS ret_n, ${sum('"is_return"')} AS ret_v` : ''}
     FROM ${from}`;
  const filter = (where?: string) => (where ? ` FILTER (WHERE ${where})` : '');
  let a: Row;
  try {
    a = (await session.one(query((where) => `coalesce(CAST(sum(CAST("amount" AS DECIMAL(38,4)))${filter(where)} AS DOUBLE), 0)`)))!;
  } catch {
    a = (await session.one(query((where) => `coalesce(sum("amount")${filter(where)}, 0)`)))!;
  }
  return {
    total: Number(a.total),
    negative: { count: Number(a.neg_n), value: Number(a.neg_v), sampleRows: rowList(a.neg_r) },
    zero: Number(a.zero),
    zeroRows: rowList(a.zero_r),
    returns: hasReturn ? { count: Number(a.ret_n), value: Number(a.ret_v) } : null,
  };
}

/** Rows of a min(row, n) result: a list, or its text when it arrives as text ("1,5" or "[1, 5]"). */
function rowList(v: unknown): number[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.map(Number);
  const text = String(v).replace(/^\[|\]$/g, '').trim();
  return text ? text.split(',').map((x) => Number(x.trim())) : [];
}
