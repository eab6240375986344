import { assertUnreachable } from '../../core/assertUnreachable';
import { checkParam } from '../../core/errors';
import type { BinaryLabels } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights, type Scores } from './binaryInput';

export type CalibrationStrategy = 'uniform' | 'quantile';
export const CALIBRATION_STRATEGIES: readonly CalibrationStrategy[] = ['uniform', 'quantile'];

export interface CalibrationOptions {
  /** Number of bins (default 10). */
  bins?: number;
  /** 'uniform': equal widths on [0, 1]; 'quantile': equal numbers of rows (edges at the rows' percentiles). Default 'uniform'. */
  strategy?: CalibrationStrategy;
  sampleWeight?: SampleWeights;
}

export interface CalibrationBin {
  /** Edges: the bin holds low < p <= high (the first bin holds p = low too). */
  low: number;
  high: number;
  /** Mean predicted probability and observed share of 1s in the bin (weighted with sample weights). */
  meanPredicted: number;
  observed: number;
  /** Rows in the bin, and their total weight (= count without sample weights). */
  count: number;
  weight: number;
}

export interface CalibrationCurve {
  strategy: CalibrationStrategy;
  /** bins + 1 edges (quantile edges may repeat when scores tie). */
  edges: Float64Array;
  /** The non-empty bins only, in order (as scikit-learn's calibration_curve drops empty bins). */
  bins: CalibrationBin[];
  /** Expected calibration error: Σ (bin weight / total weight) × |observed − meanPredicted|. */
  ece: number;
}

/**
 * Reliability curve of probabilities, as scikit-learn 1.2's calibration_curve (same edges, a value on an
 * inner edge falls in the lower bin), with the count of every bin and the expected calibration error.
 * With sample weights the means are weighted; quantile edges stay the rows' (unweighted) percentiles.
 */
export function calibrationCurve(y: BinaryLabels, p: Scores, options: CalibrationOptions = {}): CalibrationCurve {
  const { bins = 10, strategy = 'uniform' } = options;
  checkParam(Number.isInteger(bins) && bins >= 1 && bins <= 1000, 'calibrationCurve bins', bins, 'a whole number from 1 to 1000');
  checkParam(CALIBRATION_STRATEGIES.includes(strategy), 'calibrationCurve strategy', strategy, `one of ${CALIBRATION_STRATEGIES.join(', ')}`);
  const input = checkBinaryInput('calibrationCurve', y, p, options.sampleWeight, { probabilities: true });
  return calibrationCurveCore(input.y, input.p, input.w, bins, strategy);
}

export function calibrationCurveCore(y: Uint8Array, p: Float64Array, w: Float64Array | null, nBins: number, strategy: CalibrationStrategy): CalibrationCurve {
  const edges = binEdges(p, nBins, strategy);
  const sumP = new Float64Array(nBins);
  const sumY = new Float64Array(nBins);
  const weight = new Float64Array(nBins);
  const count = new Float64Array(nBins);
  for (let i = 0; i < p.length; i++) {
    const wi = w === null ? 1 : w[i]!;
    const b = lowerBin(edges, p[i]!);
    sumP[b] += wi * p[i]!;
    sumY[b] += wi * y[i]!;
    weight[b] += wi;
    count[b]!++;
  }
  let total = 0;
  for (let b = 0; b < nBins; b++) total += weight[b]!;
  const out: CalibrationBin[] = [];
  let ece = 0;
  for (let b = 0; b < nBins; b++) {
    // scikit-learn drops bins without rows; a bin whose rows all weigh 0 has no mean either.
    if (count[b] === 0 || weight[b] === 0) continue;
    const meanPredicted = sumP[b]! / weight[b]!;
    const observed = sumY[b]! / weight[b]!;
    ece += (weight[b]! / total) * Math.abs(observed - meanPredicted);
    out.push({ low: edges[b]!, high: edges[b + 1]!, meanPredicted, observed, count: count[b]!, weight: weight[b]! });
  }
  return { strategy, edges, bins: out, ece };
}

/** The bin of v: how many inner edges lie strictly below it (numpy's searchsorted(edges[1:-1], v), side left). */
function lowerBin(edges: Float64Array, v: number): number {
  let lo = 1;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Edges as numpy computes them: linspace(0, 1, n + 1), or percentile(p, linspace(0, 1, n + 1) * 100) (linear). */
function binEdges(p: Float64Array, nBins: number, strategy: CalibrationStrategy): Float64Array {
  const q = new Float64Array(nBins + 1);
  const step = 1 / nBins;
  for (let k = 0; k < nBins; k++) q[k] = k * step;
  q[nBins] = 1;
  switch (strategy) {
    case 'uniform':
      return q;
    case 'quantile': {
      const sorted = Float64Array.from(p).sort();
      const n = sorted.length;
      const edges = new Float64Array(nBins + 1);
      for (let k = 0; k <= nBins; k++) {
        const qk = (q[k]! * 100) / 100;
        // numpy 1.24 'linear': virtual index n·q + (1 − q) − 1, and its lerp (from the upper end when t >= 0.5).
        const virtual = n * qk + (1 + qk * -1) - 1;
        const lo = Math.min(Math.max(Math.floor(virtual), 0), n - 1);
        const hi = Math.min(lo + 1, n - 1);
        const t = virtual - Math.floor(virtual);
        const a = sorted[lo]!;
        const b = sorted[hi]!;
        const diff = b - a;
        edges[k] = virtual >= n - 1 ? sorted[n - 1]! : virtual <= 0 ? sorted[0]! : t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
      }
      return edges;
    }
    default:
      return assertUnreachable(strategy, 'calibration strategy');
  }
}
