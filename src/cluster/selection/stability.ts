import { checkParam, typeName, usageError } from '../../core/errors';
import { checkSeed, DEFAULT_SEED } from '../../core/seedParam';
import { Matrix } from '../../core/Matrix';
import { silentProgress, type Progress } from '../../core/progress';
import { Rng } from '../../core/rng';
import { CategoricalMatrix, mixedMatrix, type MixedMatrix } from '../CategoricalMatrix';
import type { ClusterModel, FitOptions } from '../ClusterModel';
import { adjustedRandIndex } from '../metrics/adjustedRandIndex';
import { checkClusterLabels, encodeClusterLabels } from '../metrics/clusterLabels';
import { validateClusterInput } from '../validateClusterInput';

/** Saved stability results start with this; bump it when the shape changes. */
export const STABILITY_SCHEMA_VERSION = 1;

/**
 * Hennig (2007, 2008; fpc::clusterboot): mean Jaccard >= 0.75 marks a stable cluster, 0.6–0.75 a pattern
 * whose exact members are doubtful, below 0.6 a cluster not to be trusted, and <= 0.5 a dissolved one.
 * Per replicate, Jaccard <= 0.5 counts as a dissolution and > 0.75 as a recovery (clusterboot's defaults).
 */
export const STABILITY_THRESHOLDS = { stable: 0.75, patterns: 0.6, dissolved: 0.5 } as const;

export type StabilityVerdict = 'stable' | 'patterns' | 'doubtful' | 'dissolved' | 'unknown';

const VERDICT_TEXT: Record<StabilityVerdict, string> = {
  stable: 'stable (mean Jaccard >= 0.75): a valid cluster',
  patterns: 'indicates a pattern (mean Jaccard 0.6–0.75), but which customers belong to it is doubtful',
  doubtful: 'not to be trusted (mean Jaccard 0.5–0.6)',
  dissolved: 'dissolves under resampling (mean Jaccard < 0.5)',
  unknown: 'never drawn in a bootstrap sample',
};

/** What bootstrapStability resamples: a numeric Matrix, or a MixedMatrix (k-prototypes) whose two parts are resampled row for row. */
export type StabilityInput = Matrix | MixedMatrix;

/** An unfitted estimator for the input type (`In` = MixedMatrix for k-prototypes). */
export interface StabilityEstimator<M extends ClusterModel<In>, In extends StabilityInput = Matrix> {
  fit(X: In, options?: FitOptions): M;
}

/** Makes the estimator for k clusters, as selectK's factory: `(k) => new KMeans({ k, seed: 1 })`. */
export type StabilityFactory<M extends ClusterModel<In>, In extends StabilityInput = Matrix> = (k: number) => StabilityEstimator<M, In>;

export interface StabilityOptions<In extends StabilityInput = Matrix> {
  /** Number of clusters the factory is called with; default: options.original.k. One of the two is required. */
  k?: number;
  /** Bootstrap replicates (default 20). */
  B?: number;
  /** Seed of the resamples (default 0). */
  seed?: number;
  /** The clustering to assess, already fitted on X; default: factory(k).fit(X). */
  original?: ClusterModel<In>;
  progress?: Progress;
}

export interface ClusterStability {
  /** The cluster's label in the original clustering. */
  label: number;
  size: number;
  /** Mean over replicates of the best Jaccard similarity to a bootstrap cluster; null if never drawn. */
  meanJaccard: number | null;
  verdict: StabilityVerdict;
  /** One sentence for a report. */
  description: string;
  /** Replicates with Jaccard <= 0.5 / > 0.75. */
  dissolved: number;
  recovered: number;
  /** Best Jaccard per replicate (null when no row of the cluster was drawn). */
  jaccard: (number | null)[];
}

export interface StabilityResult {
  schemaVersion: typeof STABILITY_SCHEMA_VERSION;
  B: number;
  seed: number;
  rows: number;
  thresholds: typeof STABILITY_THRESHOLDS;
  clusters: ClusterStability[];
  /** Mean of the clusters' mean Jaccard. */
  meanJaccard: number;
  /** ARI between the original labels and each bootstrap model's predictions on all rows. */
  ari: { mean: number; sd: number; min: number; max: number; values: number[] };
}

function verdictOf(j: number | null): StabilityVerdict {
  if (j === null) return 'unknown';
  if (j >= STABILITY_THRESHOLDS.stable) return 'stable';
  if (j >= STABILITY_THRESHOLDS.patterns) return 'patterns';
  if (j >= STABILITY_THRESHOLDS.dissolved) return 'doubtful';
  return 'dissolved';
}

/**
 * Bootstrap stability of a clustering (Hennig's clusterboot). For b = 1..B: draw n rows with
 * replacement, refit with factory(k); for every original cluster C, the best Jaccard similarity
 * |C ∩ D| / |C ∪ D| over the bootstrap clusters D, counted on the drawn rows (a row drawn twice counts
 * twice, as in clusterboot). A cluster's stability is the mean over replicates; noise rows (-1) belong
 * to no cluster. Also the ARI between the original labels and each bootstrap model's predict(X).
 * X may be a MixedMatrix (k-prototypes): a drawn row takes its numeric and its categorical values.
 */
export function bootstrapStability<M extends ClusterModel<In>, In extends StabilityInput = Matrix>(
  X: In,
  factory: StabilityFactory<M, In>,
  options: StabilityOptions<In> = {},
): StabilityResult {
  const who = 'bootstrapStability';
  const numeric = X instanceof Matrix ? X : checkMixed(X, who).numeric;
  validateClusterInput(numeric, { who });
  checkParam(typeof factory === 'function', `${who} factory`, typeof factory, 'a function (k) => estimator with fit(X), as for selectK');
  checkParam(options !== null && typeof options === 'object', `${who} options`, options, 'an object');
  const { B = 20, seed = DEFAULT_SEED, original, progress = silentProgress } = options;
  checkParam(Number.isInteger(B) && B >= 1, `${who} B`, B, 'an integer >= 1');
  checkSeed(seed, `${who} seed`);
  const k0 = resolveK(options.k, original, who);
  const n = numeric.rows;
  const fitWith = (data: In): ClusterModel<In> => {
    const estimator = factory(k0);
    if (!estimator || typeof estimator.fit !== 'function') throw usageError(who, `factory(${k0}) must return an estimator with a fit(X) method`);
    return estimator.fit(data);
  };

  progress.start('bootstrap stability', B);
  const base = original ?? fitWith(X);
  const originalLabels = checkClusterLabels(base?.labels, n, who, original ? 'options.original.labels' : `labels of factory(${k0}).fit(X)`);
  const enc = encodeClusterLabels(originalLabels);
  const k = enc.k;
  if (k === 0) throw usageError(who, 'the original clustering has no cluster (every row is noise)');

  const rng = Rng.derive(seed, 'bootstrap-stability');
  const jaccard: (number | null)[][] = Array.from({ length: k }, () => []);
  const ari: number[] = [];
  const drawn = new Int32Array(n);
  for (let b = 1; b <= B; b++) {
    for (let t = 0; t < n; t++) drawn[t] = rng.int(n);
    const model = fitWith(resample(X, drawn));
    const bootLabels = checkClusterLabels(model?.labels, n, who, `labels of replicate ${b}`);
    const boot = encodeClusterLabels(bootLabels);
    // Counts on the drawn rows: original cluster × bootstrap cluster, and the totals of each.
    const kb = boot.k;
    const both = new Float64Array(k * kb);
    const inOriginal = new Float64Array(k);
    const inBoot = new Float64Array(kb);
    for (let t = 0; t < n; t++) {
      const o = enc.codes[drawn[t]!]!;
      const c = boot.codes[t]!;
      if (o >= 0) inOriginal[o]!++;
      if (c >= 0) inBoot[c]!++;
      if (o >= 0 && c >= 0) both[o * kb + c]!++;
    }
    for (let o = 0; o < k; o++) {
      if (inOriginal[o] === 0) {
        jaccard[o]!.push(null);
        continue;
      }
      let best = 0;
      for (let c = 0; c < kb; c++) {
        const inter = both[o * kb + c]!;
        const j = inter / (inOriginal[o]! + inBoot[c]! - inter);
        if (j > best) best = j;
      }
      jaccard[o]!.push(best);
    }
    ari.push(adjustedRandIndex(originalLabels, model.predict(X)));
    progress.update(b);
  }

  const clusters: ClusterStability[] = enc.ids.map((label, o) => {
    const seen = jaccard[o]!.filter((v): v is number => v !== null);
    const meanJaccard = seen.length ? seen.reduce((s, v) => s + v, 0) / seen.length : null;
    const verdict = verdictOf(meanJaccard);
    return {
      label,
      size: enc.sizes[o]!,
      meanJaccard,
      verdict,
      description: `cluster ${label}${meanJaccard === null ? '' : ` (mean Jaccard ${meanJaccard.toFixed(2)})`}: ${VERDICT_TEXT[verdict]}`,
      dissolved: seen.filter((v) => v <= STABILITY_THRESHOLDS.dissolved).length,
      recovered: seen.filter((v) => v > STABILITY_THRESHOLDS.stable).length,
      jaccard: jaccard[o]!,
    };
  });
  const known = clusters.filter((c) => c.meanJaccard !== null);
  const meanAri = ari.reduce((s, v) => s + v, 0) / B;
  const result: StabilityResult = {
    schemaVersion: STABILITY_SCHEMA_VERSION,
    B,
    seed,
    rows: n,
    thresholds: STABILITY_THRESHOLDS,
    clusters,
    meanJaccard: known.reduce((s, c) => s + c.meanJaccard!, 0) / Math.max(1, known.length),
    ari: {
      mean: meanAri,
      sd: Math.sqrt(ari.reduce((s, v) => s + (v - meanAri) * (v - meanAri), 0) / B),
      min: Math.min(...ari),
      max: Math.max(...ari),
      values: ari,
    },
  };
  progress.end(`mean Jaccard ${result.meanJaccard.toFixed(2)}, mean ARI ${meanAri.toFixed(2)}`);
  return result;
}

function checkMixed(X: unknown, who: string): MixedMatrix {
  if (X === null || typeof X !== 'object' || !('numeric' in X) || !('categorical' in X)) {
    throw usageError(who, `X must be a Matrix or a MixedMatrix { numeric, categorical } (got ${typeName(X)})`);
  }
  const { numeric, categorical } = X as MixedMatrix;
  return mixedMatrix(numeric, categorical, who);
}

/** The k the factory gets: options.k, else the original model's; both given must agree. */
function resolveK(k: number | undefined, original: ClusterModel<never> | undefined, who: string): number {
  if (k !== undefined) {
    checkParam(Number.isInteger(k) && k >= 1, `${who} k`, k, 'an integer >= 1');
    if (original && original.k !== k) {
      throw usageError(who, `options.k is ${k} but options.original has ${original.k} clusters; pass one of them, or the same number`);
    }
    return k;
  }
  if (original) {
    checkParam(Number.isInteger(original.k) && original.k >= 1, `${who} options.original.k`, original.k, 'an integer >= 1');
    return original.k;
  }
  throw usageError(who, 'pass options.k (the number of clusters the factory is called with, as selectK does) or options.original (a model fitted on X, whose k is used)');
}

/** Rows `drawn` of X; for a MixedMatrix both parts, row for row. */
function resample<In extends StabilityInput>(X: In, drawn: Int32Array): In {
  const n = drawn.length;
  const take = (src: Matrix): Matrix => {
    const d = src.cols;
    const out = new Float64Array(n * d);
    for (let t = 0; t < n; t++) out.set(src.data.subarray(drawn[t]! * d, drawn[t]! * d + d), t * d);
    return new Matrix(out, n, d, src.columns);
  };
  if (X instanceof Matrix) return take(X) as In;
  const { numeric, categorical: C } = X as MixedMatrix;
  const m = C.cols;
  const codes = new Int32Array(n * m);
  for (let t = 0; t < n; t++) codes.set(C.codes.subarray(drawn[t]! * m, drawn[t]! * m + m), t * m);
  // Same level lists: a level that no drawn row holds is simply unused.
  return { numeric: take(numeric), categorical: new CategoricalMatrix(codes, n, m, C.columns, C.levels) } as In;
}
