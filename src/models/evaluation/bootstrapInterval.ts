import { checkParam } from '../../core/errors';
import { Rng } from '../../core/rng';
import { checkSeed, DEFAULT_SEED } from '../../core/seedParam';
import type { BinaryLabels } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights, type Scores } from './binaryInput';
import { descendingOrder } from './descendingOrder';
import { METRIC_NAMES, metricSpec, type MetricCore, type MetricName } from './evaluationMetrics';

export interface BootstrapOptions {
  /** Resamples (default 1000). */
  resamples?: number;
  /** Coverage of the percentile interval (default 0.95). */
  level?: number;
  seed?: number;
  sampleWeight?: SampleWeights;
}

export interface ConfidenceInterval {
  /** The metric on the data as given. */
  estimate: number;
  /** Percentiles (1 − level) / 2 and (1 + level) / 2 of the resampled metric (numpy's linear percentile). */
  low: number;
  high: number;
  level: number;
  resamples: number;
}

/**
 * A percentile bootstrap interval of a metric: each resample draws, with replacement and seeded, as many
 * positives from the positives and negatives from the negatives as there are (stratified by class, so every
 * resample has both classes). A resample is a count per row used as a weight, so the rows are sorted by
 * score once and every resample of AUC or average precision is one linear pass. A metric function receives
 * the rows in that sorted order (with `order` the identity).
 *
 * `metric` is a name, or a core `(y, p, weights, orderByScoreDescending) => number` that must honour the weights.
 */
export function bootstrapInterval(y: BinaryLabels, p: Scores, metric: MetricName | MetricCore, options: BootstrapOptions = {}): ConfidenceInterval {
  const { resamples = 1000, level = 0.95, seed = DEFAULT_SEED } = options;
  checkParam(typeof metric === 'function' || METRIC_NAMES.includes(metric), 'bootstrapInterval metric', metric, `one of ${METRIC_NAMES.join(', ')}, or a function (y, p, weights, order) => number`);
  checkParam(Number.isInteger(resamples) && resamples >= 1 && resamples <= 1_000_000, 'bootstrapInterval resamples', resamples, 'a whole number from 1 to 1000000');
  checkParam(typeof level === 'number' && level > 0 && level < 1, 'bootstrapInterval level', level, 'a number between 0 and 1 (0.95 for a 95% interval)');
  checkSeed(seed, 'bootstrapInterval seed');
  const probabilities = typeof metric === 'string' && metricSpec(metric).probabilities;
  const input = checkBinaryInput('bootstrapInterval', y, p, options.sampleWeight, { bothClasses: true, probabilities });
  const core = typeof metric === 'string' ? metricSpec(metric).core : metric;
  // Rows laid out by score, highest first, once: every resample is then a sequential pass (order = identity).
  const byScore = descendingOrder(input.p);
  const n = byScore.length;
  const yy = new Uint8Array(n);
  const pp = new Float64Array(n);
  const w = input.w === null ? null : new Float64Array(n);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const i = byScore[k]!;
    yy[k] = input.y[i]!;
    pp[k] = input.p[i]!;
    if (w !== null) w[k] = input.w![i]!;
    order[k] = k;
  }
  const estimate = core(yy, pp, w, order);

  // Positions of each class (rows of weight 0 included: a resample reproduces the data set's shape).
  let nPos = 0;
  for (let k = 0; k < n; k++) nPos += yy[k]!;
  const pos = new Int32Array(nPos);
  const neg = new Int32Array(n - nPos);
  for (let k = 0, a = 0, b = 0; k < n; k++) {
    if (yy[k] === 1) pos[a++] = k;
    else neg[b++] = k;
  }
  const rng = Rng.derive(seed, 'bootstrapInterval');
  // One 32-bit draw per pick (bias below n / 2^32): the draws are most of a resample's time.
  const nP = pos.length;
  const nN = neg.length;
  const counts = new Float64Array(n);
  const values = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    counts.fill(0);
    for (let k = 0; k < nP; k++) counts[pos[Math.floor((rng.nextUint32() * nP) / 4294967296)]!]!++;
    for (let k = 0; k < nN; k++) counts[neg[Math.floor((rng.nextUint32() * nN) / 4294967296)]!]!++;
    if (w !== null) for (let k = 0; k < n; k++) counts[k]! *= w[k]!;
    values[r] = core(yy, pp, counts, order);
  }
  values.sort();
  return { estimate, low: percentile(values, (1 - level) / 2), high: percentile(values, (1 + level) / 2), level, resamples };
}

/** numpy's default (linear) percentile of sorted values, q in [0, 1]; NaN values (a class of weight 0) sort last and are skipped. */
function percentile(sorted: Float64Array, q: number): number {
  let n = sorted.length;
  while (n > 0 && Number.isNaN(sorted[n - 1]!)) n--;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
