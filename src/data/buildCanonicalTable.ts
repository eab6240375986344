import type { Problem } from '../core/errors';
import { assertUnreachable } from '../core/assertUnreachable';
import { type DuckSession, quoteIdent, quoteLiteral } from './DuckSession';
import { duckErrorMessage } from './duckErrorMessage';
import { sampleLocation } from './locateRows';
import { ROW_COLUMN } from './readRawTable';
import type { ColumnPlan } from './resolveMapping';
import { EVENT_TYPES } from './schema';
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

export interface CanonicalBuild {
  rows: number;
  excluded: ExcludedRows[];
  problems: Problem[];
}

const SAMPLE = 10;

/**
 * Create the canonical table (customers / transactions / events) from a validated stage table:
 * the canonical columns the source provides in schema order, then extra columns; rows
 * without a customer id or another required value, or failing the config's filter, are left out
 * and counted. Rows keep the source order.
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
  const byReason = await session.all(`SELECT __reason AS reason, count(*) AS n FROM ${canon} WHERE __reason IS NOT NULL GROUP BY 1 ORDER BY 1`);
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
      return { rows: 0, excluded, problems };
    }
  }

  if (ctx.table === 'customers') {
    const dup = await duplicateKeyProblem(session, ctx, canon, keep, validated);
    if (dup) problems.push(dup);
  }
  if (ctx.table === 'events') {
    const unknown = await unknownEventTypes(session, ctx, canon, keep);
    if (unknown) problems.push(unknown);
  }

  await session.run(
    `CREATE OR REPLACE TABLE ${quoteIdent(ctx.table)} AS SELECT ${present.map((p) => quoteIdent(p.name)).join(', ')} FROM ${canon} WHERE ${keep}`,
  );
  const rows = Number(await session.scalar(`SELECT count(*) FROM ${quoteIdent(ctx.table)}`));
  if (rows === 0) {
    problems.push({
      severity: 'error',
      check: 'no-rows-loaded',
      message: `none of the ${total.toLocaleString('en-US')} rows could be loaded into ${ctx.table} (${excluded.map((e) => `${e.count.toLocaleString('en-US')} ${e.reason}${e.column ? ` (${e.column})` : ''}`).join(', ')})`,
      location: { file: ctx.file },
      hint: `check the column mapping${filter ? ' and the filter' : ''} under ${ctx.field}`,
    });
  }
  return { rows, excluded, problems };
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

function sourceName(plan: ColumnPlan): string {
  return plan.origin.kind === 'source' ? plan.origin.column : plan.name;
}

async function duplicateKeyProblem(
  session: DuckSession,
  ctx: TableContext,
  canon: string,
  keep: string,
  validated: ValidatedTable,
): Promise<Problem | undefined> {
  const rows = await session.all(
    `SELECT ${ROW_COLUMN} AS r, count(*) OVER () AS n, (SELECT count(*) FROM (SELECT "customer_id" FROM ${canon} WHERE ${keep} GROUP BY 1 HAVING count(*) > 1)) AS ids
     FROM (SELECT ${ROW_COLUMN}, row_number() OVER (PARTITION BY "customer_id" ORDER BY ${ROW_COLUMN}) AS k FROM ${canon} WHERE ${keep})
     WHERE k > 1 ORDER BY ${ROW_COLUMN} LIMIT ${SAMPLE}`,
  );
  if (!rows.length) return undefined;
  const n = Number(rows[0]!.n);
  const ids = Number(rows[0]!.ids);
  const plan = validated.plans.find((p) => p.name === 'customer_id')!;
  const { location, sampleRows } = await sampleLocation(session, ctx.raw, ctx.file, rows.map((x) => Number(x.r)), sourceName(plan));
  return {
    severity: 'warning',
    check: 'duplicate-customer-id',
    message: `${ids.toLocaleString('en-US')} customer ids occur more than once (${n.toLocaleString('en-US')} extra rows); customers should have one row each`,
    location,
    count: n,
    sampleRows,
    hint: 'keep one row per customer in the source (e.g. the latest), or check that customer_id is mapped to the right column',
  };
}

async function unknownEventTypes(session: DuckSession, ctx: TableContext, canon: string, keep: string): Promise<Problem | undefined> {
  const known = EVENT_TYPES.map(quoteLiteral).join(', ');
  const rows = await session.all(
    `SELECT "event_type" AS t, count(*) AS n, min(${ROW_COLUMN}) AS r FROM ${canon} WHERE ${keep} AND "event_type" NOT IN (${known}) GROUP BY 1 ORDER BY n DESC, t LIMIT 10`,
  );
  if (!rows.length) return undefined;
  const total = Number(await session.scalar(`SELECT count(*) FROM ${canon} WHERE ${keep} AND "event_type" NOT IN (${known})`));
  const { location, sampleRows } = await sampleLocation(session, ctx.raw, ctx.file, rows.slice(0, SAMPLE).map((x) => Number(x.r)), 'event_type');
  return {
    severity: 'warning',
    check: 'unknown-event-type',
    message: `${total.toLocaleString('en-US')} events have a type seglab does not use: ${rows.map((r) => `${JSON.stringify(String(r.t))} (${Number(r.n)})`).join(', ')}; they are kept`,
    location,
    count: total,
    sampleRows,
    hint: `known types: ${EVENT_TYPES.join(', ')}; rename types in the source or with an expression (columns: { event_type: { sql: "..." } })`,
  };
}
