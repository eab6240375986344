import { checkParam, UsageError } from '../core/errors';
import { Matrix } from '../core/Matrix';
import { silentProgress, type Progress } from '../core/progress';
import { Rng } from '../core/rng';
import type { ClusterModel } from './ClusterModel';
import { adjustedRandIndex } from './metrics/adjustedRandIndex';
import { checkClusterLabels, encodeClusterLabels } from './metrics/clusterLabels';
import type { ClusterEstimator } from './selectK';
import { validateClusterInput } from './validateClusterInput';

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

/** Makes the estimator for replicate r: 0 for the fit on all rows, 1..B for the bootstrap fits. Usually ignores r. */
export type ReplicateFactory<M extends ClusterModel = ClusterModel> = (replicate: number) => ClusterEstimator<M>;

export interface StabilityOptions {
  /** Bootstrap replicates (default 20). */
  B?: number;
  /** Seed of the resamples (default 0). */
  seed?: number;
  /** The clustering to assess, already fitted on X; default: factory(0).fit(X). */
  original?: ClusterModel;
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
 * replacement, refit with factory(b); for every original cluster C, the best Jaccard similarity
 * |C ∩ D| / |C ∪ D| over the bootstrap clusters D, counted on the drawn rows (a row drawn twice counts
 * twice, as in clusterboot). A cluster's stability is the mean over replicates; noise rows (-1) belong
 * to no cluster. Also the ARI between the original labels and each bootstrap model's predict(X).
 */
export function bootstrapStability<M extends ClusterModel>(X: Matrix, factory: ReplicateFactory<M>, options: StabilityOptions = {}): StabilityResult {
  const who = 'bootstrapStability';
  validateClusterInput(X, { who });
  checkParam(typeof factory === 'function', `${who} factory`, typeof factory, 'a function (replicate) => estimator with fit(X)');
  checkParam(options !== null && typeof options === 'object', `${who} options`, options, 'an object');
  const { B = 20, seed = 0, original, progress = silentProgress } = options;
  checkParam(Number.isInteger(B) && B >= 1, `${who} B`, B, 'an integer >= 1');
  checkParam(Number.isInteger(seed), `${who} seed`, seed, 'an integer');
  const n = X.rows;
  const d = X.cols;
  const fitWith = (r: number, data: Matrix): ClusterModel => {
    const estimator = factory(r);
    if (!estimator || typeof estimator.fit !== 'function') throw new UsageError(`${who}: factory(${r}) must return an estimator with a fit(X) method.`);
    return estimator.fit(data);
  };

  progress.start('bootstrap stability', B);
  const base = original ?? fitWith(0, X);
  const originalLabels = checkClusterLabels(base?.labels, n, who, original ? 'options.original.labels' : 'labels of factory(0).fit(X)');
  const enc = encodeClusterLabels(originalLabels);
  const k = enc.k;
  if (k === 0) throw new UsageError(`${who}: the original clustering has no cluster (every row is noise).`);

  const rng = Rng.derive(seed, 'bootstrap-stability');
  const jaccard: (number | null)[][] = Array.from({ length: k }, () => []);
  const ari: number[] = [];
  const drawn = new Int32Array(n);
  for (let b = 1; b <= B; b++) {
    const sample = new Float64Array(n * d);
    for (let t = 0; t < n; t++) {
      const i = rng.int(n);
      drawn[t] = i;
      sample.set(X.data.subarray(i * d, (i + 1) * d), t * d);
    }
    const model = fitWith(b, new Matrix(sample, n, d, X.columns));
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
