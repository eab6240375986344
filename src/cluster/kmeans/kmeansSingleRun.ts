import { InputError } from '../../core/errors';
import { KMEANS_OP, sqDist } from './kmeansKernels';
import type { KMeansPool } from './KMeansPool';

/** Assignment variants: plain Lloyd, or Lloyd with Hamerly's / Elkan's distance bounds (same result, fewer distances). */
export type KMeansAssignment = 'lloyd' | 'hamerly' | 'elkan';

export interface KMeansRunResult {
  centres: Float64Array;
  labels: Int32Array;
  inertia: number;
  nIter: number;
  converged: boolean;
}

/**
 * One k-means run from the centres in pool.S.C, following scikit-learn's `_kmeans_single_lloyd`:
 * each iteration assigns every row and recomputes the centres from the same pass; it stops when no
 * label changed (strict convergence) or when the squared centre shifts sum to at most `tol`
 * (absolute). Without strict convergence, a last assignment makes the labels match the final centres.
 * An empty cluster takes the row farthest from its centre, as scikit-learn relocates them.
 */
export function kmeansSingleRun(
  pool: KMeansPool,
  assignment: KMeansAssignment,
  maxIter: number,
  tol: number,
  who: string,
  onIteration?: (iteration: number) => void,
  /** Set when pool.S.C comes from kmeansPlusPlus: the index it returned. Hamerly then starts from its distances instead of a full search. */
  kppPending?: number,
): KMeansRunResult {
  const S = pool.S;
  const { k, d, C, labels, shift } = S;
  const op = assignment === 'lloyd' ? KMEANS_OP.lloyd : assignment === 'hamerly' ? KMEANS_OP.hamerly : KMEANS_OP.elkan;
  const bounded = assignment !== 'lloyd';
  const sums = new Float64Array(k * d);
  const weights = new Float64Array(k);
  if (bounded) centreGeometry(pool);
  const fromKpp = assignment === 'hamerly' && kppPending !== undefined;
  let shiftArgs = { shiftMax: 0, shift2: 0, jmax: -1 };
  let strict = false;
  let converged = false;
  let it = 0;
  while (it < maxIter) {
    const init = it > 0 ? false : fromKpp ? 2 : true;
    pool.run(op, { update: true, init, commit: init === 2 ? kppPending : -1, ...shiftArgs });
    it++;
    const changed = pool.sumScalar();
    pool.sumCentres(sums, weights);
    relocateEmptyClusters(pool, sums, weights);
    let shiftTotal = 0;
    for (let j = 0; j < k; j++) {
      const wj = weights[j]!;
      let sq = 0;
      for (let t = 0, q = j * d; t < d; t++, q++) {
        // A cluster holding only zero-weight rows keeps its centre.
        const v = wj > 0 ? sums[q]! / wj : C[q]!;
        const diff = v - C[q]!;
        sq += diff * diff;
        C[q] = v;
      }
      shift[j] = Math.sqrt(sq);
      shiftTotal += sq;
    }
    if (bounded) {
      shiftArgs = largestShifts(shift, k);
      centreGeometry(pool);
    }
    onIteration?.(it);
    if (changed === 0) {
      strict = true;
      converged = true;
      break;
    }
    if (shiftTotal <= tol) {
      converged = true;
      break;
    }
  }
  if (!strict) pool.run(op, { update: false, init: false, ...shiftArgs });
  repairEmptyClusters(pool, who);
  pool.run(KMEANS_OP.inertia);
  const inertia = pool.sumScalar();
  return { centres: C.slice(), labels: labels.slice(), inertia, nIter: it, converged };
}

/** Half distances between centres (Elkan) and to each centre's nearest other centre (Hamerly, Elkan). */
function centreGeometry(pool: KMeansPool): void {
  const { C, k, d, cc, half } = pool.S;
  half.fill(Infinity);
  for (let a = 0; a < k; a++) {
    cc[a * k + a] = 0;
    for (let j = a + 1; j < k; j++) {
      const h = 0.5 * Math.sqrt(sqDist(C, a * d, C, j * d, d));
      cc[a * k + j] = h;
      cc[j * k + a] = h;
      if (h < half[a]!) half[a] = h;
      if (h < half[j]!) half[j] = h;
    }
  }
}

/** Largest shift, the second largest and the centre with the largest (Hamerly's lower bounds drop by the largest other shift). */
function largestShifts(shift: Float64Array, k: number): { shiftMax: number; shift2: number; jmax: number } {
  let jmax = 0;
  for (let j = 1; j < k; j++) if (shift[j]! > shift[jmax]!) jmax = j;
  let shift2 = 0;
  for (let j = 0; j < k; j++) if (j !== jmax && shift[j]! > shift2) shift2 = shift[j]!;
  return { shiftMax: shift[jmax]!, shift2, jmax };
}

/**
 * scikit-learn's `_relocate_empty_clusters_dense`: each centre that got no weight takes the row
 * farthest from its own (old) centre; the row's weight moves from its cluster's sums to the empty one.
 * Labels stay; the next assignment moves the row.
 */
function relocateEmptyClusters(pool: KMeansPool, sums: Float64Array, weights: Float64Array): void {
  const { k, d, X, w, labels } = pool.S;
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if (!(weights[j]! > 0)) empty.push(j);
  if (empty.length === 0) return;
  const far = pool.farthestRows(empty.length);
  for (let q = 0; q < far.length; q++) {
    const j = empty[q]!;
    const p = far[q]!.row;
    const wp = w[p]!;
    const a = labels[p]!;
    for (let t = 0; t < d; t++) {
      const x = X[p * d + t]!;
      sums[a * d + t]! -= x * wp;
      sums[j * d + t] = x * wp;
    }
    weights[a]! -= wp;
    weights[j] = wp;
  }
}

/**
 * Final guarantee that no cluster is empty (a relocated centre can still lose every row, e.g. to
 * ties): the empty centre moves onto the row farthest from its centre, and that row takes its label.
 * If every row already sits on its centre, X has fewer distinct rows than k.
 */
export function repairEmptyClusters(pool: KMeansPool, who: string): void {
  const { k, d, n, X, C, labels } = pool.S;
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) counts[labels[i]!]!++;
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if (counts[j] === 0) empty.push(j);
  if (empty.length === 0) return;
  const far = pool.farthestRows(empty.length);
  for (let q = 0; q < empty.length; q++) {
    const row = far[q];
    if (!row || row.dist === 0) {
      throw new InputError(
        `${who}: cluster ${empty[q]} ended up empty and every row sits on its centre, so X has fewer distinct rows (with a positive weight) than k=${k}. Ask for fewer clusters.`,
      );
    }
    C.set(X.subarray(row.row * d, row.row * d + d), empty[q]! * d);
    labels[row.row] = empty[q]!;
  }
}
