import { inputError } from '../core/errors';
import { Matrix } from '../core/Matrix';
import { assertUnreachable } from '../core/assertUnreachable';
import { DEFAULT_CLUSTER_FEATURES, NEVER_CLUSTER_ON } from './defaultClusterFeatures';
import type { FeatureColumn, FeatureUnit } from './FeatureDefinition';
import type { FeatureTable } from './readFeatureTable';
import type { FittedNumericTransformer, TransformerJSON } from './transformers/Transformer';
import { Log1pTransformer } from './transformers/Log1pTransformer';
import { RobustScaler } from './transformers/RobustScaler';
import { SimpleImputer } from './transformers/SimpleImputer';
import { StandardScaler } from './transformers/StandardScaler';
import type { ImputeStrategy } from './transformers/ImputeStrategy';

/** Units whose values are amounts with long right tails: log1p (signed when negative values occur) evens them out. */
const LOG_UNITS: ReadonlySet<FeatureUnit> = new Set(['days', 'orders', 'items', 'sessions', 'events', 'currency', 'currency per order', 'items per order']);

/**
 * How the clustering input is chosen and prepared: the `cluster:` keys of the run config that concern the
 * input (a ClusterConfig is one). Declared here so that the features layer does not import the pipeline.
 */
export interface ClusterInputSettings {
  /** Numeric feature columns; default: DEFAULT_CLUSTER_FEATURES that the table has. */
  features?: readonly string[];
  /** Text columns (k-prototypes). */
  categorical: readonly string[];
  /** Missing values per column; default by unit (defaultImpute). */
  impute: Readonly<Record<string, ImputeStrategy>>;
  log1p: 'auto' | 'none' | readonly string[];
  scale: 'standard' | 'robust' | 'none';
}

/** One column of the clustering input and how it was prepared (cluster.json's `features`). */
export interface PreparedColumn {
  name: string;
  unit: FeatureUnit | null;
  /** Customers without a value (filled by `impute`). */
  missing: number;
  impute: ImputeStrategy | null;
  log1p: boolean;
  /** The column has negative values (net spend after returns), so it got sign(x)·log(1 + |x|) instead of log(1 + x). */
  signedLog: boolean;
}

/** The clustering input and the fitted steps that produced it, so centroids can go back to original units. */
export interface PreparedClusterInput {
  ids: string[];
  /** Numeric features after imputation, log1p and scaling: what the algorithm sees. */
  X: Matrix;
  /** The same columns in original units, NaN where the feature is undefined (for profiles). */
  raw: Matrix;
  /**
   * Categorical columns (k-prototypes only) as text, row for row with X (null: missing); the clustering
   * encodes them (CategoricalMatrix), so this layer does not import the cluster layer.
   */
  categorical: Readonly<Record<string, readonly (string | null)[]>> | null;
  /** Fitted steps in order (imputers, log1p, scaler) as saved JSON. */
  steps: TransformerJSON[];
  /** How each numeric column was prepared, for readers of cluster.json. */
  columns: PreparedColumn[];
  /** Things the user should know (defaults taken, columns dropped). */
  notes: string[];
  /** Map rows in the prepared space (e.g. centroids) back to original units. */
  toOriginal(M: Matrix): Matrix;
  /** Map rows in original units into the prepared space (e.g. a previous run's centroids). */
  toPrepared(M: Matrix): Matrix;
}

/**
 * Choose and prepare the clustering features of a feature table: the configured (or default) numeric
 * columns, missing values filled ("days since" → the largest value seen, others → 0 unless configured),
 * log1p on non-negative counts, days and money, then scaling. Every step is a fitted transformer.
 */
export function prepareClusterInput(table: FeatureTable, featureColumns: readonly FeatureColumn[], cfg: ClusterInputSettings): PreparedClusterInput {
  const notes: string[] = [];
  const units = new Map(featureColumns.map((c) => [c.name, c.unit ?? null]));
  // The data's outcome (churn, subscription) is what segments are judged by, never what they are made of.
  const outcomes = new Set(featureColumns.filter((c) => c.role === 'outcome').map((c) => c.name));
  const named = [...(cfg.features ?? []), ...cfg.categorical].filter((f) => outcomes.has(f));
  if (named.length) {
    throw inputError({ summary: 'The outcome column cannot be a clustering feature.', check: 'outcome-feature', what: `${named.map((f) => `"${f}"`).join(', ')} is the data's outcome (role target): clustering on it would build the segments from the answer they are meant to explain`, where: { field: cfg.features?.some((f) => outcomes.has(f)) ? 'cluster.features' : 'cluster.categorical' }, fix: 'remove it from the clustering features; its rate per segment is shown in the review' });
  }
  const numericNames = Object.keys(table.numeric).filter((n) => !outcomes.has(n));
  let names: string[];
  if (cfg.features) {
    const unknown = cfg.features.filter((f) => !numericNames.includes(f));
    if (unknown.length) {
      const hint = unknown.some((f) => f in table.categorical) ? 'text columns go in cluster.categorical (k-prototypes)' : `numeric columns of this feature table: ${numericNames.join(', ')}`;
      throw inputError({ summary: 'cluster.features names columns the feature table does not have as numbers.', check: 'unknown-feature', what: `not a numeric feature: ${unknown.map((f) => `"${f}"`).join(', ')}`, where: { field: 'cluster.features' }, fix: hint });
    }
    names = [...cfg.features];
  } else {
    names = DEFAULT_CLUSTER_FEATURES.filter((f) => numericNames.includes(f));
    if (names.length < 2) {
      // No behaviour data (e.g. a customers-only table such as Telco): every numeric feature but derived scores.
      names = numericNames.filter((n) => !(NEVER_CLUSTER_ON as readonly string[]).includes(n));
      notes.push(`cluster.features not set and the default behaviour features are missing: clustering on every numeric feature (${names.join(', ')}).`);
    } else {
      const missing = DEFAULT_CLUSTER_FEATURES.filter((f) => !numericNames.includes(f));
      notes.push(`cluster.features not set: default features ${names.join(', ')}${missing.length ? ` (not in this feature table: ${missing.join(', ')})` : ''}.`);
    }
    // Defaults drop what carries no information instead of failing; named features keep the strict check.
    const constant = names.filter((n) => isConstant(table.numeric[n]!));
    if (constant.length) {
      names = names.filter((n) => !constant.includes(n));
      notes.push(`dropped constant or empty feature(s): ${constant.join(', ')}.`);
    }
  }
  if (names.length === 0) {
    throw inputError({ summary: 'No numeric feature to cluster on.', check: 'no-features', what: 'the feature table has no usable numeric column', where: { field: 'cluster.features' }, fix: 'list numeric feature columns in cluster.features' });
  }

  const n = table.rowCount;
  const raw = Matrix.fromColumns(Object.fromEntries(names.map((c) => [c, table.numeric[c]!])));
  const steps: FittedNumericTransformer[] = [];
  const columns: PreparedClusterInput['columns'] = [];
  const byStrategy = new Map<ImputeStrategy, string[]>();
  for (const name of names) {
    const col = table.numeric[name]!;
    let missing = 0;
    for (let i = 0; i < n; i++) if (Number.isNaN(col[i]!)) missing++;
    const unit = units.get(name) ?? null;
    const strategy: ImputeStrategy | null = missing === 0 ? null : (cfg.impute[name] ?? defaultImpute(unit));
    if (strategy) byStrategy.set(strategy, [...(byStrategy.get(strategy) ?? []), name]);
    columns.push({ name, unit, missing, impute: strategy, log1p: false, signedLog: false });
  }
  let X = raw;
  for (const [strategy, cols] of byStrategy) {
    const model = new SimpleImputer({ strategy, columns: cols, fillValue: 0 }).fit(X);
    X = model.transform(X);
    steps.push(model);
  }
  const logCols = chooseLogColumns(columns, cfg.log1p, X);
  // A column with negative values (net spend after returns) cannot take log(1 + x) (undefined at -1 and below,
  // stretched just above): it gets the signed log sign(x)·log(1 + |x|), the same curve for positive values
  // that keeps the few negatives in order.
  const signedCols = logCols.filter((c) => countBelowZero(X, X.columns.indexOf(c)) > 0);
  for (const c of columns) {
    c.log1p = logCols.includes(c.name);
    c.signedLog = signedCols.includes(c.name);
  }
  const plainCols = logCols.filter((c) => !signedCols.includes(c));
  for (const [cols, signed] of [[plainCols, false], [signedCols, true]] as const) {
    if (!cols.length) continue;
    const model = new Log1pTransformer({ columns: cols, signed }).fit(X);
    X = model.transform(X);
    steps.push(model);
  }
  if (signedCols.length) {
    const counts = signedCols.map((c) => `${c} (${countBelowZero(raw, raw.columns.indexOf(c))} customers below 0)`);
    notes.push(`signed log sign(x)·log(1 + |x|) instead of log1p for column(s) with negative values: ${counts.join(', ')}.`);
  }
  // 0/1 flags stay 0/1: standardised, a rare flag becomes a huge coordinate (1 / sd of a 2% flag is about 7)
  // that outweighs every other feature, so k-means cuts it off at every k (Bank Marketing's `default`, 1.8%
  // of clients, was a segment of its own at every k from 3 to 12). As 0/1 a flag counts at most 1.
  const flags = X.columns.filter((_, j) => isZeroOne(X, j));
  const scaled = X.columns.filter((c) => !flags.includes(c));
  if (flags.length) notes.push(`0/1 flag(s) kept as 0/1, not scaled: ${flags.join(', ')}.`);
  const scaler = scaled.length ? scalerFor(cfg.scale, scaled) : null;
  if (scaler) {
    const model = scaler.fit(X);
    X = model.transform(X);
    steps.push(model);
  }

  // Inverse steps skip imputers: a filled value has no "original" to go back to.
  const invertible = steps.filter((s) => s.kind !== 'SimpleImputer') as (FittedNumericTransformer & { inverseTransform(M: Matrix): Matrix })[];
  const categorical = cfg.categorical.length ? categoricalColumns(table, cfg.categorical) : null;
  return {
    ids: table.ids,
    X,
    raw,
    categorical,
    steps: steps.map((s) => s.toJSON()),
    columns,
    notes,
    toOriginal: (M) => invertible.reduceRight((acc, s) => s.inverseTransform(acc), M),
    toPrepared: (M) => invertible.reduce((acc, s) => s.transform(acc), M),
  };
}

/**
 * A NULL feature means "not defined" (no order, no cart, no e-mail). Days since an event: longer than
 * anyone seen; shares and rates: 0 (no discount, no abandoned cart, no open); anything else (e.g. the
 * average basket of a customer without orders): the median, which pulls such customers neither towards
 * small nor towards big spenders (0 made non-buyers a segment of their own on the synthetic sample).
 */
function defaultImpute(unit: FeatureUnit | null): ImputeStrategy {
  if (unit === 'days') return 'max';
  if (unit === 'share' || unit === 'ratio') return 'constant';
  return 'median';
}

function isConstant(col: Float64Array): boolean {
  let first = NaN;
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return true;
}

/** Values below 0 in column j (missing values never count). */
function countBelowZero(X: Matrix, j: number): number {
  let n = 0;
  for (let i = 0; i < X.rows; i++) if (X.data[i * X.cols + j]! < 0) n++;
  return n;
}

/**
 * Skewness above which an attribute of unknown unit (a passed-through customer column such as a balance or a
 * count of contacts) gets the (signed) log as well: a long right tail puts a few customers so far out that
 * k-means spends segments on them (Bank Marketing's balance, skewness 8, gave one-customer segments).
 */
export const LOG_SKEWNESS = 2;

function chooseLogColumns(columns: PreparedClusterInput['columns'], setting: ClusterInputSettings['log1p'], X: Matrix): string[] {
  if (setting === 'none') return [];
  if (setting !== 'auto') {
    const unknown = setting.filter((c) => !columns.some((x) => x.name === c));
    if (unknown.length) {
      throw inputError({ summary: 'cluster.log1p names columns that are not clustering features.', check: 'unknown-feature', what: unknown.map((c) => `"${c}"`).join(', '), where: { field: 'cluster.log1p' }, fix: `clustering features: ${columns.map((c) => c.name).join(', ')}` });
    }
    return [...setting];
  }
  return columns
    .filter((c, j) => (c.unit !== null && LOG_UNITS.has(c.unit)) || ((c.unit === null || c.unit === 'value') && !isZeroOne(X, j) && Math.abs(skewness(X, j)) > LOG_SKEWNESS))
    .map((c) => c.name);
}

/** Sample skewness (Fisher-Pearson, population moments) of column j; 0 for a constant column. */
function skewness(X: Matrix, j: number): number {
  const n = X.rows;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += X.data[i * X.cols + j]!;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = X.data[i * X.cols + j]! - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}

/** Every value of column j is 0 or 1 (after imputation), and both occur. */
function isZeroOne(X: Matrix, j: number): boolean {
  let zeros = 0;
  let ones = 0;
  for (let i = 0; i < X.rows; i++) {
    const v = X.data[i * X.cols + j]!;
    if (v === 0) zeros++;
    else if (v === 1) ones++;
    else return false;
  }
  return zeros > 0 && ones > 0;
}

function scalerFor(scale: ClusterInputSettings['scale'], columns: readonly string[]): StandardScaler | RobustScaler | null {
  switch (scale) {
    case 'standard':
      return new StandardScaler({ columns });
    case 'robust':
      return new RobustScaler({ columns });
    case 'none':
      return null;
    default:
      return assertUnreachable(scale, 'cluster.scale');
  }
}

function categoricalColumns(table: FeatureTable, names: readonly string[]): Record<string, readonly (string | null)[]> {
  const unknown = names.filter((c) => !(c in table.categorical));
  if (unknown.length) {
    throw inputError({ summary: 'cluster.categorical names columns the feature table does not have as text.', check: 'unknown-feature', what: unknown.map((c) => `"${c}"`).join(', '), where: { field: 'cluster.categorical' }, fix: `text columns of this feature table: ${Object.keys(table.categorical).join(', ') || '(none)'}` });
  }
  return Object.fromEntries(names.map((c) => [c, table.categorical[c]!]));
}
