import { Matrix } from '../core/Matrix';
import { silentProgress, type Progress } from '../core/progress';
import { versions } from '../core/version';
import type { ClusterResult } from '../cluster/summary/ClusterResult';
import type { FeaturesFile } from '../features/featuresFileSchema';
import type { FeatureTable } from '../features/readFeatureTable';
import { LOCALES } from '../core/Locale';
import { bundleChecksum } from '../rules/bundleChecksum';
import { DEFAULT_GATE, runGate, type CoverageEvidence, type GateThresholds } from '../rules/bundleGate';
import { conditionFields, readsMissingAsInfinity, type FieldTypes } from '../rules/Condition';
import { bundleSlug, nextBundleVersion } from '../rules/export/bundleVersion';
import { handWrittenCondition } from '../rules/export/handWrittenCondition';
import { readRuleSpec } from '../rules/export/readRuleSpec';
import { ruleSizes } from '../rules/export/ruleSizes';
import { segmentSizeTable, type SegmentSizes } from '../rules/export/segmentSizeTable';
import type { FidelityReport } from '../rules/extract/fidelityReport';
import { surrogateRules, type SurrogateRulesResult } from '../rules/extract/surrogateRules';
import type { DecisionTreeModel } from '../rules/tree/DecisionTreeModel';
import { RULE_BUNDLE_SCHEMA_VERSION, type BundleField, type RuleBundle, type SegmentNames } from '../rules/RuleBundle';
import type { RuleSpec } from '../rules/ruleSpec';
import { bundleToSql } from '../rules/sql/bundleToSql';
import { SQL_DIALECTS } from '../rules/sql/SqlDialect';
import type { OutcomeConfig } from '../features/OutcomeConfig';
import { resolveOutcome } from '../features/resolveOutcome';

export interface ExportOptions {
  /** Hand-written rules (JSON or YAML) instead of rules extracted from the run's segments. */
  from?: string;
  gate?: Partial<GateThresholds>;
  /** Surrogate tree depth (default 4) and rounding tolerance (default 0.01 accuracy). */
  maxDepth?: number;
  tolerance?: number;
  /** Prefer the features that define the segments among splits within this share of the best Gini decrease (default 0.01). */
  distinctiveWithin?: number;
  progress?: Progress;
}

export type { SegmentSizes };

export interface ExportResult {
  bundle: RuleBundle;
  bundlePath: string;
  sqlPaths: string[];
  reportPath: string | null;
  fidelity: { holdout: FidelityReport; holdoutUnrounded: FidelityReport } | null;
  /** The surrogate tree (null for hand-written rules) and what threshold rounding changed. */
  tree: DecisionTreeModel | null;
  rounding: SurrogateRulesResult['rounding'];
  /** Per segment, cluster size next to rule size (segments bundles; empty for score bundles). */
  segments: SegmentSizes[];
  /** Customers no rule matches (they get the fallback; 0 for score bundles). */
  unmatched: number;
  /** The data's outcome, when the run has one: its label (English) and rate over every customer. */
  outcome: { label: string; rate: number } | null;
}

const AS_OF_SEMANTICS =
  'Every field is computed as of the scoring instant with the SQL in fields[].sql (asOf = that instant, windows end there); the run used source.asOf.';

/** What the rules are made from: a run's results, from its folder (exportRun) or from the run itself (the export stage). */
export interface ExportInputs {
  runId: string;
  seed: number;
  asOf: string;
  /** sha256 of the run's input files, in load order. */
  dataFingerprints: string[];
  /** The run config's outcome section (the only target column when absent). */
  outcome: OutcomeConfig | undefined;
  cluster: ClusterResult;
  features: FeaturesFile;
  table: FeatureTable;
  /**
   * Segment names in every language, as the review names them (personas built for each locale): never from
   * whatever personas.json holds, or a French report would put French names into production. Asked for
   * extracted rules only.
   */
  segmentNames(): Promise<Record<number, SegmentNames>>;
}

/** Where a bundle's files go: `rules/` of a run folder. */
export interface RulesOutput {
  /** Names of the files already in rules/ (a new bundle takes the next version, never overwrites one). */
  existing(): string[];
  /** Write rules/<file>; returns the path the file has in the finished run folder. */
  write(file: string, text: string, description: string): string;
}

/**
 * Turn a run's segments (or hand-written rules, `options.from`) into a versioned bundle: `<name>.vN.json` plus
 * one `<name>.vN.<dialect>.sql` per dialect and, for extracted rules, `<name>.vN.fidelity.json`. The bundle is
 * `validated` only when every check passes, otherwise `draft` with the reasons.
 */
export async function exportRules(inputs: ExportInputs, output: RulesOutput, options: ExportOptions = {}): Promise<ExportResult> {
  const progress = options.progress ?? silentProgress;
  const { cluster, features, table } = inputs;
  const gate = { ...DEFAULT_GATE, ...(options.gate ?? {}) };
  const types: FieldTypes = { ...Object.fromEntries(Object.keys(table.numeric).map((n) => [n, 'number' as const])), ...Object.fromEntries(Object.keys(table.categorical).map((n) => [n, 'string' as const])) };
  const units = Object.fromEntries(features.columns.filter((c) => c.unit).map((c) => [c.name, c.unit!]));
  // Fields in days read a missing value as "never happened", longer than any window (Condition.ts).
  const daysFields = Object.keys(types).filter((f) => readsMissingAsInfinity({ type: types[f]!, unit: units[f] }));

  let name: string;
  let segments: RuleBundle['segments'] = [];
  let fallback: RuleBundle['fallback'] = null;
  let score: RuleBundle['score'] = null;
  let fidelity: ExportResult['fidelity'] = null;
  let rounding: SurrogateRulesResult['rounding'] = null;
  let tree: DecisionTreeModel | null = null;
  const spec: RuleSpec | null = options.from ? readRuleSpec(options.from) : null;
  // Names in every language, from personas built for each locale: never from whatever personas.json
  // holds (a French report would otherwise put French names into production).
  const names = spec ? {} : await inputs.segmentNames();
  const nameOf = (id: number): SegmentNames => names[id] ?? (Object.fromEntries(LOCALES.map((l) => [l, `Segment ${id}`])) as SegmentNames);
  if (spec && options.from) {
    name = bundleSlug(spec.name);
    const file = options.from;
    const explicit = (condition: unknown, path: string) => handWrittenCondition(condition, types, daysFields, file, path);
    if (spec.kind === 'segments') {
      segments = spec.segments.map((s, i) => ({ ...s, condition: explicit(s.condition, `segments[${i}].condition`) }));
      fallback = spec.fallback;
    } else {
      score = { base: spec.base, rules: spec.rules.map((r, i) => ({ ...r, condition: explicit(r.condition, `rules[${i}].condition`) })) };
    }
  } else {
    name = 'segments';
    const featureNames = cluster.features.map((f) => f.name);
    const X = new Matrix(new Float64Array(table.rowCount * featureNames.length), table.rowCount, featureNames.length, featureNames);
    featureNames.forEach((f, j) => {
      const col = table.numeric[f]!;
      for (let i = 0; i < table.rowCount; i++) X.data[i * featureNames.length + j] = col[i]!;
    });
    progress.start('export: surrogate decision tree on the segment labels');
    const sur = surrogateRules(X, cluster.labels, {
      seed: inputs.seed,
      maxDepth: options.maxDepth,
      tolerance: options.tolerance,
      units,
      segmentNames: names,
      missingAsInfinity: featureNames.filter((f) => daysFields.includes(f)),
      distinctiveWithin: options.distinctiveWithin,
    });
    progress.end(`holdout fidelity ${(sur.fidelity.holdout.accuracy * 100).toFixed(1)}% (unrounded ${(sur.fidelity.holdoutUnrounded.accuracy * 100).toFixed(1)}%)`);
    for (const w of sur.segmentWeights) progress.note(`export: segment ${w.segment} won no leaf of the plain tree: weighted ×${w.weight} in the fit so that it gets a rule`);
    // A rule that can match nobody is never shipped (rounding already refuses to empty one): its segment
    // then has no rule, and the gate says so.
    for (const s of sur.rules.segments.filter((x) => x.condition === false)) progress.note(`export: segment ${s.id} "${s.names.en}": its rule can match nobody and was dropped`);
    segments = sur.rules.segments.filter((x) => x.condition !== false);
    fallback = sur.rules.fallback;
    fidelity = sur.fidelity;
    rounding = sur.rounding;
    tree = sur.model;
  }

  // Sizes and coverage under the rules, on every customer of the run (first matching rule wins).
  const rule = ruleSizes({ rowCount: table.rowCount, numeric: table.numeric, categorical: table.categorical }, { segments, fallback, score });
  const { sizes, matched } = rule;
  const used = [...new Set([...segments.flatMap((s) => conditionFields(s.condition)), ...(score?.rules ?? []).flatMap((r) => conditionFields(r.condition))])];
  const n = table.rowCount;
  const matchedShare = n ? matched / n : 0;
  const segmentNames = new Map(segments.map((s) => [s.id, s.names.en]));
  // Every segment of the clustering needs a rule (DBSCAN's noise, -1, is not a segment).
  const withRule = new Set(segments.map((s) => s.id));
  const withoutRule = spec
    ? []
    : cluster.segments.filter((c) => c.id >= 0 && !withRule.has(c.id)).map((c) => ({ id: c.id, name: nameOf(c.id).en, share: c.share }));
  const coverage: CoverageEvidence = score
    ? { kind: 'score', matched: matchedShare, base: score.base }
    : spec
      ? { kind: 'catch-all', matched: matchedShare, catchAll: { id: fallback!.id, name: fallback!.names.en } }
      : { kind: 'segments', matched: matchedShare, fallback: fallback ? { id: fallback.id, name: fallback.names.en } : null };
  const validation = runGate(
    {
      fidelity: fidelity ? fidelity.holdout.accuracy : null,
      sizes: score ? new Map() : sizes,
      segmentNames,
      withoutRule,
      coverage,
      stability: spec ? 'n/a' : (cluster.stability?.meanJaccard ?? null),
    },
    gate,
  );

  const definitions = new Map(features.features.map((f) => [f.name, f]));
  // The unit the conditions were written with (a field in days reads missing as never): engines read it back.
  // A column without a SQL definition (the clv stage's) is described by its column entry.
  const columnDescriptions = new Map(features.columns.map((c) => [c.name, c.description]));
  const fields: BundleField[] = used.map((f) => ({ name: f, type: types[f]!, description: definitions.get(f)?.description ?? columnDescriptions.get(f) ?? f, unit: units[f] ?? definitions.get(f)?.unit ?? null, sql: definitions.get(f)?.sql ?? null }));
  const version = nextBundleVersion(output.existing(), name);
  const draft: Omit<RuleBundle, 'checksum'> = {
    schemaVersion: RULE_BUNDLE_SCHEMA_VERSION,
    kind: spec?.kind ?? 'segments',
    name,
    bundleVersion: version,
    source: { runId: inputs.runId, dataFingerprints: inputs.dataFingerprints, asOf: inputs.asOf, asOfSemantics: AS_OF_SEMANTICS, seglabVersion: versions().seglab ?? 'unknown', seed: inputs.seed },
    fields,
    segments,
    fallback,
    score,
    validation,
  };
  const bundle: RuleBundle = { ...draft, checksum: bundleChecksum(draft) };
  const base = `${name}.v${version}`;
  const bundlePath = output.write(`${base}.json`, JSON.stringify(bundle, null, 2) + '\n', `Rule bundle ${name} v${version} (JSON Logic, ${validation.status}): what production runs.`);
  const sqlPaths = SQL_DIALECTS.map((d) => output.write(`${base}.${d}.sql`, bundleToSql(bundle, d, { table: 'features' }), `Rule bundle ${name} v${version} as ${d} SQL.`));
  const share = (v: number): number => (n ? v / n : 0);
  // The data's outcome beside each population: what the rules would hand production, segment by segment.
  const outcome = resolveOutcome(table, features.columns, inputs.outcome);
  const sizeTable = segmentSizeTable({
    rowCount: n,
    bundle: { segments, fallback, score },
    sizes: rule,
    clustering: spec ? null : { segments: cluster.segments, labels: cluster.labels, names: nameOf, holdout: fidelity?.holdout.perSegment ?? [] },
    outcome: outcome ? outcome.values : null,
  });
  const unmatched = score ? 0 : n - matched;
  let reportPath: string | null = null;
  if (fidelity) {
    const fidelityFile = `${base}.fidelity.json`;
    const report = {
      bundle: { name, version },
      customers: n,
      outcome: outcome ? { column: outcome.column, label: outcome.label, higherIsBetter: outcome.higherIsBetter, rate: outcome.rate } : null,
      segments: sizeTable,
      unmatched: { customers: unmatched, share: share(unmatched), fallback: fallback?.id ?? null },
      holdout: fidelity.holdout,
      holdoutUnrounded: fidelity.holdoutUnrounded,
      rounding,
    };
    reportPath = output.write(fidelityFile, JSON.stringify(report, null, 2) + '\n', `Rule bundle ${name} v${version}: cluster and rule sizes per segment, holdout fidelity, rounding.`);
  }
  progress.note(`export: ${name} v${version} ${validation.status}${validation.reasons.length ? ` — ${validation.reasons.join('; ')}` : ''}`);
  return { bundle, bundlePath, sqlPaths, reportPath, fidelity, tree, rounding, segments: sizeTable, unmatched, outcome: outcome ? { label: outcome.label.en, rate: outcome.rate } : null };
}
