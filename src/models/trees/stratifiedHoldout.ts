import { Matrix } from '../../core/Matrix';
import type { Rng } from '../../core/rng';

/** A seeded stratified split: round(fraction · rows of each class) rows of that class held out; both lists in row order. */
export function stratifiedHoldout(y: Uint8Array, fraction: number, rng: Rng): { train: Uint32Array; test: Uint32Array } {
  const held = new Uint8Array(y.length);
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) idx.push(i);
    rng.shuffle(idx);
    const take = Math.round(fraction * idx.length);
    for (let k = 0; k < take; k++) held[idx[k]!] = 1;
  }
  let nt = 0;
  for (let i = 0; i < y.length; i++) nt += held[i]!;
  const train = new Uint32Array(y.length - nt), test = new Uint32Array(nt);
  for (let i = 0, a = 0, b = 0; i < y.length; i++) held[i] ? (test[b++] = i) : (train[a++] = i);
  return { train, test };
}

/** The listed rows of X, as a new Matrix with X's columns. */
export function takeRows(X: Matrix, rows: ArrayLike<number>): Matrix {
  const F = X.cols;
  const out = new Float64Array(rows.length * F);
  for (let k = 0; k < rows.length; k++) out.set(X.data.subarray(rows[k]! * F, rows[k]! * F + F), k * F);
  return new Matrix(out, rows.length, F, X.columns);
}
