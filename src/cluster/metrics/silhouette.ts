import { checkParam, InputError } from '../../core/errors';
import { checkSeed, DEFAULT_SEED } from '../../core/seedParam';
import type { Matrix } from '../../core/Matrix';
import { Rng } from '../../core/rng';
import { validateClusterInput } from '../validateClusterInput';
import { checkClusterCount, checkClusterLabels, encodeClusterLabels, type LabelsInput } from './clusterLabels';
import { sampleStratified, sampleUniform } from './sampleRows';
import { silhouetteValues, silhouetteValuesMany } from './silhouetteCore';

/** Up to this many (non-noise) rows the silhouette is exact by default; beyond, a sample of this size. */
export const SILHOUETTE_EXACT_MAX_ROWS = 10_000;
/** Default seed of the silhouette sample. */
export const SILHOUETTE_DEFAULT_SEED = DEFAULT_SEED;

export interface SilhouetteOptions {
  /**
   * Rows to score. Default: every row up to SILHOUETTE_EXACT_MAX_ROWS (10,000) non-noise rows, otherwise a
   * seeded sample of 10,000 (as scikit-learn's sample_size: the silhouette of the sample computed within
   * the sample). A sampleSize >= the number of rows means exact; time grows with its square.
   */
  sampleSize?: number;
  /** Seed of the sample (default 0). */
  seed?: number;
  /** Sample each cluster in proportion to its size, at least 2 rows each (default false: uniform over rows). */
  stratify?: boolean;
}

/** Silhouette of the rows of one cluster that were scored. */
export interface SilhouetteClusterSummary {
  /** The cluster's label as given. */
  label: number;
  /** Rows of this cluster that were scored (all of them when exact). */
  rows: number;
  mean: number;
  min: number;
  max: number;
  /** Share of these rows with a negative silhouette (closer to another cluster than to their own). */
  negativeShare: number;
}

export interface SilhouetteResult {
  /** Mean silhouette over the scored rows, in [-1, 1]. */
  score: number;
  /** 'exact': every non-noise row; 'sampled': a seeded sample of them. */
  method: 'exact' | 'sampled';
  rowsScored: number;
  rowsTotal: number;
  /** Rows labelled -1 (noise), left out as scikit-learn users do with `labels != -1`. */
  noiseRows: number;
  /** Sample size, seed and stratification when sampled; null / false when exact. */
  sampleSize: number | null;
  seed: number | null;
  stratified: boolean;
  /** Per cluster, ascending label. */
  clusters: SilhouetteClusterSummary[];
}

/** Per-row silhouettes (for a silhouette plot) and the summary. */
export interface SilhouetteSamples {
  summary: SilhouetteResult;
  /** Row indices into X that were scored, ascending. */
  rows: Int32Array;
  /** Label of each scored row. */
  labels: Int32Array;
  /** Silhouette of each scored row. */
  values: Float64Array;
}

/**
 * Mean silhouette coefficient (Rousseeuw 1987) with Euclidean distance. Exact up to 10,000 rows,
 * computed in row tiles with O(n·k) memory; sampled beyond (see SilhouetteOptions). Noise rows (-1)
 * are excluded. The result says which was done.
 */
export function silhouetteScore(X: Matrix, labels: LabelsInput, options: SilhouetteOptions = {}): SilhouetteResult {
  return silhouetteSamples(X, labels, options).summary;
}

/** Silhouette of every scored row; same rules and options as silhouetteScore. */
export function silhouetteSamples(X: Matrix, labels: LabelsInput, options: SilhouetteOptions = {}): SilhouetteSamples {
  const who = 'silhouette';
  validateClusterInput(X, { who, allowConstantColumns: true });
  const settings = checkOptions(options, who);
  const scored = scoredRows(X, labels, settings, who);
  return finish(X, scored, settings, silhouetteValues(scored.Y, scored.rows.length, X.cols, scored.codes, scored.kept.length, scored.sizes));
}

/**
 * The silhouette of several labelings of X (the fits of a k sweep), each the same as silhouetteScore
 * would give it. When every labeling scores the same rows (no noise, and not stratified, so the seeded
 * sample does not depend on the labels) the pairwise distances are computed once for all of them;
 * `onProgress` is then told the rows done of the one pass.
 */
export function silhouetteScores(
  X: Matrix,
  labelings: readonly LabelsInput[],
  options: SilhouetteOptions = {},
  onProgress?: (rowsDone: number, rowsTotal: number) => void,
): SilhouetteResult[] {
  const who = 'silhouette';
  validateClusterInput(X, { who, allowConstantColumns: true });
  checkParam(Array.isArray(labelings), `${who} labelings`, typeof labelings, 'an array of label arrays');
  const settings = checkOptions(options, who);
  const scored = labelings.map((labels) => scoredRows(X, labels, settings, who));
  const first = scored[0];
  const shared = first !== undefined && scored.every((s) => sameRows(s.rows, first.rows));
  if (!shared) return scored.map((s) => finish(X, s, settings, silhouetteValues(s.Y, s.rows.length, X.cols, s.codes, s.kept.length, s.sizes)).summary);
  const m = first.rows.length;
  const values = silhouetteValuesMany(
    first.Y,
    m,
    X.cols,
    scored.map((s) => s.codes),
    scored.map((s) => s.kept.length),
    scored.map((s) => s.sizes),
    onProgress && ((done) => onProgress(done, m)),
  );
  return scored.map((s, l) => finish(X, s, settings, values[l]!).summary);
}

interface SilhouetteSettings {
  size: number;
  seed: number;
  stratify: boolean;
}

function checkOptions(options: SilhouetteOptions, who: string): SilhouetteSettings {
  checkParam(options !== null && typeof options === 'object', `${who} options`, options, 'an object');
  const { sampleSize, seed = SILHOUETTE_DEFAULT_SEED, stratify = false } = options;
  checkParam(sampleSize === undefined || (Number.isInteger(sampleSize) && sampleSize >= 2), `${who} sampleSize`, sampleSize, 'an integer >= 2');
  checkSeed(seed, `${who} seed`);
  checkParam(typeof stratify === 'boolean', `${who} stratify`, stratify, 'true or false');
  return { size: sampleSize ?? SILHOUETTE_EXACT_MAX_ROWS, seed, stratify };
}

/** The rows one labeling scores, gathered contiguously (Y), with their clusters re-coded 0..kept-1. */
interface ScoredRows {
  enc: ReturnType<typeof encodeClusterLabels>;
  sampled: boolean;
  rows: Int32Array;
  Y: Float64Array;
  codes: Int32Array;
  /** The clusters (enc codes) present among the scored rows. */
  kept: number[];
  sizes: Int32Array;
}

function scoredRows(X: Matrix, labels: LabelsInput, { size, seed, stratify }: SilhouetteSettings, who: string): ScoredRows {
  const checked = checkClusterLabels(labels, X.rows, who);
  const enc = encodeClusterLabels(checked);
  const nonNoise = X.rows - enc.noise;
  checkClusterCount(enc.k, nonNoise, who, enc.noise);

  const sampled = size < nonNoise;
  let rows: Int32Array;
  if (!sampled && enc.noise === 0) {
    rows = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) rows[i] = i;
  } else {
    const candidates = new Int32Array(nonNoise);
    for (let i = 0, t = 0; i < X.rows; i++) if (enc.codes[i]! >= 0) candidates[t++] = i;
    if (!sampled) rows = candidates;
    else {
      const rng = Rng.derive(seed, 'silhouette-sample');
      rows = stratify ? sampleStratified(candidates, enc.codes, enc.k, size, rng, who) : sampleUniform(candidates, size, rng);
    }
  }

  // Gather the scored rows contiguously and re-code the clusters present among them.
  const m = rows.length;
  const d = X.cols;
  const full = m === X.rows;
  const Y = full ? X.data : new Float64Array(m * d);
  const codes = new Int32Array(m);
  const present = new Int32Array(enc.k);
  for (let t = 0; t < m; t++) {
    const i = rows[t]!;
    if (!full) Y.set(X.data.subarray(i * d, (i + 1) * d), t * d);
    const c = enc.codes[i]!;
    codes[t] = c;
    present[c]!++;
  }
  const kept = enc.ids.map((_, c) => c).filter((c) => present[c]! > 0);
  if (kept.length < 2) {
    throw new InputError(
      `${who}: the sample of ${m} rows holds only ${kept.length} cluster; pass a larger sampleSize or stratify: true.`,
    );
  }
  const compact = new Int32Array(enc.k).fill(-1);
  kept.forEach((c, r) => (compact[c] = r));
  const sizes = new Int32Array(kept.length);
  for (let t = 0; t < m; t++) {
    const r = compact[codes[t]!]!;
    codes[t] = r;
    sizes[r]!++;
  }
  return { enc, sampled, rows, Y, codes, kept, sizes };
}

function sameRows(a: Int32Array, b: Int32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The summary (and per-row output) of one labeling from its rows' silhouette values. */
function finish(X: Matrix, scored: ScoredRows, { size, seed, stratify }: SilhouetteSettings, values: Float64Array): SilhouetteSamples {
  const { enc, sampled, rows, codes, kept, sizes } = scored;
  const m = rows.length;
  const sum = new Float64Array(kept.length);
  const min = new Float64Array(kept.length).fill(Infinity);
  const max = new Float64Array(kept.length).fill(-Infinity);
  const negative = new Float64Array(kept.length);
  let total = 0;
  const outLabels = new Int32Array(m);
  for (let t = 0; t < m; t++) {
    const r = codes[t]!;
    const v = values[t]!;
    total += v;
    sum[r]! += v;
    if (v < min[r]!) min[r] = v;
    if (v > max[r]!) max[r] = v;
    if (v < 0) negative[r]!++;
    outLabels[t] = enc.ids[kept[r]!]!;
  }
  const summary: SilhouetteResult = {
    score: total / m,
    method: sampled ? 'sampled' : 'exact',
    rowsScored: m,
    rowsTotal: X.rows,
    noiseRows: enc.noise,
    sampleSize: sampled ? size : null,
    seed: sampled ? seed : null,
    stratified: sampled && stratify,
    clusters: kept.map((c, r) => ({
      label: enc.ids[c]!,
      rows: sizes[r]!,
      mean: sum[r]! / sizes[r]!,
      min: min[r]!,
      max: max[r]!,
      negativeShare: negative[r]! / sizes[r]!,
    })),
  };
  return { summary, rows, labels: outLabels, values };
}
