import { checkParam, UsageError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import type { ThreadsOption } from './KMeansPool';

export const KMEANS_ALGORITHMS = ['auto', 'lloyd', 'elkan', 'hamerly'] as const;
/** 'lloyd' computes every distance; 'hamerly' and 'elkan' skip those the triangle inequality rules out (same result); 'auto' picks one of them. */
export type KMeansAlgorithm = (typeof KMEANS_ALGORITHMS)[number];

/** How the first centres are chosen: greedy k-means++, k random rows, or given centres (k rows × d columns). */
export type KMeansInit = 'k-means++' | 'random' | Matrix | readonly (readonly number[])[];
/** The init as stored in params and JSON. */
export type ResolvedKMeansInit = 'k-means++' | 'random' | number[][];

/** Validate `init` (names the estimator in the error) and copy given centres into plain rows. */
export function resolveInit(init: KMeansInit, k: number, who: string): ResolvedKMeansInit {
  if (init === 'k-means++' || init === 'random') return init;
  const rows: unknown[] | undefined = init instanceof Matrix ? init.toRows() : Array.isArray(init) ? init : undefined;
  checkParam(rows !== undefined, `${who} init`, init, "'k-means++', 'random', or k rows of initial centres (a Matrix or number[][])");
  checkParam(rows!.length === k, `${who} init`, `${rows!.length} rows`, `k=${k} rows of initial centres`);
  const d = Array.isArray(rows![0]) ? (rows![0] as unknown[]).length : 0;
  rows!.forEach((row, i) => {
    const ok = d > 0 && Array.isArray(row) && row.length === d && row.every((v) => typeof v === 'number' && Number.isFinite(v));
    checkParam(ok, `${who} init row ${i + 1}`, row, `${d > 0 ? d : 'one or more'} finite numbers, as many as in every other row`);
  });
  return (rows as number[][]).map((row) => [...row]);
}

/** `threads`: 'auto' (every available core) or a whole number >= 1. */
export function checkThreads(threads: ThreadsOption, who: string): void {
  checkParam(threads === 'auto' || (Number.isInteger(threads) && threads >= 1), `${who} threads`, threads, "'auto' or a whole number >= 1");
}

/** Given centres must have one value per column of X. */
export function checkInitColumns(init: ResolvedKMeansInit, cols: number, who: string): void {
  if (typeof init === 'string') return;
  if (init[0]!.length !== cols) throw new UsageError(`${who}: init has ${init[0]!.length} values per centre but X has ${cols} columns.`);
}

/**
 * Mean over columns of the (population) column variances, unweighted: scikit-learn's `_tolerance`
 * scales `tol` by it so that the stopping rule does not depend on the data's units. One pass over
 * the rows, with values shifted by the first row to keep the sums of squares accurate.
 */
export function meanColumnVariance(data: Float64Array, rows: number, cols: number): number {
  const s1 = new Float64Array(cols);
  const s2 = new Float64Array(cols);
  for (let i = 0, p = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, p++) {
      const v = data[p]! - data[j]!;
      s1[j]! += v;
      s2[j]! += v * v;
    }
  }
  let total = 0;
  for (let j = 0; j < cols; j++) total += Math.max(0, (s2[j]! - (s1[j]! * s1[j]!) / rows) / rows);
  return total / cols;
}

/** Count the rows with a positive weight; clustering into k needs at least k of them. */
export function checkPositiveWeights(w: Float64Array, k: number, who: string): void {
  let positive = 0;
  for (let i = 0; i < w.length && positive < k; i++) if (w[i]! > 0) positive++;
  if (positive < k) throw new UsageError(`${who}: only ${positive} row(s) have a positive sampleWeight; k=${k} clusters need at least ${k}.`);
}
