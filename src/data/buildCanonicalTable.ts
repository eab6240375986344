import type { Problem } from '../core/errors';
import { assertUnreachable } from '../core/assertUnreachable';
import { type DuckSession, quoteIdent, quoteLiteral } from './DuckSession';
import { duckErrorMessage } from './duckErrorMessage';
import { sampleLocation } from './locateRows';
import { ROW_COLUMN } from './readRawTable';
import type { ColumnPlan } from './resolveMapping';
import { dropRowMap, hidesRowid, rowMapName, SAMPLE_ROWS } from './sampleRows';
import { EVENT_TYPES } from './schema';
import { unknownEventTypeSql } from './unknownEventTypeSql';
import type { TableContext, ValidatedTable } from './validateTable';

export type ExclusionReason = 'missing-customer-id' | 'invalid-value' | 'missing-value' | 'filter';

/** Source rows left out of a canonical table, with why. */
export interface ExcludedRows {
  reason: ExclusionReason;
  /** The required column without a value (missing-value), or the column whose value did not parse (invalid-value, onInvalid: drop). */
  column?: string;
  count: number;
  /** A few 1-based source rows. */
  sampleRows: number[];
}

/** Loaded rows identical to an earlier loaded row in every column (generated columns aside). */
export interface DuplicateRows {
  count: number;
  /** The columns compared. */
  columns: string[];
  /** The first repeating rows (1-based source rows). */
  sampleRows: number[];
}

/** Customers only: ids on more than one loaded row, and the rows after the first of each. */
export interface DuplicateKeys {
  keys: number;
  extraRows: number;
  sampleRows: number[];
}

export interface CanonicalBuild {
  rows: number;
  excluded: ExcludedRows[];
  duplicateRows: DuplicateRows;
  duplicateKeys?: DuplicateKeys;
  problems: Problem[];
}

const SAMPLE = SAMPLE_ROWS;

/**
 * Create the canonical table (customers / transactions / events) from a validated stage table:
 * the canonical columns the source provides in schema order, then extra columns; rows
 * without a customer id or another required value, with a value dropped as invalid, or failing the
 * config's filter, are left out and counted. Rows keep the source order; when some were left out,
 * the source row of every canonical row is kept beside the table (sampleRows.ts) for later reports.
 * Repeated rows and (customers) repeated ids are counted on the loaded rows, once for load and profile.
 */
export async function buildCanonicalTable(session: DuckSession, ctx: TableContext, validated: ValidatedTable): Promise<CanonicalBuild> {
  const problems: Problem[] = [];
  const stage = quoteIdent(validated.stageName!);
  const drops = validated.dropColumns;
  const inner = `SELECT ${ROW_COLUMN}${drops.length ? ', __invalid' : ''}${validated.staged.map((s) => `, c${s.index} AS ${quoteIdent(s.plan.name)}`).join('')} FROM ${stage}`;
  // Canonical columns the source lacks are left out, so readers of the table see only real data.
  const present = validated.plans.filter((p) => p.origin.kind !== 'absent');
  const select = present.map((p) => `${columnSql(p)} AS ${quoteIdent(p.name)}`);
  const required = validated.plans.filter((p) => p.canonical && p.required);
  // A missing customer id first; then a value dropped as invalid, which is also missing once converted.
  const whens = [
    ...required.filter((p) => p.name === 'customer_id').map((p) => `WHEN ${quoteIdent(p.name)} IS NULL THEN 'missing-customer-id'`),
    ...drops.map((d) => `WHEN __invalid = ${d.code} THEN ${quoteLiteral(`invalid-value:${d.name}`)}`),
    ...required.filter((p) => p.name !== 'customer_id').map((p) => `WHEN ${quoteIdent(p.name)} IS NULL THEN ${quoteLiteral(`missing-value:${p.name}`)}`),
  ];
  const reason = whens.length ? `CASE ${whens.join(' ')} END` : 'NULL';
  // The canonical rows with why each would be left out. Not materialised: the checks below read few
  // columns, and the canonical table is written from it once.
  const canon = `(SELECT ${ROW_COLUMN}, ${select.join(', ')}, ${reason} AS __reason FROM (${inner}))`;
  const excluded: ExcludedRows[] = [];
  const total = Number(await session.scalar(`SELECT count(*) FROM ${stage}`));
  // The one-pass read's counts say when no row lacks a required value: no scan for the reasons then.
  const byReason =
    validated.onePassCounts?.requiredMissing === false && !drops.length
      ? []
      : await session.all(`SELECT __reason AS reason, count(*) AS n FROM ${canon} WHERE __reason IS NOT NULL GROUP BY 1 ORDER BY 1`);
  for (const r of byReason) {
    const tag = String(r.reason);
    const n = Number(r.n);
    const rows = await session.all(`SELECT ${ROW_COLUMN} AS r FROM ${canon} WHERE __reason = $1 ORDER BY ${ROW_COLUMN} LIMIT ${SAMPLE}`, [tag]);
    const missingId = tag === 'missing-customer-id';
    const invalid = tag.startsWith('invalid-value:');
    const column = missingId ? 'customer_id' : tag.slice(tag.indexOf(':') + 1);
    const plan = validated.plans.find((p) => p.name === column)!;
    const { location, sampleRows } = await sampleLocation(session, ctx.raw, ctx.file, rows.map((x) => Number(x.r)), sourceName(plan));
    excluded.push({ reason: missingId ? 'missing-customer-id' : invalid ? 'invalid-value' : 'missing-value', ...(missingId ? {} : { column }), count: n, sampleRows });
    // Invalid values are reported by validation with their rows; a column that mostly failed to parse
    // is already a fatal problem: their exclusions add nothing.
    if (invalid || validated.fatalColumns.includes(column)) continue;
    problems.push({
      severity: 'warning',
      check: missingId ? 'missing-customer-id' : 'missing-value',
      message: missingId
        ? `${n.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows have no customer id and are left out`
        : `${n.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows have no usable "${column}" (empty or not parseable) and are left out`,
      location,
      count: n,
      share: n / total,
      sampleRows,
      hint: missingId
        ? `these rows cannot be attributed to a customer; if customer_id is mapped to the wrong column, fix columns.customer_id under ${ctx.field}`
        : `"${column}" is required for ${ctx.table}; fill it in the source or fix its mapping under ${ctx.field}`,
    });
  }

  let keep = '__reason IS NULL';
  const filter = ctx.source.filter;
  if (filter !== undefined) {
    const cond = `coalesce((${filter}), false)`;
    try {
      await session.describe(`SELECT ${cond} AS keep FROM ${canon}`);
      const rows = await session.all(
        `SELECT ${ROW_COLUMN} AS r, count(*) OVER () AS n FROM ${canon} WHERE __reason IS NULL AND NOT ${cond} ORDER BY ${ROW_COLUMN} LIMIT ${SAMPLE}`,
      );
      if (rows.length) {
        const { sampleRows } = await sampleLocation(session, ctx.raw, ctx.file, rows.map((x) => Number(x.r)));
        excluded.push({ reason: 'filter', count: Number(rows[0]!.n), sampleRows });
      }
      keep += ` AND ${cond}`;
    } catch (error) {
      problems.push({
        severity: 'error',
        check: 'filter',
        message: `the filter (${filter}) fails: ${duckErrorMessage(error)}`,
        location: { file: ctx.file, field: `${ctx.field}.filter` },
        hint: `the filter is a SQL condition over the ${ctx.table} columns: ${present.map((p) => p.name).join(', ')}`,
      });
      return { rows: 0, excluded, duplicateRows: { count: 0, columns: [], sampleRows: [] }, problems };
    }
  }

  const table = quoteIdent(ctx.table);
  const excludedRows = excluded.reduce((sum, e) => sum + e.count, 0);
  // A one-pass read whose every row is kept already holds the canonical table: take it over by
  // renaming its columns (no copy of millions of rows); its row ids still give the source rows.
  const adopt = validated.storedStage !== undefined && excludedRows === 0 && canAdopt(validated, present);
  let row: string;
  if (adopt) {
    await session.run(`DROP VIEW IF EXISTS ${stage}; DROP TABLE IF EXISTS ${table}`);
    const stored = quoteIdent(validated.storedStage!);
    const renames = validated.staged.map((s) => `ALTER TABLE ${stored} RENAME COLUMN c${s.index} TO ${quoteIdent(s.plan.name)};`);
    await session.run(`${renames.join(' ')} ALTER TABLE ${stored} DROP COLUMN __bad; ALTER TABLE ${stored} DROP COLUMN IF EXISTS __unknown; ALTER TABLE ${stored} RENAME TO ${table}`);
    row = '(rowid + 1)';
  } else {
    // The table keeps __row until the checks below have used it.
    await session.run(
      `CREATE OR REPLACE TABLE ${table} AS SELECT ${[ROW_COLUMN, ...present.map((p) => quoteIdent(p.name))].join(', ')} FROM ${canon} WHERE ${keep}`,
    );
    row = ROW_COLUMN;
  }
  const rows = adopt ? total : Number(await session.scalar(`SELECT count(*) FROM ${table}`));
  let duplicateKeys: DuplicateKeys | undefined;
  if (ctx.table === 'customers') {
    const dup = await duplicateKeyProblem(session, ctx, validated, row);
    if (dup) {
      duplicateKeys = dup.keys;
      if (dup.problem) problems.push(dup.problem);
    }
  }
  if (ctx.table === 'events' && validated.onePassCounts?.unknownEventTypes !== 0) {
    const unknown = await unknownEventTypes(session, ctx, row);
    if (unknown) problems.push(unknown);
  }
  const duplicates = await duplicateRowsCheck(session, ctx, present, rows, row);
  if (duplicates.problem) problems.push(duplicates.problem);
  if (!adopt) {
    if (rows < total || hidesRowid(present.map((p) => p.name))) {
      await session.run(`CREATE OR REPLACE TABLE ${quoteIdent(rowMapName(ctx.table))} AS SELECT ${ROW_COLUMN} FROM ${table}`);
    } else {
      await dropRowMap(session, ctx.table);
    }
    await session.run(`ALTER TABLE ${table} DROP COLUMN ${ROW_COLUMN}`);
  } else {
    await dropRowMap(session, ctx.table);
  }
  if (rows === 0) {
    problems.push({
      severity: 'error',
      check: 'no-rows-loaded',
      message: `none of the ${total.toLocaleString('en-US')} rows could be loaded into ${ctx.table} (${excluded.map((e) => `${e.count.toLocaleString('en-US')} ${e.reason}${e.column ? ` (${e.column})` : ''}`).join(', ')})`,
      location: { file: ctx.file },
      hint: `check the column mapping${filter ? ' and the filter' : ''} under ${ctx.field}`,
    });
  }
  return { rows, excluded, duplicateRows: duplicates.rows, ...(duplicateKeys ? { duplicateKeys } : {}), problems };
}

function columnSql(plan: ColumnPlan): string {
  switch (plan.origin.kind) {
    case 'source':
    case 'sql':
      return quoteIdent(plan.name);
    case 'generated':
      return `('row-' || ${ROW_COLUMN})`;
    case 'default':
      return `(${plan.origin.sql})`;
    case 'absent':
      return `CAST(NULL AS ${plan.type})`;
    default:
      return assertUnreachable(plan.origin, 'column origin');
  }
}

/**
 * Whether the one-pass stage table can become the canonical table by renaming: every canonical column
 * comes from the file (in the stage's order), no column is dropped as invalid, and neither the new names
 * nor a column named rowid clash with the stage's own.
 */
function canAdopt(validated: ValidatedTable, present: readonly ColumnPlan[]): boolean {
  if (validated.dropColumns.length || present.length !== validated.staged.length) return false;
  if (!present.every((p, i) => p.origin.kind === 'source' && validated.staged[i]!.plan.name === p.name)) return false;
  const names = present.map((p) => p.name.toLowerCase());
  return !hidesRowid(names) && !names.some((n) => n === '__bad' || n === '__unknown' || /^c\d+$/.test(n));
}

function sourceName(plan: ColumnPlan): string {
  return plan.origin.kind === 'source' ? plan.origin.column : plan.name;
}

async function duplicateKeyProblem(
  session: DuckSession,
  ctx: TableContext,
  validated: ValidatedTable,
  row: string,
): Promise<{ keys: DuplicateKeys; problem?: Problem } | undefined> {
  const table = quoteIdent(ctx.table);
  const counts = await session.one(
    `SELECT count(*) AS ids, coalesce(sum(n - 1), 0) AS extra FROM (SELECT count(*) AS n FROM ${table} GROUP BY "customer_id" HAVING count(*) > 1)`,
  );
  const ids = Number(counts?.ids ?? 0);
  const n = Number(counts?.extra ?? 0);
  if (!n) return { keys: { keys: 0, extraRows: 0, sampleRows: [] } };
  const rows = await session.all(
    `SELECT r FROM (SELECT ${row} AS r, row_number() OVER (PARTITION BY "customer_id" ORDER BY ${row}) AS k FROM ${table})
     WHERE k > 1 ORDER BY r LIMIT ${SAMPLE}`,
  );
  const plan = validated.plans.find((p) => p.name === 'customer_id')!;
  const { location, sampleRows } = await sampleLocation(session, ctx.raw, ctx.file, rows.map((x) => Number(x.r)), sourceName(plan));
  return {
    keys: { keys: ids, extraRows: n, sampleRows },
    problem: {
      severity: 'warning',
      check: 'duplicate-customer-id',
      message: `${ids.toLocaleString('en-US')} customer ids occur more than once (${n.toLocaleString('en-US')} extra rows); customers should have one row each`,
      location,
      count: n,
      sampleRows,
      hint: 'keep one row per customer in the source (e.g. the latest), or check that customer_id is mapped to the right column',
    },
  };
}

/**
 * Loaded rows that repeat an earlier loaded row in every column except generated ones (a generated
 * order id is unique per row by construction and would hide every repeat). Counted on the loaded rows,
 * so the load warning and the profile give the same number.
 */
async function duplicateRowsCheck(
  session: DuckSession,
  ctx: TableContext,
  present: readonly ColumnPlan[],
  rows: number,
  row: string,
): Promise<{ rows: DuplicateRows; problem?: Problem }> {
  const columns = present.filter((p) => p.origin.kind !== 'generated').map((p) => p.name);
  const none = { rows: { count: 0, columns, sampleRows: [] } };
  if (!columns.length || !rows) return none;
  const table = quoteIdent(ctx.table);
  // One 64-bit hash of the values stands for the row (a collision among 10M rows has a probability
  // of about 3e-6). The one pass: sorted on (hash, row), a row whose hash equals the one before it
  // repeats an earlier row, so the count and the first such rows come out together. A sort of 16-byte
  // keys costs about half of grouping on the hash, whose table of one entry per row spills at 100M rows.
  const h = `hash(${columns.map(quoteIdent).join(', ')})`;
  const got = await session.one(
    `SELECT count(*) AS n, min(r, ${SAMPLE}) AS rs FROM (
       SELECT r, h = lag(h) OVER (ORDER BY h, r) AS again FROM (SELECT ${row} AS r, ${h} AS h FROM ${table}))
     WHERE again`,
  );
  const n = Number(got?.n ?? 0);
  if (!n) return none;
  const { location, sampleRows } = await sampleLocation(session, ctx.raw, ctx.file, rowList(got?.rs));
  const generated = present.filter((p) => p.origin.kind === 'generated').map((p) => p.name);
  return {
    rows: { count: n, columns, sampleRows },
    problem: {
      severity: 'warning',
      check: 'duplicate-rows',
      message: `${n.toLocaleString('en-US')} of the ${rows.toLocaleString('en-US')} loaded rows repeat an earlier loaded row in all ${columns.length} columns${generated.length ? ` (${generated.join(', ')} is generated and not compared)` : ''}; they are kept`,
      location,
      count: n,
      share: n / rows,
      sampleRows,
      hint: ctx.table === 'transactions'
        ? 'identical lines can be genuine (the same item bought twice in one order) or exported twice; remove them in the source if they are errors'
        : 'remove the repeated rows in the source if they are errors',
    },
  };
}

/** Rows of a min(row, n) result: a list, or its text when it arrives as text ("[1, 5]"). */
function rowList(v: unknown): number[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.map(Number);
  const text = String(v).replace(/^\[|\]$/g, '').trim();
  return text ? text.split(',').map((x) => Number(x.trim())) : [];
}

async function unknownEventTypes(session: DuckSession, ctx: TableContext, row: string): Promise<Problem | undefined> {
  const table = quoteIdent(ctx.table);
  const unknown = unknownEventTypeSql('"event_type"');
  const types = await session.all(`SELECT "event_type" AS t, count(*) AS n FROM ${table} WHERE ${unknown} GROUP BY 1 ORDER BY n DESC, t`);
  if (!types.length) return undefined;
  const total = types.reduce((sum, r) => sum + Number(r.n), 0);
  const rows = await session.all(`SELECT ${row} AS r FROM ${table} WHERE ${unknown} ORDER BY r LIMIT ${SAMPLE}`);
  const { location, sampleRows } = await sampleLocation(session, ctx.raw, ctx.file, rows.map((x) => Number(x.r)), 'event_type');
  const shown = types.slice(0, 10).map((r) => `${JSON.stringify(String(r.t))} (${Number(r.n)})`);
  return {
    severity: 'warning',
    check: 'unknown-event-type',
    message: `${total.toLocaleString('en-US')} events have a type seglab does not use: ${shown.join(', ')}${types.length > shown.length ? `, and ${types.length - shown.length} more types` : ''}; they are kept`,
    location,
    count: total,
    sampleRows,
    hint: `known types: ${EVENT_TYPES.join(', ')}; rename types in the source or with an expression (columns: { event_type: { sql: "..." } })`,
  };
}
