import { join } from 'node:path';
import { CalendarDate } from '../core/CalendarDate';
import { inputError } from '../core/errors';
import { type DuckSession, quoteIdent, quoteLiteral } from '../data/DuckSession';
import type { OutcomeTable } from '../experiments/readExperimentUnits';
import { featuresFileSchema } from '../features/featuresFileSchema';
import { manifestSchema } from './Manifest';
import { RunFolder } from './RunFolder';

/** A feature of a run folder used as an experiment's outcome (or its pre-period covariate). */
export interface RunOutcomeRequest {
  /** The run folder (reports/<run-id>). */
  dir: string;
  /** The config field that named the folder, for errors ('outcomes', 'preRun'). */
  field: string;
  /** The feature column. */
  column: string;
  /** 'outcome': a window feature measured after assignment; 'pre': any numeric feature measured before it. */
  use: 'outcome' | 'pre';
  /** Conversion from a count or an amount: converted when the value is above this. */
  convertedAbove?: number;
}

/** What a run gives an experiment: one row per customer, and whether its ids are pseudonymised. */
export interface RunOutcomes {
  table: OutcomeTable;
  asOf: string;
  pseudonymised: boolean;
  /** Outcome windows: the first day the feature counts ([asOf − N days, asOf)); null for a pre-period feature. */
  windowStart: string | null;
}

const WINDOW = /_(\d+)d$/;

/**
 * A later run's feature table as an experiment's outcome (issue 17: "any feature of the feature table measured
 * after assignment"). Only the behaviour windows qualify: `orders_30d` of a run as of D counts [D − 30 days, D),
 * so it measures the test period when that window starts on or after the assignment — each row's measured_at is
 * the window's first day, and readExperimentUnits refuses a customer assigned later than that, naming the row.
 * A lifetime figure (monetary_total, frequency) mixes behaviour before the assignment and is refused here. A
 * pre-period covariate may be any numeric feature of a run whose asOf is on or before every assignment (checked
 * the same way, through measured_at = asOf and the caller's check).
 */
export async function readRunOutcomes(session: DuckSession, request: RunOutcomeRequest): Promise<RunOutcomes> {
  const run = new RunFolder(request.dir);
  const hint = `give the folder of a run that ran the features stage (reports/<run-id>) as ${request.field}`;
  const manifest = run.read('manifest.json', manifestSchema, hint);
  const features = run.read('features.json', featuresFileSchema, hint);
  const parquet = run.need('features.parquet', hint);
  const def = features.features.find((f) => f.name === request.column);
  const where = { file: join(run.dir, 'features.json'), field: request.use === 'outcome' ? 'outcome' : 'pre' };
  if (!def) {
    const windows = features.features.filter((f) => f.group === 'windows').map((f) => f.name);
    throw inputError({ check: 'experiment-outcome-column', what: `the run has no feature "${request.column}"`, where, fix: `name one of its features${windows.length ? `, e.g. a behaviour window: ${windows.slice(0, 8).join(', ')}` : ''}` });
  }
  if (def.role !== 'numeric') {
    throw inputError({ check: 'experiment-outcome-column', what: `feature "${request.column}" is ${def.role}, not a number`, where, fix: 'an outcome or a pre-period value is a number per customer: name a numeric feature' });
  }
  // features.json keeps asOf as a timestamp at midnight; the features count rows before it.
  const asOf = CalendarDate.parse(features.asOf.slice(0, 10), `${where.file} asOf`);
  let windowStart: string | null = null;
  if (request.use === 'outcome') {
    const days = WINDOW.exec(def.name);
    if (def.group !== 'windows' || !days) {
      throw inputError({
        check: 'experiment-outcome-window',
        what: `feature "${request.column}" (${def.group}) covers each customer's whole history, so it mixes behaviour before the assignment into the outcome`,
        where,
        fix: 'use a behaviour window (orders_30d, spend_30d, sessions_30d, …) of a run whose asOf is at least that many days after the last assignment',
      });
    }
    windowStart = asOf.addDays(-Number(days[1])).toString();
  }
  const measuredAt = windowStart ?? asOf.toString();
  const rows = await session.all(
    `SELECT customer_id::VARCHAR AS customer_id, ${quoteIdent(def.name)}::DOUBLE AS value FROM read_parquet(${quoteLiteral(parquet)}) ORDER BY customer_id`,
  );
  const label = `${join(run.dir, 'features.parquet')} (${request.column})`;
  const out: OutcomeTable['rows'] = [];
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i].value as number | null;
    if (v === null || !Number.isFinite(v)) {
      throw inputError({ check: 'experiment-value', what: `feature "${request.column}" is empty for customer ${String(rows[i].customer_id)}${def.nullWhen ? ` (it is empty when ${def.nullWhen})` : ''}`, where: { file: label, row: i + 1 }, sampleRows: [i + 1], fix: 'name a feature with a value for every customer (the behaviour windows count 0 when nothing happened)' });
    }
    const value = request.convertedAbove !== undefined ? (v > request.convertedAbove ? 1 : 0) : v;
    out.push({ __row: i + 1, customer_id: String(rows[i].customer_id), measured_at: measuredAt, [request.column]: value });
  }
  const fixBefore =
    request.use === 'outcome'
      ? `"${request.column}" of the run as of ${asOf.toString()} counts from ${measuredAt}: use a run whose asOf is at least ${WINDOW.exec(def.name)![1]} days after the last assignment, or a shorter window`
      : undefined;
  return { table: { label, columns: ['customer_id', 'measured_at', request.column], rows: out, ...(fixBefore !== undefined && { fixBefore }) }, asOf: asOf.toString(), pseudonymised: manifest.pseudonymised, windowStart };
}
