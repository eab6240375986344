import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../core/atomicWrite';
import { driftMarkdown } from '../report/driftMarkdown';
import type { ClusterResult } from '../cluster/summary/ClusterResult';
import { inputError } from '../core/errors';
import { centreDistance } from '../drift/centreDistance';
import type { DriftReport, ScoreDrift, SegmentDrift } from '../drift/DriftResult';
import { kpiAlerts } from '../drift/kpiAlerts';
import type { MatchedSegments, SegmentCount } from '../drift/MatchedSegments';
import { migrationMatrix } from '../drift/migrationMatrix';
import { NO_PARTNER, NO_RULE, ruleDrift } from '../drift/ruleDrift';
import { segmentFigures, type FigureColumns } from '../drift/segmentFigures';
import { segmentSizeShift } from '../drift/segmentSizeShift';
import type { FeatureColumn } from '../features/FeatureDefinition';
import { featuresFileSchema } from '../features/featuresFileSchema';
import { prepareClusterInput, type PreparedClusterInput } from '../features/prepareClusterInput';
import type { FeatureTable } from '../features/readFeatureTable';
import { DEFAULT_GATE } from '../rules/bundleGate';
import { ruleSizes } from '../rules/export/ruleSizes';
import type { RuleBundle } from '../rules/RuleBundle';
import { clusterResultSchema } from './clusterResultSchema';
import type { ClvFile } from './ClvResult';
import { driftConfigSchema, type DriftConfig, type DriftConfigInput } from './DriftConfig';
import { featureDrift, segmentFeatureDrift, scorePsi } from './featureDrift';
import { manifestSchema } from './Manifest';
import { matchRunSegments } from './matchRunSegments';
import type { RunPrediction } from './predictionSummary';
import { publishedNames, type PreviousRunField } from './readPreviousRun';
import { readRunClv } from './readRunClv';
import { readRunPrediction } from './readRunPrediction';
import type { RunConfig } from './RunConfig';
import { RunFolder } from './RunFolder';
import { readBundle } from './scoreWithBundle';

/** One run as the drift comparison reads it: a finished run folder, or the drift stage's own run in progress. */
export interface DriftRun {
  runId: string;
  asOf: string | null;
  config: RunConfig;
  table: FeatureTable;
  featureColumns: readonly FeatureColumn[];
  cluster: ClusterResult;
  prediction?: RunPrediction;
  clv?: ClvFile;
  /** Whether the run replaced customer ids by pseudonyms (ids of two runs only match under the same key). */
  pseudonymised: boolean;
  /** Published segment names (personas.json) by id; empty when the run has none yet. */
  names: ReadonlyMap<number, string>;
}

const HINT = 'give the folder `seglab run` printed (reports/<run-id>), of a run with the features and cluster stages';

/** A finished run folder read back for a comparison: manifest, features, cluster.json, and clv / model scores when it has them. */
export async function readDriftRun(dir: string): Promise<DriftRun> {
  const run = new RunFolder(dir);
  const manifest = run.read('manifest.json', manifestSchema, HINT);
  const cluster = run.read('cluster.json', clusterResultSchema, 'run the cluster stage first: seglab run --config <file> (with stages including cluster)');
  const features = run.read('features.json', featuresFileSchema, 'run the features stage first');
  const table = await run.featureTable();
  if (cluster.labels.length !== table.rowCount) {
    throw inputError({ summary: `${run.dir} does not hold one run: its files disagree.`, check: 'run-file', what: `cluster.json has ${cluster.labels.length} labels, features.parquet ${table.rowCount} customers`, where: { file: join(run.dir, 'cluster.json'), field: 'labels' }, fix: 'run that quarter again' });
  }
  const prediction = readRunPrediction(run, table, manifest.config.output.csvFormulaGuard);
  const clv = readRunClv(run, table, cluster);
  return {
    runId: manifest.runId,
    asOf: manifest.asOf,
    config: manifest.config,
    table,
    featureColumns: features.columns,
    cluster,
    ...(prediction ? { prediction } : {}),
    ...(clv ? { clv } : {}),
    pseudonymised: manifest.pseudonymised,
    names: publishedNames(run.dir),
  };
}

/**
 * `seglab drift <reference-run> <current-run>`: what changed between two finished runs (both folders read through
 * the schemas of what seglab writes; a damaged file is an InputError naming file and field). The settings are the
 * current run's `drift:` section (its thresholds apply when the runs are compared again), each key given here
 * replacing its own.
 */
export async function compareRuns(referenceRun: string, currentRun: string, settings: DriftConfigInput = {}): Promise<DriftReport> {
  const check = driftConfigSchema.safeParse(settings);
  if (!check.success) throw inputError({ summary: 'Drift settings are not valid.', check: 'drift-settings', what: check.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`).join('; '), where: { field: 'drift' }, fix: 'see the drift: section in README.md' });
  const reference = await readDriftRun(referenceRun);
  const current = await readDriftRun(currentRun);
  const { previous: _, ...own } = current.config.drift ?? {};
  const given = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
  return compareDriftRuns(referenceRun, reference, current, driftConfigSchema.parse({ ...own, ...given }), '<reference-run>');
}

/**
 * The comparison itself: the reference run's folder is read for its centres (matching) and its rule bundles;
 * `prepared` is the current run's clustering input when the caller has it (the drift stage).
 */
export function compareDriftRuns(referenceDir: string, reference: DriftRun, current: DriftRun, settings: DriftConfig, field: PreviousRunField, prepared?: PreparedClusterInput): DriftReport {
  const prep = prepared ?? prepareClusterInput(current.table, current.featureColumns, current.config.cluster);
  const curLabels = current.cluster.labels;
  const { run: refRun, current: centres, matching: m } = matchRunSegments(referenceDir, field, prep, curLabels, current.config.cluster.matchMaxDistance);
  const matching: MatchedSegments = { pairs: m.matches.map((x) => ({ referenceId: x.previous, currentId: x.current })) };
  const partnerOf = new Map(matching.pairs.map((p) => [p.currentId, p.referenceId]));
  const refNames = reference.names;
  // A matched segment carries last quarter's name until this run's review names it.
  const curNames = new Map<number, string | null>(centres.ids.map((id) => [id, current.names.get(id) ?? (partnerOf.has(id) ? (refNames.get(partnerOf.get(id)!) ?? null) : null)]));
  const notes: string[] = [];

  const counts = (labels: readonly number[], names: ReadonlyMap<number, string | null>): SegmentCount[] => {
    const c = new Map<number, number>();
    for (const l of labels) if (l >= 0) c.set(l, (c.get(l) ?? 0) + 1);
    return [...c.keys()].sort((a, b) => a - b).map((id) => ({ id, name: names.get(id) ?? null, customers: c.get(id)! }));
  };
  const sizeShift = segmentSizeShift(counts(reference.cluster.labels, refNames), counts(curLabels, curNames), matching, settings.level);
  const alerts = kpiAlerts(segmentFigures(reference.cluster.labels, refNames, figureColumns(reference)), segmentFigures(curLabels, curNames, figureColumns(current)), matching, settings.alertThreshold);

  // Customers are matched by id: pseudonyms only match pseudonyms made with the same key.
  let migration: DriftReport['migration'] = null;
  if (reference.pseudonymised !== current.pseudonymised) {
    notes.push(`No migration matrix: ${reference.pseudonymised ? 'the reference run' : 'the current run'} pseudonymised its customer ids and the other did not, so no customer can be followed from one to the other. Run both with the same pseudonymisation key.`);
  } else {
    migration = migrationMatrix({ ids: reference.table.ids, labels: reference.cluster.labels }, { ids: current.table.ids, labels: curLabels }, matching, settings.biggestFlows);
    const inBoth = migration.counts.flat().reduce((a, b) => a + b, 0);
    if (inBoth === 0) notes.push('No customer id is in both runs: if both pseudonymise ids, they must use the same key (SEGLAB_PSEUDONYM_KEY); otherwise the runs are of different customers.');
  }

  // Inside each matched segment: its members' features, and how far its centre moved in its spread.
  const segments: SegmentDrift[] = [];
  const refRow = new Map(refRun.ids.map((id, r) => [id, r]));
  const curRow = new Map(centres.ids.map((id, r) => [id, r]));
  const d = prep.X.cols;
  for (const p of [...matching.pairs].sort((a, b) => a.referenceId - b.referenceId)) {
    const refMembers = indicesOf(reference.cluster.labels, p.referenceId);
    const curMembers = indicesOf(curLabels, p.currentId);
    if (refMembers.length < settings.minSegmentCustomers || curMembers.length < settings.minSegmentCustomers) {
      notes.push(`Segment ${p.currentId}${curNames.get(p.currentId) ? ` (${curNames.get(p.currentId)})` : ''}: fewer than ${settings.minSegmentCustomers} customers in one run (${refMembers.length} then, ${curMembers.length} now), no drift inside it computed.`);
      continue;
    }
    const r = refRow.get(p.referenceId)!;
    const c = curRow.get(p.currentId)!;
    segments.push({
      referenceId: p.referenceId,
      currentId: p.currentId,
      name: curNames.get(p.currentId) ?? null,
      centreDistance: centreDistance(prep.X, curLabels, p.currentId, refRun.centres.data.subarray(r * d, (r + 1) * d), centres.centres.data.subarray(c * d, (c + 1) * d)),
      features: segmentFeatureDrift(reference, current, refMembers, curMembers, settings),
    });
  }

  const rules = bundleDrift(referenceDir, current, curLabels, partnerOf, notes);
  const scores = scoreDrift(reference, current, settings);
  return {
    schemaVersion: 1,
    referenceRunId: reference.runId,
    currentRunId: current.runId,
    referenceAsOf: reference.asOf,
    currentAsOf: current.asOf,
    alertThreshold: settings.alertThreshold,
    minGroupSize: current.config.report.minGroupSize,
    features: featureDrift(reference, current, settings),
    sizeShift,
    alerts,
    migration,
    segments,
    rules,
    scores,
    ...(notes.length ? { notes } : {}),
  };
}

function indicesOf(labels: readonly number[], id: number): Int32Array {
  let n = 0;
  for (const l of labels) if (l === id) n++;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === id) out[k++] = i;
  return out;
}

/** The columns the review's KPIs come from (kpiCatalogue): revenue of the last 12 months else all-time, AOV, churn risk, CLV. */
function figureColumns(run: DriftRun): FigureColumns {
  const num = run.table.numeric;
  const kpi = run.config.report.kpiColumns;
  const first = (...names: (string | undefined)[]): Float64Array | undefined => names.map((n) => (n ? num[n] : undefined)).find((c) => c !== undefined);
  let churnRisk = first(kpi.churnRisk, 'churn_probability', 'churn_risk');
  if (!churnRisk && run.prediction?.card.target.kind === 'churn') churnRisk = byId(run.prediction.ids, run.prediction.probability, run.table.ids);
  const cols: FigureColumns = {};
  const revenue = first('spend_365d', 'monetary_total');
  if (revenue) cols.revenue = revenue;
  if (num.monetary_total && num.frequency) {
    cols.spend = num.monetary_total;
    cols.orders = num.frequency;
  }
  if (churnRisk) cols.churnRisk = churnRisk;
  const clv = first(kpi.clv, 'clv', 'clv_12m');
  if (clv) cols.clv = clv;
  return cols;
}

/** Scores given by id, in the table's row order (NaN for a customer without one). */
function byId(ids: readonly string[], values: Float64Array, tableIds: readonly string[]): Float64Array {
  const at = new Map(ids.map((id, i) => [id, i]));
  return Float64Array.from(tableIds, (id) => {
    const i = at.get(id);
    return i === undefined ? NaN : values[i]!;
  });
}

/** The last validated segment bundle in the reference run's rules/ folder: highest version (then name), or null. */
function lastValidatedBundle(referenceDir: string): { bundle: RuleBundle; file: string } | null {
  const dir = join(referenceDir, 'rules');
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => /\.v\d+\.json$/.test(f)).sort();
  let best: { bundle: RuleBundle; file: string } | null = null;
  for (const f of files) {
    const bundle = readBundle(join(dir, f));
    if (bundle.kind !== 'segments' || bundle.validation.status !== 'validated') continue;
    if (!best || bundle.bundleVersion > best.bundle.bundleVersion) best = { bundle, file: f };
  }
  return best;
}

/** The reference run's last validated rule bundle applied to this run's customers (null, with a note, when it has none). */
function bundleDrift(referenceDir: string, current: DriftRun, labels: readonly number[], partnerOf: ReadonlyMap<number, number>, notes: string[]): DriftReport['rules'] {
  const found = lastValidatedBundle(referenceDir);
  if (!found) {
    notes.push('No rule drift: the reference run has no validated segment rule bundle (rules/segments.vN.json with status validated; `seglab export <run>` writes one).');
    return null;
  }
  const { bundle, file } = found;
  const table = current.table;
  const missing = bundle.fields.map((f) => f.name).filter((f) => !(f in table.numeric) && !(f in table.categorical));
  if (missing.length) {
    notes.push(`No rule drift: the rules of ${file} read ${missing.join(', ')}, which this run's feature table does not have.`);
    return null;
  }
  const { first } = ruleSizes({ rowCount: table.rowCount, numeric: table.numeric, categorical: table.categorical }, bundle);
  const ruleSegment = Int32Array.from(first!, (r) => (r < 0 ? NO_RULE : bundle.segments[r]!.id));
  const clusterSegment = Int32Array.from(labels, (l) => partnerOf.get(l) ?? NO_PARTNER);
  const fidelity = bundle.validation.checks.find((c) => c.name === 'fidelity');
  return ruleDrift({
    bundleVersion: basename(file, '.json'),
    ruleSegment,
    fallbackId: bundle.fallback?.id ?? null,
    clusterSegment,
    validatedFidelity: fidelity?.value ?? null,
    fidelityGate: fidelity?.threshold ?? DEFAULT_GATE.minFidelity,
  });
}

/** PSI of the score columns both runs have: the model's probability (same kind of target) and the CLV. */
function scoreDrift(reference: DriftRun, current: DriftRun, settings: DriftConfig): ScoreDrift[] {
  const out: ScoreDrift[] = [];
  const rp = reference.prediction;
  const cp = current.prediction;
  if (rp && cp && rp.card.target.kind === cp.card.target.kind) out.push(scorePsi(`${cp.card.target.kind === 'column' ? 'model' : cp.card.target.kind} score`, rp.probability, cp.probability, settings.scorePsiThreshold));
  for (const column of ['clv', 'p_alive']) {
    const r = reference.table.numeric[column];
    const c = current.table.numeric[column];
    if (r && c) out.push(scorePsi(column, r, c, settings.scorePsiThreshold));
  }
  return out;
}

/**
 * `seglab drift --out DIR`: drift.json and drift.md into a folder (created when missing), each written to a
 * temporary name and renamed, so an interrupted write leaves no half file. Returns the paths.
 */
export function writeDriftFiles(report: DriftReport, outDir: string): string[] {
  const dir = resolve(outDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw inputError({ summary: `Cannot write the drift report into ${dir}.`, check: 'output-folder', what: (err as Error).message, where: { file: dir }, fix: 'give --out a folder you can write to' });
  }
  if (!statSync(dir).isDirectory()) throw inputError({ summary: `Cannot write the drift report into ${dir}.`, check: 'output-folder', what: 'it is a file, not a folder', where: { file: dir }, fix: 'give --out a folder' });
  const json = join(dir, 'drift.json');
  const md = join(dir, 'drift.md');
  writeJsonAtomic(json, report);
  writeFileAtomic(md, driftMarkdown(report));
  return [json, md];
}
