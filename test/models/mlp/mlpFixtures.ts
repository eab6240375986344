import { Matrix } from '../../../src/core/Matrix';
import { Rng } from '../../../src/core/rng';

/** Rows with a nonlinear target (a ring in a and b, c is noise): a linear model cannot fit it, an MLP can. */
export function ring(n = 300, seed = 3): { X: Matrix; y: Uint8Array } {
  const rng = new Rng(seed);
  const data = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    data.set([10 + 5 * a, -200 + 40 * b, rng.normal()], i * 3);
    y[i] = a * a + b * b + 0.3 * rng.normal() > 1.4 ? 1 : 0;
  }
  return { X: new Matrix(data, n, 3, ['a', 'b', 'c']), y };
}

/** Small, quick params for tests. */
export const QUICK = { hiddenLayers: [8, 4], batchSize: 32, maxEpochs: 15, learningRate: 0.02, seed: 7 };

/** ROC AUC by ranks (ties averaged). */
export function auc(score: ArrayLike<number>, y: ArrayLike<number>): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((i, j) => score[i]! - score[j]!);
  const ranks = new Float64Array(y.length);
  for (let s = 0; s < idx.length; ) {
    let e = s;
    while (e + 1 < idx.length && score[idx[e + 1]!] === score[idx[s]!]) e++;
    for (let k = s; k <= e; k++) ranks[idx[k]!] = (s + e) / 2 + 1;
    s = e + 1;
  }
  let pos = 0;
  let sum = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === 1) (pos++, (sum += ranks[i]!));
  const neg = y.length - pos;
  return (sum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Mean log loss of probabilities against labels. */
export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s -= y[i] === 1 ? Math.log(p[i]!) : Math.log(1 - p[i]!);
  return s / y.length;
}

export function rowsOf(X: Matrix, rows: readonly number[]): Matrix {
  const out = new Float64Array(rows.length * X.cols);
  rows.forEach((i, k) => out.set(X.row(i), k * X.cols));
  return new Matrix(out, rows.length, X.cols, X.columns);
}

export function withValue(X: Matrix, row: number, col: number, v: number): Matrix {
  const data = X.data.slice();
  data[row * X.cols + col] = v;
  return new Matrix(data, X.rows, X.cols, X.columns);
}

/** The error a promise rejects with (fails when it resolves). */
export async function rejection(p: Promise<unknown> | (() => unknown)): Promise<Error> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}
