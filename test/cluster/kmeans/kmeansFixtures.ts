import { Matrix } from '../../../src/core/Matrix';
import { Rng } from '../../../src/core/rng';
import type { Progress } from '../../../src/core/progress';

/** Gaussian blobs: k centres uniform in [-10, 10]^d, rows N(centre, sd²) with the centre drawn uniformly. */
export function blobs(n: number, d: number, k: number, seed: number, sd = 1): { X: Matrix; truth: Int32Array } {
  const rng = new Rng(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.uniform(-10, 10)));
  const data = new Float64Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = rng.int(k);
    truth[i] = c;
    for (let t = 0; t < d; t++) data[i * d + t] = centres[c]![t]! + rng.normal(0, sd);
  }
  return { X: new Matrix(data, n, d, Array.from({ length: d }, (_, j) => `f${j}`)), truth };
}

/**
 * Whether two labelings are the same partition up to renaming (adjusted Rand index 1): in their
 * contingency table every row and every column has exactly one non-zero cell.
 */
export function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const pairs = new Map<number, number>();
  const reverse = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if ((pairs.has(x) && pairs.get(x) !== y) || (reverse.has(y) && reverse.get(y) !== x)) return false;
    pairs.set(x, y);
    reverse.set(y, x);
  }
  return true;
}

/** Share of rows that agree after mapping each cluster of `a` to its most frequent partner in `b`. */
export function matchedShare(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const table = new Map<string, number>();
  for (let i = 0; i < a.length; i++) {
    const key = `${a[i]},${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
  }
  const best = new Map<number, number>();
  for (const [key, count] of table) {
    const x = Number(key.split(',')[0]);
    best.set(x, Math.max(best.get(x) ?? 0, count));
  }
  let s = 0;
  for (const v of best.values()) s += v;
  return s / a.length;
}

/** Weighted sum of squared distances from each row to the centre its label names. */
export function inertiaOf(X: Matrix, centres: readonly (readonly number[])[], labels: ArrayLike<number>, w?: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < X.rows; i++) {
    const c = centres[labels[i]!]!;
    let d2 = 0;
    for (let j = 0; j < X.cols; j++) d2 += (X.get(i, j) - c[j]!) ** 2;
    s += (w ? w[i]! : 1) * d2;
  }
  return s;
}

/** A Progress that records what it was told. */
export function recordingProgress(): Progress & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    start: (step, total) => log.push(`start ${step} ${total ?? ''}`.trim()),
    update: (done) => log.push(`update ${done}`),
    end: (detail) => log.push(`end ${detail ?? ''}`.trim()),
    note: (message) => log.push(`note ${message}`),
  };
}

/** Rows with integer weights repeated that many times. */
export function repeatRows(X: Matrix, times: readonly number[]): Matrix {
  const rows: number[][] = [];
  X.toRows().forEach((r, i) => {
    for (let c = 0; c < times[i]!; c++) rows.push(r);
  });
  return Matrix.fromRows(rows, X.columns);
}
