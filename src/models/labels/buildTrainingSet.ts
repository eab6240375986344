import { ConvergenceError } from '../../clv/ConvergenceError';
import { customerValue, type CustomerValueOptions } from '../../clv/customerValue';
import { CalendarDate } from '../../core/CalendarDate';
import { checkParam, inputError, paramError, UsageError } from '../../core/errors';
import { DuckSession, quoteIdent, quoteLiteral } from '../../data/DuckSession';
import { joinCustomerColumns } from '../../data/joinCustomerColumns';
import { roleHintsFrom, type AvailableColumn, type AvailableData, type FeatureLevels } from '../../features/AvailableData';
import { computeFeatures, type FeatureResult } from '../../features/computeFeatures';
import { parseFeatureConfig, type FeatureConfig, type FeatureConfigInput } from '../../features/FeatureConfig';
import type { FeatureColumn } from '../../features/FeatureDefinition';
import { readFeatureTable } from '../../features/readFeatureTable';
import type { DesignColumn, FeatureFrame } from '../design/FeatureFrame';
import { modelTargetSchema, type ModelTarget, type ModelTargetKind } from '../ModelsConfig';
import { describeEvent, labelSql, purchasesSql, type LabelSqlContext } from './labelSql';
import type { LabelDefinition, TrainingSet, TrainingSnapshot } from './TrainingSet';

export interface BuildTrainingSetOptions {
  /** Earlier snapshots to train on (default 3); a column target always has one. */
  snapshots?: number;
  /** Feature columns left out of the model (e.g. Bank Marketing's duration). */
  exclude?: readonly string[];
  /** The loader's result (or an AvailableData): its column roles keep target columns out of the features; its levels, when given, fix the share columns. */
  available?: AvailableData | object;
  /** Prefix of the DuckDB tables the snapshots' features go into (default "training": training_s1, …, training_asof). */
  tablePrefix?: string;
  /** Keep those tables (default: dropped once read). */
  keepTables?: boolean;
  /**
   * CLV inputs (the run's clv: section): clv, p_alive and expected_purchases fitted at every snapshot on the
   * purchases before it (customerValue), so they never see the snapshot's future; and as of asOf for scoring.
   */
  clv?: CustomerValueOptions;
}

/** The per-customer columns CLV adds to a snapshot's features (the clv stage's names). */
const CLV_INPUTS = ['clv', 'p_alive', 'expected_purchases'] as const;

const LABEL = '__seglab_label';
const MAX_SNAPSHOTS = 24;

/**
 * Training examples without leakage, and the customers to score. For churn and propensity, snapshot
 * s_i = asOf − i·horizon (i = 1..snapshots) gets the features as of s_i (the existing feature SQL: only what
 * happened before s_i 00:00 UTC) and its label from the window [s_i, s_i + horizon) that follows; the windows
 * end by asOf, so nothing at or after asOf is read. Share-column levels are those of the earliest snapshot,
 * used for every snapshot and for scoring, so no snapshot's columns depend on what came after it. The scoring
 * set is the features as of asOf. For a column target (data that carries its label) the features as loaded
 * are the one snapshot and the label comes from the column. The label column, outcome columns and `exclude`
 * never become inputs.
 */
export async function buildTrainingSet(
  session: DuckSession,
  featureConfig: FeatureConfigInput | FeatureConfig | undefined,
  asOf: CalendarDate | Date | string,
  target: ModelTarget,
  options: BuildTrainingSetOptions = {},
): Promise<TrainingSet> {
  checkParam(session instanceof DuckSession, 'session', typeof session, 'a DuckSession');
  const at = CalendarDate.parse(asOf, 'asOf');
  const parsed = modelTargetSchema.safeParse(target);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw paramError(`target${issue.path.length ? `.${issue.path.join('.')}` : ''}`, target, `{ kind: churn, horizonDays }, { kind: propensity, horizonDays, event } or { kind: column, column } (${issue.message})`);
  }
  const tgt = parsed.data;
  const snapshots = options.snapshots ?? 3;
  checkParam(Number.isInteger(snapshots) && snapshots >= 1 && snapshots <= MAX_SNAPSHOTS, 'options.snapshots', snapshots, `a whole number from 1 to ${MAX_SNAPSHOTS}`);
  const exclude = options.exclude ?? [];
  checkParam(Array.isArray(exclude) && exclude.every((c) => typeof c === 'string' && c.length > 0), 'options.exclude', exclude, 'a list of column names');
  const prefix = options.tablePrefix ?? 'training';
  checkParam(typeof prefix === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,50}$/.test(prefix), 'options.tablePrefix', prefix, 'a table name of letters, digits and _');
  const cfg = parseFeatureConfig(featureConfig ?? {});

  const roles = roleHintsFrom(options.available);
  const roleColumns: AvailableData = Object.fromEntries(
    Object.entries(roles).map(([t, cols]) => [t, Object.entries(cols).map(([name, role]): AvailableColumn => ({ name, role }))]),
  );
  const builder = new Builder(session, cfg, roleColumns, (options.available as AvailableData | undefined)?.levels, prefix, exclude, options.clv);
  try {
    return tgt.kind === 'column' ? await builder.fromColumn(at, tgt) : await builder.fromSnapshots(at, tgt, snapshots);
  } finally {
    if (!options.keepTables) for (const t of builder.tables) await session.run(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
    for (const t of builder.scratch) await session.run(`DROP VIEW IF EXISTS ${quoteIdent(t)}`);
  }
}

type SnapshotTarget = Exclude<ModelTarget, { kind: 'column' }>;

class Builder {
  /** Feature tables made (kept when asked). */
  readonly tables: string[] = [];
  /** Views of the labelled rows, read once (always dropped). */
  readonly scratch: string[] = [];
  private inputs: (FeatureColumn & DesignColumn)[] | undefined;
  private excluded: { column: string; reason: string }[] = [];
  private notes: string[] = [];

  constructor(
    private readonly session: DuckSession,
    private readonly cfg: FeatureConfig,
    private readonly roles: AvailableData,
    private levels: FeatureLevels | undefined,
    private readonly prefix: string,
    private readonly exclude: readonly string[],
    private readonly clv: CustomerValueOptions | undefined,
  ) {}

  async fromSnapshots(at: CalendarDate, target: SnapshotTarget, n: number): Promise<TrainingSet> {
    const ctx = await this.checkTables(target);
    await this.checkEvent(target, at, ctx);
    const h = target.horizonDays;
    await this.checkHistory(target, at, n, ctx);

    const snapshots: TrainingSnapshot[] = [];
    const parts: { frame: FeatureFrame; labels: Uint8Array; ids: string[] }[] = [];
    let start = 0;
    for (let i = n; i >= 1; i--) {
      const s = at.addDays(-i * h);
      const e = at.addDays(-(i - 1) * h);
      const table = `${this.prefix}_s${i}`;
      await this.features(s, table, target.kind);
      const rows = `${table}__rows`;
      this.scratch.push(rows);
      await this.session.run(
        `CREATE OR REPLACE VIEW ${quoteIdent(rows)} AS SELECT f.*, l.label AS ${LABEL} FROM ${quoteIdent(table)} f JOIN (${labelSql(target, table, s, e, ctx)}) l USING (customer_id)`,
      );
      const part = await this.read(rows, true);
      let positives = 0;
      for (let r = 0; r < part.labels.length; r++) positives += part.labels[r]!;
      snapshots.push({ order: n - i, horizonsBack: i, asOf: s.iso, windowEnd: e.iso, table, start, end: start + part.ids.length, positives, negatives: part.ids.length - positives });
      start += part.ids.length;
      parts.push(part);
    }

    const scoreTable = `${this.prefix}_asof`;
    await this.features(at, scoreTable, target.kind);
    let scoreRows = scoreTable;
    if (target.kind === 'churn') {
      // Churn is defined for customers who have ordered: score the same population the labels cover.
      scoreRows = `${scoreTable}__rows`;
      this.scratch.push(scoreRows);
      await this.session.run(
        `CREATE OR REPLACE VIEW ${quoteIdent(scoreRows)} AS SELECT f.* FROM ${quoteIdent(scoreTable)} f
         WHERE customer_id IN (SELECT customer_id FROM (${purchasesSql(ctx)}) WHERE ts < ${at.sqlTimestamp})`,
      );
    }
    const score = await this.read(scoreRows, false);

    const train = stack(parts, this.inputs!, snapshots);
    const label = describeSnapshots(target, at, snapshots);
    const attributes = this.inputs!.filter((c) => c.group === 'demographics').map((c) => c.name);
    if (attributes.length) {
      this.notes.push(`The customer attributes (${attributes.join(', ')}) are as loaded, not as of each snapshot: the data holds no history of them, so an attribute changed after a snapshot is seen by it. Leave out with exclude any that changes with the outcome.`);
    }
    this.checkBalance(train.labels, target.kind, snapshots, label);
    return this.result(target, at, train, score, snapshots, label);
  }

  async fromColumn(at: CalendarDate, target: Extract<ModelTarget, { kind: 'column' }>): Promise<TrainingSet> {
    const table = `${this.prefix}_asof`;
    const result = await this.features(at, table, 'column', target.column);
    const col = result.columns.find((c) => c.name === target.column && c.role !== 'id');
    if (!col) {
      const outcomes = result.columns.filter((c) => c.role === 'outcome').map((c) => c.name);
      throw inputError({
        summary: 'models.target.column is not a column of the feature table.',
        check: 'label-column',
        what: `the feature table as of ${at.iso} has no column "${target.column}"`,
        where: { field: 'models.target.column' },
        fix: outcomes.length
          ? `outcome columns of this data: ${outcomes.join(', ')}`
          : `load the label column into the customers table and mark it as the target (data.customers.roles: { ${target.column}: target }); columns: ${result.columns.map((c) => c.name).join(', ')}`,
      });
    }
    const data = await readFeatureTable(this.session, [...this.inputs!.map((c) => c.name), target.column], { table });
    const positive = (target.positive ?? DEFAULT_POSITIVE).map((v) => String(v).trim().toLowerCase());
    const raw = data.numeric[target.column];
    const text = data.categorical[target.column];
    const n = data.rowCount;
    const known: number[] = [];
    const labels: number[] = [];
    const seen = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const v = raw ? (Number.isNaN(raw[i]!) ? null : String(raw[i])) : (text![i] ?? null);
      if (v === null || v.trim() === '') continue;
      const key = v.trim().toLowerCase();
      seen.set(key, (seen.get(key) ?? 0) + 1);
      known.push(i);
      labels.push(positive.includes(key) ? 1 : 0);
    }
    if (known.length < n) this.notes.push(`${(n - known.length).toLocaleString('en-US')} of ${n.toLocaleString('en-US')} rows have no value in "${target.column}": left out of training, still scored.`);
    const full = toFrame(data, this.inputs!);
    const frame = pick(full, this.inputs!, known);
    const y = Uint8Array.from(labels);
    const positives = labels.reduce((a, b) => a + b, 0);
    const snapshots: TrainingSnapshot[] = [{ order: 0, horizonsBack: 0, asOf: at.iso, windowEnd: null, table, start: 0, end: known.length, positives, negatives: known.length - positives }];
    const values = [...seen.entries()].sort((a, b) => b[1] - a[1]).map(([v, c]) => `${v} (${c})`);
    const label: LabelDefinition = {
      definition: `1 when the column "${target.column}" is one of ${positive.map((p) => JSON.stringify(p)).join(', ')} (compared as text, case-insensitive), else 0; values seen: ${values.slice(0, 10).join(', ')}.`,
      population: `Every customer of the data with a value in "${target.column}"; the label is recorded in the data, not derived from dates.`,
      snapshots: `One snapshot: the features as loaded (as of ${at.iso}); scoring uses the same table.`,
    };
    this.checkBalance(y, 'column', snapshots, label, values);
    const train = { frame, labels: y, snapshot: new Int32Array(known.length), ids: known.map((i) => data.ids[i]!) };
    return this.result(target, at, train, { frame: full, ids: data.ids }, snapshots, label);
  }

  private result(target: ModelTarget, at: CalendarDate, train: TrainingSet['train'], score: TrainingSet['score'], snapshots: TrainingSnapshot[], label: LabelDefinition): TrainingSet {
    let positives = 0;
    for (let i = 0; i < train.labels.length; i++) positives += train.labels[i]!;
    return { target, asOf: at.iso, columns: this.inputs!, train, score, snapshots, positives, negatives: train.labels.length - positives, label, levels: this.levels ?? {}, excluded: this.excluded, notes: this.notes };
  }

  /** Compute the features as of `date` into `table`, with the earliest snapshot's levels; the first call fixes the input columns. */
  private async features(date: CalendarDate, table: string, kind: ModelTargetKind, labelColumn?: string): Promise<FeatureResult> {
    this.tables.push(table);
    const available: AvailableData = { ...this.roles, ...(this.levels && { levels: this.levels }) };
    let result = await computeFeatures(this.session, this.cfg, date, available, { table });
    this.levels ??= result.levels;
    if (this.clv) result = await this.addClv(date, table, result);
    if (!this.inputs) {
      this.inputs = this.chooseInputs(result.columns, labelColumn);
      if (!this.inputs.length) throw usage(`the feature table has no numeric or categorical column left to learn from (${this.excluded.map((e) => e.column).join(', ') || 'none'} left out)`, kind);
    } else {
      const roles = new Map(result.columns.map((c) => [c.name, c.role]));
      const missing = this.inputs.filter((c) => roles.get(c.name) !== c.role).map((c) => `${c.name} (${c.role})`);
      if (missing.length) throw new UsageError(`buildTrainingSet: the features as of ${date.iso} lack columns the earlier snapshots have (${missing.join(', ')}); every snapshot must have the same columns.`);
    }
    return result;
  }

  /** clv, p_alive and expected_purchases as of `date` joined into its feature table (NULL where no fit was possible, with a note). */
  private async addClv(date: CalendarDate, table: string, result: FeatureResult): Promise<FeatureResult> {
    const clash = result.columns.find((c) => (CLV_INPUTS as readonly string[]).includes(c.name));
    if (clash) throw inputError({ check: 'clv-column', what: `the feature table already has a column ${clash.name}, which the CLV inputs add`, where: { field: 'clv' }, fix: `rename the data's ${clash.name} column (data.<table>.columns), or leave the clv: section out` });
    let ids: readonly string[] = [];
    let values: Record<(typeof CLV_INPUTS)[number], Float64Array> = { clv: new Float64Array(0), p_alive: new Float64Array(0), expected_purchases: new Float64Array(0) };
    const opts = this.clv!;
    try {
      const v = await customerValue(this.session, date, opts);
      if ('skipped' in v) this.notes.push(`CLV inputs as of ${date.iso} are empty: ${v.skipped}.`);
      else {
        ids = v.summary.customerIds;
        values = { clv: v.clv, p_alive: v.pAlive, expected_purchases: v.expected };
      }
    } catch (err) {
      if (!(err instanceof ConvergenceError)) throw err;
      this.notes.push(`CLV inputs as of ${date.iso} are empty: the ${err.model ?? opts.model} fit did not converge.`);
    }
    await joinCustomerColumns(this.session, table, ids, values);
    const how = `${opts.model} × Gamma-Gamma fitted on the purchases before the snapshot`;
    const columns: FeatureColumn[] = [
      ...result.columns,
      { name: 'clv', role: 'numeric', unit: 'currency', description: `Customer lifetime value over the next ${opts.horizon} months, discounted ${opts.discount} a month (${how}).` },
      { name: 'p_alive', role: 'numeric', unit: 'share', description: `Probability the customer is still active (${how}).` },
      { name: 'expected_purchases', role: 'numeric', unit: 'orders', description: `Expected purchase days in the next ${opts.horizon} months (${how}).` },
    ];
    return { ...result, columns };
  }

  private chooseInputs(columns: readonly FeatureColumn[], labelColumn: string | undefined): (FeatureColumn & DesignColumn)[] {
    const present = new Set(columns.map((c) => c.name));
    for (const name of this.exclude) if (!present.has(name)) this.notes.push(`exclude: "${name}" is not a column of the feature table (nothing to leave out).`);
    const out: (FeatureColumn & DesignColumn)[] = [];
    for (const c of columns) {
      if (c.role === 'id') continue;
      if (c.name === labelColumn) this.excluded.push({ column: c.name, reason: 'the label column' });
      else if (c.role === 'outcome') this.excluded.push({ column: c.name, reason: 'an outcome column of the data (role target), never a model input' });
      else if (this.exclude.includes(c.name)) this.excluded.push({ column: c.name, reason: 'listed in models.exclude' });
      else out.push(c as FeatureColumn & DesignColumn);
    }
    return out;
  }

  private async read(table: string, labelled: boolean): Promise<{ frame: FeatureFrame; labels: Uint8Array; ids: string[] }> {
    const data = await readFeatureTable(this.session, [...this.inputs!.map((c) => c.name), ...(labelled ? [LABEL] : [])], { table });
    const labels = new Uint8Array(data.rowCount);
    if (labelled) {
      const l = data.numeric[LABEL]!;
      for (let i = 0; i < labels.length; i++) labels[i] = l[i]!;
    }
    return { frame: toFrame(data, this.inputs!), labels, ids: data.ids };
  }

  private async checkTables(target: SnapshotTarget): Promise<LabelSqlContext> {
    const needsEvents = target.kind === 'propensity' && 'eventType' in target.event;
    const table = needsEvents ? 'events' : 'transactions';
    if (!(await this.session.tableExists(table))) {
      throw inputError({
        summary: `A ${target.kind} label needs the ${table} table, and the data has none.`,
        check: 'label-table',
        what: `no ${table} table is loaded`,
        where: { field: 'models.target' },
        fix: `load a ${table} table (data.${table}), or, for data that carries its own label, use target: { kind: column, column: <label column> }`,
      });
    }
    const txColumns = (await this.session.tableExists('transactions')) ? new Set((await this.session.describe('transactions')).map((c) => c.name)) : new Set<string>();
    if (target.kind === 'propensity') {
      const col = 'category' in target.event ? 'category' : 'channel' in target.event ? 'channel' : undefined;
      if (col && !txColumns.has(col)) {
        throw inputError({ summary: `A propensity label on a ${col} needs transactions.${col}, and the data has none.`, check: 'label-column', what: `the transactions table has no ${col} column`, where: { field: `models.target.event.${col}` }, fix: `map a ${col} column in data.transactions.columns, or choose another event` });
      }
    }
    return { isReturn: txColumns.has('is_return') };
  }

  /** An unknown category / channel / event type is an error listing the known ones (seen before asOf). */
  private async checkEvent(target: SnapshotTarget, at: CalendarDate, ctx: LabelSqlContext): Promise<void> {
    if (target.kind !== 'propensity') return;
    const e = target.event;
    const [col, value, source] =
      'category' in e ? ['category', e.category, purchasesSql(ctx)] : 'channel' in e ? ['channel', e.channel, purchasesSql(ctx)] : ['event_type', e.eventType, 'SELECT * FROM events WHERE customer_id IS NOT NULL'];
    const found = await this.session.scalar(`SELECT count(*) FROM (${source}) WHERE ts < ${at.sqlTimestamp} AND ${col} = ${quoteLiteral(value)}`);
    if (Number(found) > 0) return;
    const rows = await this.session.all(`SELECT DISTINCT ${col} AS v FROM (${source}) WHERE ts < ${at.sqlTimestamp} AND ${col} IS NOT NULL ORDER BY 1 LIMIT 201`);
    const known = rows.map((r) => String(r.v));
    const key = 'category' in e ? 'category' : 'channel' in e ? 'channel' : 'eventType';
    throw inputError({
      summary: `models.target.event.${key} "${value}" does not occur in the data before asOf ${at.iso}.`,
      check: 'unknown-event',
      what: `no ${col === 'event_type' ? 'event' : 'order'} with ${col} "${value}" before ${at.iso}`,
      where: { field: `models.target.event.${key}` },
      fix: known.length ? `known values (case matters): ${known.slice(0, 200).join(', ')}${known.length > 200 ? ', …' : ''}` : `the ${col} column is empty before ${at.iso}`,
    });
  }

  /** The earliest snapshot needs history before it: at least one order (or event, for an event-type label). */
  private async checkHistory(target: SnapshotTarget, at: CalendarDate, n: number, ctx: LabelSqlContext): Promise<void> {
    const h = target.horizonDays;
    const earliest = at.addDays(-n * h);
    const fromEvents = target.kind === 'propensity' && 'eventType' in target.event;
    const source = fromEvents ? 'SELECT * FROM events WHERE customer_id IS NOT NULL' : purchasesSql(ctx);
    const row = await this.session.one(`SELECT strftime(min(ts), '%Y-%m-%d') AS first, strftime(max(ts), '%Y-%m-%d') AS last, count(*) FILTER (WHERE ts < ${earliest.sqlTimestamp}) AS before FROM (${source}) WHERE ts < ${at.sqlTimestamp}`);
    const what = fromEvents ? 'event' : 'order';
    if (row && Number(row.before) > 0) {
      // The latest window ends at asOf: data that stops well before it leaves that window partly unobserved.
      const last = CalendarDate.parse(String(row.last));
      const gap = at.epochDays - last.epochDays - 1;
      if (gap > Math.max(1, 0.1 * h)) {
        this.notes.push(`The last ${what} before asOf is on ${last.iso}, ${gap} days before asOf ${at.iso}: the latest label window (${at.addDays(-h).iso} to ${at.iso}) is partly unobserved, so its labels ${target.kind === 'churn' ? 'overstate churn' : 'understate the event'} if the data is incomplete. Check that the data reaches asOf.`);
      }
      return;
    }
    if (!row || row.first === null) {
      throw inputError({ summary: `No ${what} before asOf ${at.iso}: there is nothing to learn a ${target.kind} label from.`, check: 'label-history', what: `the ${fromEvents ? 'events' : 'transactions'} table has no ${what} before ${at.iso}`, where: { field: 'asOf' }, fix: 'check asOf and the data' });
    }
    const first = CalendarDate.parse(String(row.first));
    // s_i must come after the first day with history: asOf − i·h ≥ first + 1 day.
    const possible = Math.floor((at.epochDays - first.epochDays - 1) / h);
    const maxHorizon = Math.floor((at.epochDays - first.epochDays - 1) / n);
    throw inputError({
      summary: `The earliest snapshot (${earliest.iso} = asOf ${at.iso} − ${n} × ${h} days) has no history before it: the first ${what} is on ${first.iso}.`,
      check: 'label-history',
      what: `${n} snapshot${n === 1 ? '' : 's'} of ${h} days reach back to ${earliest.iso}, before the first ${what} (${first.iso})`,
      where: { field: possible >= 1 ? 'models.snapshots' : 'models.target.horizonDays' },
      fix:
        possible >= 1
          ? `use at most ${possible} snapshot${possible === 1 ? '' : 's'} with this horizon, or a horizon of at most ${maxHorizon} days for ${n}`
          : `use a horizon of at most ${Math.max(0, at.epochDays - first.epochDays - 1)} days (the history before asOf is ${at.epochDays - first.epochDays} days)`,
    });
  }

  private checkBalance(labels: Uint8Array, kind: ModelTargetKind, snapshots: readonly TrainingSnapshot[], label: LabelDefinition, values?: string[]): void {
    let positives = 0;
    for (let i = 0; i < labels.length; i++) positives += labels[i]!;
    const negatives = labels.length - positives;
    if (positives > 0 && negatives > 0) return;
    const missing = positives === 0 ? 'positive' : 'negative';
    const per = snapshots.map((s) => `${s.asOf}: ${s.positives} positive, ${s.negatives} negative`).join('; ');
    const fixes: Record<ModelTargetKind, string> = {
      churn: positives === 0 ? 'every labelled customer ordered again within the horizon: use a shorter horizonDays or more snapshots' : 'no labelled customer ordered again within the horizon: use a longer horizonDays, or check that the transactions reach asOf',
      propensity: positives === 0 ? 'the event never happens in the windows: use a longer horizonDays, more snapshots or a more frequent event' : 'the event happens for everyone: use a shorter horizonDays or a rarer event',
      column: positives === 0 ? `no value of the column reads as positive (values seen: ${(values ?? []).slice(0, 10).join(', ')}): set models.target.positive to the value(s) that mean "it happened"` : `every value reads as positive (values seen: ${(values ?? []).slice(0, 10).join(', ')}): set models.target.positive to the value(s) that mean "it happened" only`,
    };
    throw inputError({
      summary: `The ${kind} label has no ${missing} examples: ${positives.toLocaleString('en-US')} positive, ${negatives.toLocaleString('en-US')} negative among ${labels.length.toLocaleString('en-US')} training rows; a model needs both.`,
      check: 'label-balance',
      what: `${label.definition} Per snapshot: ${per}`,
      where: { field: kind === 'column' ? 'models.target.positive' : 'models.target' },
      fix: fixes[kind],
    });
  }
}

const DEFAULT_POSITIVE = ['1', 'true', 'yes', 'y'];

function usage(what: string, kind: ModelTargetKind): UsageError {
  return new UsageError(`buildTrainingSet (${kind}): ${what}; include more feature groups or exclude fewer columns.`);
}

/** The input columns of a read table as a frame: numeric roles as numbers, categorical roles as text (numbers written as text). */
function toFrame(data: { rowCount: number; numeric: Record<string, Float64Array>; categorical: Record<string, (string | null)[]> }, columns: readonly DesignColumn[]): FeatureFrame {
  const frame: FeatureFrame = { rowCount: data.rowCount, numeric: {}, categorical: {} };
  for (const c of columns) {
    if (c.role === 'numeric') {
      const v = data.numeric[c.name];
      if (!v) throw new UsageError(`buildTrainingSet: feature column "${c.name}" has role numeric but DuckDB holds text in it.`);
      frame.numeric[c.name] = v;
    } else {
      const num = data.numeric[c.name];
      frame.categorical[c.name] = num ? Array.from(num, (x) => (Number.isNaN(x) ? null : String(x))) : data.categorical[c.name]!;
    }
  }
  return frame;
}

/** The rows `keep` of a frame. */
function pick(frame: FeatureFrame, columns: readonly DesignColumn[], keep: readonly number[]): FeatureFrame {
  const out: FeatureFrame = { rowCount: keep.length, numeric: {}, categorical: {} };
  for (const c of columns) {
    if (c.role === 'numeric') {
      const src = frame.numeric[c.name]!;
      const dst = new Float64Array(keep.length);
      for (let i = 0; i < keep.length; i++) dst[i] = src[keep[i]!]!;
      out.numeric[c.name] = dst;
    } else {
      const src = frame.categorical[c.name]!;
      out.categorical[c.name] = keep.map((i) => src[i]!);
    }
  }
  return out;
}

/** The snapshots' rows one after the other (oldest first). */
function stack(parts: readonly { frame: FeatureFrame; labels: Uint8Array; ids: string[] }[], columns: readonly DesignColumn[], snapshots: readonly TrainingSnapshot[]): TrainingSet['train'] {
  const n = parts.reduce((a, p) => a + p.ids.length, 0);
  const frame: FeatureFrame = { rowCount: n, numeric: {}, categorical: {} };
  for (const c of columns) {
    if (c.role === 'numeric') {
      const dst = new Float64Array(n);
      let at = 0;
      for (const p of parts) {
        dst.set(p.frame.numeric[c.name]!, at);
        at += p.ids.length;
      }
      frame.numeric[c.name] = dst;
    } else {
      frame.categorical[c.name] = parts.flatMap((p) => p.frame.categorical[c.name]!);
    }
  }
  const labels = new Uint8Array(n);
  const snapshot = new Int32Array(n);
  parts.forEach((p, k) => {
    labels.set(p.labels, snapshots[k]!.start);
    snapshot.fill(snapshots[k]!.order, snapshots[k]!.start, snapshots[k]!.end);
  });
  return { frame, labels, snapshot, ids: parts.flatMap((p) => p.ids) };
}

function describeSnapshots(target: SnapshotTarget, at: CalendarDate, snapshots: readonly TrainingSnapshot[]): LabelDefinition {
  const h = target.horizonDays;
  const window = `in the ${h} days from the snapshot date on (from its 00:00 UTC to ${h} days later, excluded)`;
  const dates = snapshots.map((s) => s.asOf).join(', ');
  const definition =
    target.kind === 'churn'
      ? `Churn = 1 when a customer places no order (returns do not count) ${window}, else 0.`
      : `Propensity = 1 when ${describeEvent(target.event)} happens ${window}, else 0.`;
  const population =
    target.kind === 'churn'
      ? 'Customers with at least one order before the snapshot date (a customer who never ordered cannot churn); scoring covers the customers with an order before asOf.'
      : 'Every customer of the feature base at the snapshot date (signed up before it, or with an order before it when there is no customers table).';
  return {
    definition,
    population,
    snapshots: `${snapshots.length} training snapshot${snapshots.length === 1 ? '' : 's'} (${dates}), each with the features as of its date and the label from the ${h} days after it; scoring uses the features as of ${at.iso}. Nothing at or after ${at.iso} is read.`,
  };
}
