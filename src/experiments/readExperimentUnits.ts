import { existsSync } from 'node:fs';
import { inputError } from '../core/errors';
import { type DuckSession, quoteIdent, quoteLiteral } from '../data/DuckSession';
import { duckErrorMessage } from '../data/duckErrorMessage';
import type { ExperimentMetric } from './ExperimentResult';
import type { ExperimentUnit } from './analyseExperiment';

/**
 * Outcome rows already read (e.g. from a later run's feature table): customer_id, measured_at and the outcome
 * column per row, `label` naming the source in errors, `fixBefore` the fix when an outcome precedes an assignment.
 */
export interface OutcomeTable {
  label: string;
  columns: string[];
  rows: Record<string, unknown>[];
  fixBefore?: string;
}

/** Where an experiment's data sits: the assignment file, the outcome file and their columns. */
export interface ExperimentFiles {
  /** CSV (or .csv.gz): customer_id, variant, assigned_at, optionally experiment and segment. */
  assignments: string;
  /** CSV: customer_id, measured_at and the outcome column; several rows per customer are summed (revenue) or OR-ed (conversion). Or rows already read. */
  outcomes: string | OutcomeTable;
  /** Pre-period rows from another source than the outcomes (a run before the test): customer_id, measured_at, the `pre` column. */
  preTable?: OutcomeTable;
  /** The outcome tables' id of an assigned customer (their ids are pseudonymised when the run's were). */
  outcomeIdOf?: (customerId: string) => string;
  /** The outcome column of the outcome file (e.g. converted, revenue). */
  outcome: string;
  /** A pre-period column of the outcome file, the same per customer (CUPED). */
  pre?: string;
  /** Keep only the assignment rows of this experiment (the file's `experiment` column). */
  experiment?: string;
  metric: ExperimentMetric;
  /** Segment of a customer id (e.g. from a run's assignments.csv). Without it, the assignment file's `segment` column is used if present. */
  segmentOf?: (customerId: string) => string | undefined;
}

export interface ExperimentUnits {
  units: ExperimentUnit[];
  /** Assigned customers with no outcome row (counted as 0: not converted, no revenue). */
  withoutOutcome: number;
  /** Outcome rows of customers not in the experiment (ignored). */
  unassignedOutcomes: number;
  /** Assigned customers without a segment (in the overall estimate only). */
  withoutSegment: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

/**
 * The customers of an experiment read from its files, checked row by row: a customer in two variants, an
 * outcome measured before its customer's assignment, a date or number that does not parse, a missing column
 * — each an InputError naming the file, the 1-based data row(s) and the fix. Outcome rows are aggregated per
 * customer (sum for revenue, any for conversion).
 */
export async function readExperimentUnits(session: DuckSession, files: ExperimentFiles): Promise<ExperimentUnits> {
  const a = await readCsv(session, files.assignments, ['customer_id', 'variant', 'assigned_at'], files.experiment !== undefined ? ['experiment'] : []);
  const o = typeof files.outcomes === 'string' ? await readCsv(session, files.outcomes, ['customer_id', 'measured_at', files.outcome], files.pre !== undefined && !files.preTable ? [files.pre] : []) : files.outcomes;
  const outcomesFile = typeof files.outcomes === 'string' ? files.outcomes : files.outcomes.label;
  const outcomeId = files.outcomeIdOf ?? ((id: string) => id);
  const hasSegmentColumn = a.columns.includes('segment');
  // Assignments: one variant per customer.
  const assigned = new Map<string, { id: string; variant: string; at: string; row: number; segment?: string }>();
  for (const r of a.rows) {
    const row = r.__row as number;
    if (files.experiment !== undefined && r.experiment !== files.experiment) continue;
    const id = text(r.customer_id);
    if (!id) throw rowError(files.assignments, row, 'customer_id', 'an empty customer id', 'every assignment row needs the customer it assigns');
    const variant = text(r.variant);
    if (!variant) throw rowError(files.assignments, row, 'variant', 'an empty variant', 'give the variant (e.g. control, offer) of every assigned customer');
    const at = text(r.assigned_at);
    if (!DATE.test(at)) throw rowError(files.assignments, row, 'assigned_at', `"${at}" is not a date`, 'write dates as YYYY-MM-DD (optionally with a time)');
    const key = outcomeId(id);
    const before = assigned.get(key);
    if (before) {
      const what = before.variant === variant ? `customer ${id} is assigned twice to "${variant}" (rows ${before.row} and ${row})` : `customer ${id} is in two variants: "${before.variant}" (row ${before.row}) and "${variant}" (row ${row})`;
      throw inputError({ check: 'experiment-double-assignment', what, where: { file: files.assignments, row }, sampleRows: [before.row, row], fix: 'a customer belongs to one variant only: remove the duplicate, or leave the customer out of the analysis (contamination biases the estimate)' });
    }
    const segment = files.segmentOf ? files.segmentOf(id) : hasSegmentColumn ? text(r.segment) || undefined : undefined;
    assigned.set(key, { id, variant, at, row, ...(segment !== undefined && { segment }) });
  }
  if (assigned.size === 0) {
    throw inputError({ check: 'experiment-empty', what: files.experiment !== undefined ? `no assignment row of experiment "${files.experiment}"` : 'no assignment rows', where: { file: files.assignments }, fix: files.experiment !== undefined ? 'check the experiment name against the file\'s experiment column' : 'give the file of the experiment\'s assignments' });
  }
  // Outcomes: after assignment, aggregated per customer.
  const outcome = new Map<string, number>();
  const pre = new Map<string, number>();
  let unassignedOutcomes = 0;
  for (const r of o.rows) {
    const row = r.__row as number;
    const who = assigned.get(text(r.customer_id));
    if (!who) {
      unassignedOutcomes++;
      continue;
    }
    const id = who.id;
    const at = text(r.measured_at);
    if (!DATE.test(at)) throw rowError(outcomesFile, row, 'measured_at', `"${at}" is not a date`, 'write dates as YYYY-MM-DD (optionally with a time)');
    if (at < who.at) {
      const fix = typeof files.outcomes !== 'string' && files.outcomes.fixBefore ? files.outcomes.fixBefore : 'only outcomes after assignment measure the treatment: filter the outcome file to the test period';
      throw inputError({ check: 'experiment-outcome-before-assignment', what: `the outcome of customer ${id} was measured on ${at}, before the customer was assigned on ${who.at} (${files.assignments} row ${who.row})`, where: { file: outcomesFile, row, column: 'measured_at' }, sampleRows: [row], fix });
    }
    const v = number(r[files.outcome], outcomesFile, row, files.outcome);
    const key = text(r.customer_id);
    if (files.metric === 'conversion') {
      if (v !== 0 && v !== 1) throw rowError(outcomesFile, row, files.outcome, `${String(r[files.outcome])} is not a conversion flag`, typeof files.outcomes === 'string' ? 'write 1 (converted) or 0 (not) — or true / false' : 'set convertedAbove (e.g. 0: converted when the feature is above 0)');
      outcome.set(key, Math.max(outcome.get(key) ?? 0, v));
    } else outcome.set(key, (outcome.get(key) ?? 0) + v);
    if (files.pre !== undefined && !files.preTable) {
      const p = number(r[files.pre], outcomesFile, row, files.pre);
      const seen = pre.get(key);
      if (seen !== undefined && seen !== p) throw rowError(outcomesFile, row, files.pre, `customer ${id} has two pre-period values (${seen} and ${p})`, 'the pre-period value is one number per customer: repeat the same value on every row of the customer');
      pre.set(key, p);
    }
  }
  // A pre-period table (a run before the test): measured on or before each customer's assignment.
  if (files.pre !== undefined && files.preTable) {
    const t = files.preTable;
    for (const r of t.rows) {
      const row = r.__row as number;
      const key = text(r.customer_id);
      const who = assigned.get(key);
      if (!who) continue;
      const at = text(r.measured_at);
      if (at > who.at) {
        throw inputError({ check: 'experiment-pre-after-assignment', what: `the pre-period value of customer ${who.id} was measured on ${at}, after the customer was assigned on ${who.at} (${files.assignments} row ${who.row}): the treatment could have moved it`, where: { file: t.label, row }, sampleRows: [row], fix: 'give as preRun a run whose asOf is on or before the first assignment' });
      }
      pre.set(key, number(r[files.pre], t.label, row, files.pre));
    }
  }
  const units: ExperimentUnit[] = [];
  let withoutOutcome = 0;
  let withoutSegment = 0;
  for (const [id, who] of assigned) {
    const value = outcome.get(id);
    if (value === undefined) withoutOutcome++;
    if (who.segment === undefined) withoutSegment++;
    const p = pre.get(id);
    units.push({ variant: who.variant, outcome: value ?? 0, ...(who.segment !== undefined && { segment: who.segment }), ...(files.pre !== undefined && { pre: p ?? 0 }) });
  }
  return { units, withoutOutcome, unassignedOutcomes, withoutSegment };
}

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

function number(v: unknown, file: string, row: number, column: string): number {
  const t = text(v).toLowerCase();
  if (t === 'true') return 1;
  if (t === 'false') return 0;
  const x = t === '' ? NaN : Number(t);
  if (!Number.isFinite(x)) throw rowError(file, row, column, t === '' ? 'an empty value' : `"${text(v)}" is not a number`, 'every outcome row needs a number (0 when nothing happened)');
  return x;
}

function rowError(file: string, row: number, column: string, what: string, fix: string): Error {
  return inputError({ check: 'experiment-value', what, where: { file, row, column }, sampleRows: [row], fix });
}

async function readCsv(session: DuckSession, file: string, required: string[], optional: string[]): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  if (!existsSync(file)) throw inputError({ check: 'missing-file', what: 'the file does not exist', where: { file }, fix: 'check the path (relative paths are read from the config file\'s folder)' });
  let rows: Record<string, unknown>[];
  try {
    // DuckDB keeps the file's order (preserve_insertion_order), so the index is the 1-based data row.
    rows = (await session.all(`SELECT * FROM read_csv(${quoteLiteral(file)}, header = true, all_varchar = true)`)).map((r, i) => ({ __row: i + 1, ...r }));
  } catch (err) {
    throw inputError({ check: 'unreadable-file', what: duckErrorMessage(err), where: { file }, fix: 'give a CSV file with a header row' });
  }
  const columns = rows.length ? Object.keys(rows[0]).filter((c) => c !== '__row') : (await session.all(`DESCRIBE SELECT * FROM read_csv(${quoteLiteral(file)}, header = true, all_varchar = true)`)).map((r) => String(r.column_name));
  const missing = [...required, ...optional].filter((c) => !columns.includes(c));
  if (missing.length) {
    throw inputError({ check: 'missing-column', what: `no column ${missing.map((c) => quoteIdent(c)).join(', ')} (columns: ${columns.join(', ')})`, where: { file }, fix: `the file needs the columns ${[...required, ...optional].join(', ')}` });
  }
  return { columns, rows };
}
