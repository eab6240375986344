import { Matrix } from '../../../src/core/Matrix';
import { Rng } from '../../../src/core/rng';

/**
 * Seeded rows with a non-linear truth: sin(2·x0) + x1·x2 + a step in x3 + x4² (other columns noise),
 * the label drawn from its logistic; a share of cells NaN. The same generator as bench/models.mjs.
 */
export function nonlinearData(n: number, F: number, seed: number, nanShare = 0.05): { X: Matrix; y: Uint8Array; truth: Float64Array } {
  const rng = new Rng(seed);
  const X = new Float64Array(n * F);
  const y = new Uint8Array(n);
  const truth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < F; j++) X[i * F + j] = rng.normal();
    const x = X.subarray(i * F, i * F + F);
    const s = Math.sin(2 * x[0]!) + x[1]! * x[2]! + (x[3]! > 0.5 ? 1.5 : -0.5) + 0.5 * x[4]! * x[4]! - 0.8;
    truth[i] = 1 / (1 + Math.exp(-2 * s));
    y[i] = rng.next() < truth[i]! ? 1 : 0;
    for (let j = 0; j < F; j++) if (rng.next() < nanShare) X[i * F + j] = NaN;
  }
  return { X: new Matrix(X, n, F, Array.from({ length: F }, (_, j) => `f${j}`)), y, truth };
}

/** ROC AUC by ranks (ties averaged). */
export function auc(score: ArrayLike<number>, y: ArrayLike<number>): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let rankSum = 0, pos = 0;
  for (let k = 0; k < idx.length; ) {
    let e = k;
    while (e + 1 < idx.length && score[idx[e + 1]!] === score[idx[k]!]) e++;
    const rank = (k + e + 2) / 2;
    for (let q = k; q <= e; q++) if (y[idx[q]!] === 1) {
      rankSum += rank;
      pos++;
    }
    k = e + 1;
  }
  const neg = y.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** A copy of X with one cell replaced. */
export function withCell(X: Matrix, row: number, col: number, value: number): Matrix {
  const data = Float64Array.from(X.data);
  data[row * X.cols + col] = value;
  return new Matrix(data, X.rows, X.cols, X.columns);
}
