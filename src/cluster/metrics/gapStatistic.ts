import { checkParam, InputError, usageError } from '../../core/errors';
import { checkSeed, DEFAULT_SEED } from '../../core/seedParam';
import { Matrix } from '../../core/Matrix';
import { silentProgress, type Progress } from '../../core/progress';
import { Rng } from '../../core/rng';
import { validateClusterInput } from '../validateClusterInput';
import { checkClusterLabels, encodeClusterLabels } from './clusterLabels';
import { clusterCentroids, withinClusterSS } from './clusterDispersion';
import { symmetricEigen } from '../../core/symmetricEigen';

/** Clusters X into k groups and returns the labels (or a fitted model, whose labels are used). */
export type ClusterFn = (X: Matrix, k: number) => Int32Array | { readonly labels: Int32Array };

/**
 * Where the reference (null) data is drawn uniformly:
 * - 'pca': the box aligned with X's principal components (Tibshirani et al.'s second, recommended
 *   choice, and R's clusGap "scaledPCA"): it follows the data's shape, so correlated features do not
 *   inflate the box with empty corners;
 * - 'box': the bounding box of X's columns (the simple first choice).
 */
export type GapReference = 'pca' | 'box';

export interface GapOptions {
  /** B, reference data sets (default 10). */
  nRefs?: number;
  /** Seed of the reference data (default 0). */
  seed?: number;
  /** Default 'pca'. */
  reference?: GapReference;
  /** Labels already fitted on X for some k (model selection passes its fits so X is not clustered twice). */
  dataLabels?: ReadonlyMap<number, Int32Array>;
  progress?: Progress;
}

export interface GapRow {
  k: number;
  /** log W_k of X, W_k the pooled within-cluster sum of squares. */
  logW: number;
  /** Mean of log W_k over the reference data sets. */
  expectedLogW: number;
  /** gap(k) = expectedLogW − logW. */
  gap: number;
  /** Standard deviation of the reference log W_k (divisor B). */
  sd: number;
  /** s_k = sd_k · sqrt(1 + 1/B). */
  s: number;
}

export interface GapResult {
  reference: GapReference;
  nRefs: number;
  seed: number;
  rows: GapRow[];
  /** Smallest k with gap(k) >= gap(k+1) − s(k+1) over consecutive entries of ks, or null when none. */
  recommendedK: number | null;
  /** The rule, with the numbers that decided it. */
  explanation: string;
}

/**
 * Tibshirani's rule on rows sorted by k: the smallest k with gap(k) >= gap(k+1) − s(k+1), comparing
 * consecutive rows. Null when the gap keeps growing beyond its error bar up to the last k.
 */
export function gapRule(rows: readonly Pick<GapRow, 'k' | 'gap' | 's'>[]): { recommendedK: number | null; explanation: string } {
  for (let t = 0; t + 1 < rows.length; t++) {
    const a = rows[t]!;
    const b = rows[t + 1]!;
    if (a.gap >= b.gap - b.s) {
      return {
        recommendedK: a.k,
        explanation: `k=${a.k} is the smallest k with gap(k) >= gap(k+1) - s(k+1): ${a.gap.toFixed(4)} >= ${b.gap.toFixed(4)} - ${b.s.toFixed(4)} (k+1 = ${b.k}).`,
      };
    }
  }
  return {
    recommendedK: null,
    explanation: `no k satisfies gap(k) >= gap(k+1) - s(k+1) among k = ${rows.map((r) => r.k).join(', ')}: the gap still grows at the largest k; try larger k.`,
  };
}

/** Log of the within-cluster sum of squares of the given labelling (noise rows, if any, left out). */
function logDispersion(X: Matrix, labels: Int32Array, k: number, who: string): number {
  const enc = encodeClusterLabels(checkClusterLabels(labels, X.rows, who, `labels for k=${k}`));
  const { centroids } = clusterCentroids(X.data, X.rows, X.cols, enc.codes, enc.k);
  const w = withinClusterSS(X.data, X.rows, X.cols, enc.codes, centroids);
  if (!(w > 0)) {
    throw new InputError(`${who}: the within-cluster dispersion is 0 at k=${k} (every cluster holds identical rows); the gap statistic needs k below the number of distinct rows.`);
  }
  return Math.log(w);
}

function labelsOf(result: ReturnType<ClusterFn>, k: number, who: string): Int32Array {
  const labels = result instanceof Int32Array ? result : result?.labels;
  if (!(labels instanceof Int32Array)) throw usageError(who, `fitFn for k=${k} must return an Int32Array of labels or a model with labels`);
  return labels;
}

/** Draws reference data sets of X's shape, uniform over its (principal-component) box. */
function referenceSampler(X: Matrix, reference: GapReference): (rng: Rng) => Matrix {
  const { rows, cols, data } = X;
  const mean = new Float64Array(cols);
  for (let i = 0, p = 0; i < rows; i++, p += cols) for (let j = 0; j < cols; j++) mean[j]! += data[p + j]!;
  for (let j = 0; j < cols; j++) mean[j]! /= rows;
  // Rotation: identity for 'box', the covariance eigenvectors (columns of V) for 'pca'.
  let V: Float64Array | null = null;
  if (reference === 'pca') {
    const cov = new Float64Array(cols * cols);
    const centred = new Float64Array(cols);
    for (let i = 0, p = 0; i < rows; i++, p += cols) {
      for (let j = 0; j < cols; j++) centred[j] = data[p + j]! - mean[j]!;
      for (let a = 0; a < cols; a++) for (let b = a; b < cols; b++) cov[a * cols + b]! += centred[a]! * centred[b]!;
    }
    for (let a = 0; a < cols; a++) for (let b = 0; b < a; b++) cov[a * cols + b] = cov[b * cols + a]!;
    V = symmetricEigen(cov, cols).vectors;
  }
  const lo = new Float64Array(cols).fill(Infinity);
  const hi = new Float64Array(cols).fill(-Infinity);
  const z = new Float64Array(cols);
  for (let i = 0, p = 0; i < rows; i++, p += cols) {
    for (let j = 0; j < cols; j++) {
      let v: number;
      if (V) {
        v = 0;
        for (let t = 0; t < cols; t++) v += (data[p + t]! - mean[t]!) * V[t * cols + j]!;
      } else v = data[p + j]!;
      if (v < lo[j]!) lo[j] = v;
      if (v > hi[j]!) hi[j] = v;
    }
  }
  return (rng) => {
    const out = new Float64Array(rows * cols);
    for (let i = 0, p = 0; i < rows; i++, p += cols) {
      for (let j = 0; j < cols; j++) z[j] = rng.uniform(lo[j]!, hi[j]!);
      if (V) {
        // Back to the original axes: x = V z + mean.
        for (let j = 0; j < cols; j++) {
          let v = mean[j]!;
          for (let t = 0; t < cols; t++) v += V[j * cols + t]! * z[t]!;
          out[p + j] = v;
        }
      } else out.set(z, p);
    }
    return new Matrix(out, rows, cols, X.columns);
  };
}

/**
 * Gap statistic (Tibshirani, Walther & Hastie 2001). For each k: W_k = pooled within-cluster sum of
 * squares of fitFn's clustering of X; the same for B data sets drawn uniformly over X's reference box
 * (see GapReference); gap(k) = mean(log W*_k) − log W_k, sd_k their standard deviation,
 * s_k = sd_k·sqrt(1 + 1/B). Recommended k: the smallest k with gap(k) >= gap(k+1) − s(k+1).
 * k = 1 needs no fit (one cluster); every other k costs B + 1 fits.
 */
export function gapStatistic(X: Matrix, fitFn: ClusterFn, ks: readonly number[], options: GapOptions = {}): GapResult {
  const who = 'gapStatistic';
  validateClusterInput(X, { who });
  checkParam(typeof fitFn === 'function', `${who} fitFn`, typeof fitFn, 'a function (X, k) => labels');
  checkParam(Array.isArray(ks) && ks.length >= 2, `${who} ks`, ks, 'an array of at least 2 cluster counts');
  const { nRefs = 10, seed = DEFAULT_SEED, reference = 'pca', dataLabels, progress = silentProgress } = options;
  checkParam(Number.isInteger(nRefs) && nRefs >= 2, `${who} nRefs`, nRefs, 'an integer >= 2');
  checkSeed(seed, `${who} seed`);
  checkParam(reference === 'pca' || reference === 'box', `${who} reference`, reference, "'pca' or 'box'");
  const sorted = [...ks].sort((a, b) => a - b);
  sorted.forEach((k, i) => {
    checkParam(Number.isInteger(k) && k >= 1 && k < X.rows, `${who} ks[${i}]`, k, `an integer between 1 and ${X.rows - 1} (rows - 1)`);
    if (i > 0 && k === sorted[i - 1]) throw usageError(who, `ks lists k=${k} twice`);
  });

  const fit = (data: Matrix, k: number): Int32Array =>
    k === 1 ? new Int32Array(data.rows) : labelsOf(fitFn(data, k), k, who);
  // Progress counts fits: k = 1 and k given in dataLabels need none on X.
  const fitted = sorted.filter((k) => k > 1);
  const total = fitted.filter((k) => !dataLabels?.has(k)).length + fitted.length * nRefs;
  progress.start('gap statistic', total);
  let done = 0;
  const tick = (k: number): void => {
    if (k > 1) progress.update(++done);
  };

  const logW = sorted.map((k) => {
    const given = dataLabels?.get(k);
    const labels = given ?? fit(X, k);
    if (!given) tick(k);
    return logDispersion(X, labels, k, who);
  });

  const draw = referenceSampler(X, reference);
  const rng = Rng.derive(seed, 'gap-reference');
  const refLogW = sorted.map(() => new Float64Array(nRefs));
  for (let b = 0; b < nRefs; b++) {
    const Z = draw(rng);
    sorted.forEach((k, t) => {
      refLogW[t]![b] = logDispersion(Z, fit(Z, k), k, who);
      tick(k);
    });
  }

  const rows: GapRow[] = sorted.map((k, t) => {
    const ref = refLogW[t]!;
    let mean = 0;
    for (const v of ref) mean += v;
    mean /= nRefs;
    let ss = 0;
    for (const v of ref) ss += (v - mean) * (v - mean);
    const sd = Math.sqrt(ss / nRefs);
    return { k, logW: logW[t]!, expectedLogW: mean, gap: mean - logW[t]!, sd, s: sd * Math.sqrt(1 + 1 / nRefs) };
  });
  const { recommendedK, explanation } = gapRule(rows);
  progress.end(recommendedK === null ? 'no k recommended' : `k=${recommendedK}`);
  return { reference, nRefs, seed, rows, recommendedK, explanation };
}
