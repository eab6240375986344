import { checkParam, InputError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { KDTree } from './KDTree';
import { kneedle } from '../metrics/kneedle';
import { validateClusterInput } from '../validateClusterInput';

/** Which knee of the k-distance curve to take. */
export type KneeRule = 'max' | 'kneed';

/** How the suggested eps was read from the k-distance curve. */
export type EpsMethod = KneeRule | 'constant' | 'median';

export interface EpsSuggestion {
  /** Suggested DBSCAN eps (> 0): the k-distance at the knee. */
  eps: number;
  minSamples: number;
  /** Every row's distance to its minSamples-th nearest row (itself counted first), ascending. */
  kDistances: Float64Array;
  /** Position of the knee in kDistances. */
  kneeIndex: number;
  /**
   * 'max': the point of the normalised curve farthest below its chord (the maximum of Kneedle's
   * difference curve); 'kneed': the first knee by the kneed package's rule; 'constant': every
   * k-distance is equal; 'median': the curve never dips below its chord (no elbow), so the median
   * is a neutral guess. A knee at k-distance 0 (duplicated rows) moves to the first positive one.
   */
  method: EpsMethod;
}

export interface SuggestEpsOptions {
  /**
   * 'max' (default): the global maximum of the Kneedle difference curve (Satopää et al. 2011), the
   * knee where the dense rows end. 'kneed': kneed's first-knee rule (src/cluster/metrics/kneedle),
   * which reads a convex increasing curve from its steep end and so, when the noise tail has a bend
   * of its own, stops there: an eps that merges clusters. Falls back to 'max' when it finds no knee.
   */
  knee?: KneeRule;
}

/** Above this many rows kneed's rule reads the curve at evenly spaced ranks (its input is spread into Math.min/max). */
const MAX_CURVE_POINTS = 2000;

/**
 * Suggest DBSCAN's eps from the k-distance curve (Ester et al. 1996): each row's distance to its
 * minSamples-th nearest row — the smallest eps that would make it a core point — sorted ascending.
 * Rows in dense regions form the flat part, noise the steep tail, and the knee between them is the
 * suggestion. One k-nearest query per row on a k-d tree; use the same minSamples for DBSCAN.
 */
export function suggestEps(X: Matrix, minSamples = 5, options: SuggestEpsOptions = {}): EpsSuggestion {
  const who = 'suggestEps';
  const { knee = 'max' } = options;
  validateClusterInput(X, { who });
  checkParam(Number.isInteger(minSamples) && minSamples >= 2, `${who} minSamples`, minSamples, 'an integer >= 2 (with 1 every row is a core point on its own)');
  checkParam(knee === 'max' || knee === 'kneed', `${who} knee`, knee, "'max' or 'kneed'");
  if (X.rows < minSamples) throw new InputError(`${who}: the input has ${X.rows} rows; the k-distance curve needs at least minSamples=${minSamples}.`);
  const { data, rows: n, cols } = X;
  const tree = new KDTree(data, n, cols);
  const idx = new Int32Array(minSamples);
  const d2 = new Float64Array(minSamples);
  const kd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    tree.kNearestInto(data, i * cols, minSamples, idx, d2);
    kd[i] = Math.sqrt(d2[minSamples - 1]!);
  }
  kd.sort();

  const take = (kneeIndex: number, method: EpsMethod): EpsSuggestion => {
    // Duplicated rows give k-distance 0, which DBSCAN cannot take: move to the first positive one.
    let i = kneeIndex;
    while (i < n && kd[i] === 0) i++;
    if (i === n) throw new InputError(`${who}: every row has at least ${minSamples - 1} exact duplicates, so every k-distance is 0; drop duplicate rows or raise minSamples.`);
    return { eps: kd[i]!, minSamples, kDistances: kd, kneeIndex: i, method };
  };

  if (kd[0] === kd[n - 1]) return take(n - 1, 'constant');
  if (knee === 'kneed') {
    const m = Math.min(n, MAX_CURVE_POINTS);
    const ranks = Array.from({ length: m }, (_, t) => Math.round((t * (n - 1)) / (m - 1)));
    const found = kneedle(ranks, ranks.map((r) => kd[r]!), { curve: 'convex', direction: 'increasing' });
    if (found.index !== null) return take(ranks[found.index]!, 'kneed');
  }
  // Both axes scaled to [0, 1]: the knee is the point farthest below the chord y = x.
  const lo = kd[0]!;
  const span = kd[n - 1]! - lo;
  let best = -1;
  let bestGap = 0;
  for (let i = 0; i < n; i++) {
    const gap = i / (n - 1) - (kd[i]! - lo) / span;
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  if (best >= 0) return take(best, 'max');
  return take(n >> 1, 'median');
}
