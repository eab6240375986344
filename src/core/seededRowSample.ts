import { checkParam } from './errors';
import { Matrix } from './Matrix';
import { Rng } from './rng';

export interface RowSample {
  /** The drawn rows, in their original order. */
  X: Matrix;
  /** Index in the full matrix of every drawn row, ascending. */
  rows: Int32Array;
}

/**
 * `size` rows of X drawn without replacement (a partial Fisher–Yates shuffle on the seed's own
 * stream), kept in their original order. Same X, size and seed ⇒ the same rows.
 */
export function seededRowSample(X: Matrix, size: number, seed: number): RowSample {
  checkParam(X instanceof Matrix, 'X', typeof X, 'a Matrix');
  checkParam(Number.isInteger(size) && size >= 1 && size <= X.rows, 'size', size, `an integer from 1 to the ${X.rows} rows`);
  checkParam(Number.isInteger(seed), 'seed', seed, 'an integer');
  const n = X.rows;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = Rng.derive(seed, 'cluster-row-sample');
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(n - i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const rows = order.slice(0, size).sort();
  const cols = X.cols;
  const data = new Float64Array(size * cols);
  for (let r = 0; r < size; r++) data.set(X.data.subarray(rows[r]! * cols, rows[r]! * cols + cols), r * cols);
  return { X: new Matrix(data, size, cols, X.columns), rows };
}
