import { resolve } from 'node:path';
import type { KCandidate, SelectionMetric } from '../cluster/selection/selectK';
import { selectionMetrics } from '../cluster/selection/kSelectionCriteria';
import { projectSample } from '../decomposition/projectSample';
import { kprototypesFacts } from '../cluster/summary/kprototypesFacts';
import { InputError } from '../core/errors';
import { versions } from '../core/version';
import type { FeatureColumn } from '../features/FeatureDefinition';
import type { FeatureTable } from '../features/readFeatureTable';
import { buildPersonas } from '../personas/buildPersonas';
import { featureLabel } from '../personas/featureLabel';
import { compareSizes, DEFAULT_ALERT_THRESHOLD, type PublishedSize, type SegmentPair } from '../personas/compareSizes';
import { carriedName, type PreviousSegmentName } from '../personas/nameSegments';
import type { PersonaInput } from '../personas/PersonaInput';
import type { PersonaResult } from '../personas/PersonaResult';
import { REPORT_DATA_SCHEMA_VERSION, type ProjectionSample, type QualitySummary, type ReportData, type SelectionCurves, type StabilitySummary } from '../report/ReportData';
import type { Locale } from '../core/Locale';
import type { ClusterResult } from '../cluster/summary/ClusterResult';
import { readPreviousPublication, type PreviousRunField } from './readPreviousRun';
import { matchRunSegments } from './matchRunSegments';
import { prepareClusterInput, type PreparedClusterInput } from '../features/prepareClusterInput';
import type { QualityFacts } from './qualityFacts';
import { resolveOutcome } from '../features/resolveOutcome';
import type { RunConfig } from './RunConfig';
import { readExperimentSummary } from '../experiments/experimentSummarySchema';
import { isRiskTarget, predictionSummary, targetLabel, type RunPrediction } from './predictionSummary';
import type { ClvFile } from './ClvResult';
import type { ValueSummary } from '../report/ValueSummary';
import type { DriftReport } from '../drift/DriftResult';

export interface ReportInputs {
  config: RunConfig;
  runId: string;
  table: FeatureTable;
  featureColumns: readonly FeatureColumn[];
  cluster: ClusterResult;
  /** The data-quality profile (a QualityProfile, or quality.json read back); null without the profile stage. */
  quality: QualityFacts | null;
  /** Folder the run config's relative paths resolve against (for report.previous). */
  baseDir: string;
  /** The clustering input the cluster stage prepared from this table (prepared again when absent). */
  prepared?: PreparedClusterInput;
  /** The models stage's card and scores: the review's model section, and the predicted rate per segment when the data has no outcome column. */
  prediction?: RunPrediction;
  /** The clv stage's clv.json: the review's value section and the personas' "high value, probably leaving" action (the feature table holds clv and p_alive). */
  clv?: ClvFile;
  /** The drift stage's comparison with the reference run: the review's "What changed" section. */
  drift?: DriftReport;
}

/**
 * Everything the quarterly review shows, computed from a run's results: personas from the feature
 * table and the labels, a seeded 2-D sample, model-selection curves, stability, data quality and
 * sizes side by side with a previous run. Only aggregates and a bounded sample leave this function.
 */
export function assembleReport(inputs: ReportInputs): { personas: PersonaResult; data: ReportData } {
  const { config, table, cluster } = inputs;
  const cfg = config.report;
  if (cluster.labels.length !== table.rowCount) {
    throw new InputError(`The run's cluster.json has ${cluster.labels.length} labels but its feature table ${table.rowCount} customers; re-run the cluster stage.`);
  }
  const outcome = resolveOutcome(table, inputs.featureColumns, config.outcome);
  // Other outcome columns (when several exist and none is configured) are no traits either.
  const outcomeColumns = new Set(inputs.featureColumns.filter((c) => c.role === 'outcome').map((c) => c.name));
  const without = <T>(cols: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(cols).filter(([n]) => !outcomeColumns.has(n) || n === outcome?.column));
  // A churn / propensity model's score is a KPI per segment beside the data's outcome; the outcome actions follow
  // it when it is a risk (it looks ahead) or when the data has no outcome (buildPersonas says which in a note).
  const target = inputs.prediction?.card.target;
  const sameOutcome = target?.kind === 'column' && config.outcome?.column === target.column ? config.outcome.higherIsBetter : null;
  // A label column that is the data's outcome is named as the outcome is ("Term-deposit subscription", not "y").
  const named = outcome && target?.kind === 'column' && outcome.column === target.column ? outcome.label : undefined;
  const predicted = inputs.prediction ? predictedOutcome(inputs.prediction, table.ids, cfg.locale, isRiskTarget(inputs.prediction.card, sameOutcome), named) : null;
  const input: PersonaInput = {
    labels: cluster.labels,
    numeric: without(table.numeric),
    categorical: without(table.categorical),
    columns: inputs.featureColumns
      .filter((c) => c.role !== 'id')
      .map((c) => ({ name: c.name, kind: c.name in table.categorical ? ('categorical' as const) : ('numeric' as const), unit: c.unit ?? null, group: c.group ?? null, description: c.description })),
    ...(outcome ? { outcome: { column: outcome.column, label: outcome.label[cfg.locale], higherIsBetter: outcome.higherIsBetter, values: outcome.values } } : {}),
    ...(predicted ? { score: predicted } : {}),
    ...(inputs.clv ? { valueAtRisk: valueAtRisk(inputs.clv, table) } : {}),
  };
  // Compared with a previous run: its segments matched to this run's first, so names can persist with them.
  let prepared = inputs.prepared;
  const prep = (): PreparedClusterInput => (prepared ??= prepareClusterInput(table, inputs.featureColumns, config.cluster));
  const previousPath = cfg.previous ?? config.cluster.previous;
  const previous = previousPath ? comparedRun(resolve(inputs.baseDir, previousPath), cfg.previous !== undefined ? 'report.previous' : 'cluster.previous', inputs, prep(), cfg.locale) : null;
  const personas = buildPersonas(input, {
    locale: cfg.locale,
    minGroupSize: cfg.minGroupSize,
    currency: cfg.currency,
    names: cfg.names,
    kpiColumns: cfg.kpiColumns,
    labels: Object.fromEntries(Object.entries(cfg.labels).map(([column, l]) => [column, typeof l === 'string' ? l : l[cfg.locale]])),
    ...(previous ? { previous: previous.names } : {}),
  });
  const shown = new Set(personas.segments.filter((s) => !s.suppressed).map((s) => s.id));
  const data: ReportData = {
    schemaVersion: REPORT_DATA_SCHEMA_VERSION,
    locale: cfg.locale,
    title: cfg.title ?? (cfg.locale === 'fr' ? `Revue trimestrielle des segments — ${config.name}` : `Quarterly segment review — ${config.name}`),
    runId: inputs.runId,
    asOf: config.asOf.iso,
    seglabVersion: versions().seglab ?? 'unknown',
    clustering: {
      algorithm: cluster.algorithm,
      k: cluster.k,
      kSource: cluster.kSource,
      features: cluster.features.map((f) => f.name),
      selection: selectionCurves(cluster),
      stability: stabilitySummary(cluster, shown),
      kprototypes: cluster.kprototypes ? kprototypesFacts(cluster.kprototypes, cluster.labels, table.categorical, shown, cfg.minGroupSize) : null,
      absent: {
        projection: cluster.algorithm === 'kprototypes' ? 'mixedFeatures' : cluster.features.length < 2 ? 'fewFeatures' : cfg.projectionSample === 0 ? 'disabled' : null,
        stability: cluster.stability ? null : 'notComputed',
      },
    },
    personas,
    projection: cfg.projectionSample > 0 ? projectionSample(inputs, shown, cfg.projectionSample, prep) : null,
    quality: inputs.quality ? qualitySummary(inputs.quality) : null,
    changes: previous ? sizeChanges(personas, previous, cfg.minGroupSize, config.cluster.matchMaxDistance) : null,
  };
  const userLabel = (column: string): string | undefined => {
    const l = cfg.labels[column];
    return l === undefined ? undefined : typeof l === 'string' ? l : l[cfg.locale];
  };
  if (inputs.prediction) {
    const segmentOf = new Map(table.ids.map((id, i) => [id, cluster.labels[i]!]));
    const labelOf = (column: string): string => userLabel(column) ?? column;
    data.prediction = predictionSummary(inputs.prediction, segmentOf, labelOf, isRiskTarget(inputs.prediction.card, sameOutcome), named);
  }
  if (cfg.experiments.length) data.experiments = cfg.experiments.map((p, i) => readExperimentSummary(resolve(inputs.baseDir, p), `report.experiments.${i}`));
  if (inputs.clv?.segments) data.value = valueSummary(inputs.clv, inputs.clv.segments);
  if (inputs.drift) {
    data.drift = inputs.drift;
    // The drift section names columns no trait may name (traits keep one window of a family): label them all.
    const labels: Record<string, string> = {};
    for (const c of inputs.featureColumns) if (c.role !== 'id') labels[c.name] = userLabel(c.name) ?? featureLabel(c.name, cfg.locale);
    data.featureLabels = labels;
  }
  return { personas, data };
}

/**
 * Per customer of the table: 1 when in clv.json's top value band with P(alive) below its threshold, 0 when not, NaN
 * without a CLV. The table must hold the clv stage's columns (seglab report checks that the run folder does).
 */
function valueAtRisk(clv: ClvFile, table: FeatureTable): NonNullable<PersonaInput['valueAtRisk']> {
  const values = table.numeric.clv;
  const pAlive = table.numeric.p_alive;
  if (!values || !pAlive) throw new InputError('The feature table has no clv and p_alive columns although the run has clv.json; run the clv stage again.');
  const { threshold, leavingBelow, share } = clv.highValue;
  const flags = new Float64Array(table.rowCount);
  for (let i = 0; i < flags.length; i++) {
    const c = values[i]!;
    flags[i] = c !== c ? NaN : threshold !== null && c >= threshold && pAlive[i]! < leavingBelow ? 1 : 0;
  }
  return { flags, topShare: share, leavingBelow };
}

function valueSummary(clv: ClvFile, segments: ClvFile['segments'] & object): ValueSummary {
  return {
    model: clv.model,
    horizon: clv.horizon,
    discount: clv.discount,
    customers: clv.customers,
    repeatBuyers: clv.repeatBuyers,
    params: { ...clv.purchaseModel.params },
    correlation: clv.frequencyMonetaryCorrelation,
    correlationWarning: clv.correlationWarning !== null,
    totalClv: clv.totals.clv,
    highValue: { share: clv.highValue.share, leavingBelow: clv.highValue.leavingBelow },
    segments,
  };
}

function selectionCurves(cluster: ClusterResult): SelectionCurves | null {
  const sel = cluster.selection;
  if (!sel) return null;
  const c = sel.candidates;
  const values = c.map(candidateMetrics);
  return {
    ks: c.map((x) => x.k),
    metrics: Object.fromEntries(selectionMetrics().map((m) => [m, values.map((v) => v[m] ?? null)])) as SelectionCurves['metrics'],
    eligible: c.map((x) => x.eligible),
    recommendedK: sel.recommendedK,
    rule: sel.rule,
    // Runs written before these fields existed read as the rule they used then.
    ruleName: sel.ruleName ?? 'gap-first',
    reasons: sel.reasons,
    votes: sel.votes.map((v) => ({ criterion: v.criterion, k: v.k })),
    limits: { minShare: sel.limits.minShare, maxShare: sel.limits.maxShare ?? 1, maxSegments: sel.limits.maxSegments },
    structure: sel.structure ?? null,
  };
}

/** A candidate's measures; runs written before the criteria registry (selection schemaVersion 1) kept them as fields. */
function candidateMetrics(c: KCandidate): Partial<Record<SelectionMetric, number | null>> {
  if (c.metrics) return c.metrics;
  const legacy = c as unknown as Partial<Record<SelectionMetric, number | null>>;
  return Object.fromEntries(selectionMetrics().map((m) => [m, legacy[m] ?? null]));
}

function stabilitySummary(cluster: ClusterResult, shown: ReadonlySet<number>): StabilitySummary | null {
  const st = cluster.stability;
  if (!st) return null;
  return {
    resamples: st.B,
    meanJaccard: st.meanJaccard,
    meanAri: st.ari.mean,
    segments: st.clusters.filter((c) => shown.has(c.label)).map((c) => ({ id: c.label, meanJaccard: c.meanJaccard, verdict: c.verdict })),
  };
}

/** Customers of shown segments in 2-D, in the space the cluster stage clustered (k-prototypes has no numeric-only space to project honestly). */
function projectionSample(inputs: ReportInputs, shown: ReadonlySet<number>, maxPoints: number, prepare: () => PreparedClusterInput): ProjectionSample | null {
  if (inputs.cluster.algorithm === 'kprototypes') return null;
  return projectSample(prepare().X, inputs.cluster.labels, (label) => shown.has(label), maxPoints, inputs.config.seed);
}

function qualitySummary(q: QualityFacts): QualitySummary {
  return {
    tables: q.tables.map((t) => ({
      table: t.table,
      rows: t.rows,
      columns: t.columns.length,
      missing: t.columns
        .filter((c) => c.missing > 0)
        .sort((a, b) => b.missingShare - a.missingShare || a.name.localeCompare(b.name))
        .map((c) => ({ column: c.name, share: c.missingShare })),
      duplicateRows: t.duplicateRows?.count ?? null,
    })),
    warnings: q.loadWarnings.map((w) => w.message),
  };
}

/** The previous run a review compares with: who it is, its published sizes and names, and how its segments match this run's. */
interface ComparedRun {
  runId: string;
  asOf: string | null;
  sizes: PublishedSize[];
  /** Its named segments with this run's segment they match (the naming hook of buildPersonas). */
  names: PreviousSegmentName[];
  pairs: SegmentPair[];
}

/**
 * A previous run, matched to this one: its cluster.json centres moved into this run's prepared space and
 * paired with this run's centres (the cluster stage's matching, with this run's cluster.matchMaxDistance),
 * its published sizes and names from personas.json (suppression kept), else sizes from cluster.json.
 */
function comparedRun(path: string, field: PreviousRunField, inputs: ReportInputs, prep: PreparedClusterInput, locale: Locale): ComparedRun {
  const { run, matching: m } = matchRunSegments(path, field, prep, inputs.cluster.labels, inputs.config.cluster.matchMaxDistance);
  const pairs = m.matches.map((x) => ({ current: x.current, previous: x.previous }));
  const matchOf = new Map(pairs.map((p) => [p.previous, p.current]));
  const { runId, asOf, segments, personas: prev } = readPreviousPublication(run);
  if (prev) {
    const named = prev.segments.filter((s): s is Extract<typeof s, { suppressed: false }> => !s.suppressed && s.id >= 0);
    const carried = named.map((s) => carriedName({ name: s.name, archetype: s.archetype ?? null, customName: s.customName === true }, prev.locale ?? locale, locale));
    // A translated name may meet a team's name in the other language: then every name stays as published.
    const name = new Map(named.map((s, i) => [s.id, new Set(carried).size === carried.length ? carried[i]! : s.name]));
    return {
      runId,
      asOf,
      sizes: run.ids.map((id) => {
        const s = named.find((x) => x.id === id);
        return s ? { id, name: name.get(id)!, size: s.size, share: s.share } : { id, name: null, size: null, share: null };
      }),
      names: named.map((s) => ({ id: matchOf.get(s.id) ?? null, name: name.get(s.id)!, archetype: s.archetype ?? null })),
      pairs,
    };
  }
  return { runId, asOf, sizes: segments, names: [], pairs };
}

function sizeChanges(personas: PersonaResult, previous: ComparedRun, minGroupSize: number, matchMaxDistance: number): ReportData['changes'] {
  const current: PublishedSize[] = personas.segments
    .filter((s) => s.id >= 0)
    .map((s) => (s.suppressed ? { id: s.id, name: null, size: null, share: null } : { id: s.id, name: s.name, renamedFrom: s.renamedFrom ?? null, size: s.size, share: s.share }));
  // A previous cluster.json was never suppressed: apply this report's minimum size to it too.
  const prev = previous.sizes.map((s) => (s.size !== null && s.size < minGroupSize ? { ...s, name: null, size: null, share: null } : s));
  const previousIds = new Set(prev.map((s) => s.id));
  const paired = new Set(previous.pairs.map((p) => p.current));
  const idsKept = previous.pairs.every((p) => p.current === p.previous) && current.every((c) => paired.has(c.id) || !previousIds.has(c.id));
  return {
    previousRunId: previous.runId,
    previousAsOf: previous.asOf,
    alertThreshold: DEFAULT_ALERT_THRESHOLD,
    idsKept,
    matchMaxDistance,
    segments: compareSizes(current, prev, previous.pairs),
  };
}

/** The model's probability per feature-table row (NaN for a customer it did not score), as the personas' score. */
function predictedOutcome(p: RunPrediction, ids: readonly string[], locale: Locale, isRisk: boolean, named: Record<Locale, string> | undefined): NonNullable<PersonaInput['score']> {
  const at = new Map(p.ids.map((id, i) => [id, i]));
  const values = Float64Array.from(ids, (id) => {
    const i = at.get(id);
    return i === undefined ? NaN : p.probability[i]!;
  });
  const t = p.card.target;
  const what = (named ?? targetLabel(p.card))[locale];
  const label =
    t.kind === 'churn' ? (locale === 'fr' ? 'Risque de départ (modèle)' : 'Churn risk (model)')
    : isRisk ? (locale === 'fr' ? `Risque prédit (modèle) : ${what}` : `Predicted risk (model): ${what}`)
    : locale === 'fr' ? `Propension (modèle) : ${what}` : `Propensity (model): ${what}`;
  return { column: 'probability', label, higherIsBetter: !isRisk, values };
}
