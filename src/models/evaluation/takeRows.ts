import { Matrix } from '../../core/Matrix';

/** The rows of X at the given indices, in that order (a copy; same column names). */
export function takeRows(X: Matrix, rows: Int32Array): Matrix {
  const { cols, data } = X;
  const out = new Float64Array(rows.length * cols);
  for (let k = 0; k < rows.length; k++) out.set(data.subarray(rows[k]! * cols, rows[k]! * cols + cols), k * cols);
  return new Matrix(out, rows.length, cols, X.columns);
}

/** The values (labels, scores) at the given row indices, in that order: a copy of the same typed-array kind. */
export function takeValues(v: Uint8Array, rows: Int32Array): Uint8Array;
export function takeValues(v: Float64Array, rows: Int32Array): Float64Array;
export function takeValues(v: Uint8Array | Float64Array, rows: Int32Array): Uint8Array | Float64Array {
  const out = v instanceof Float64Array ? new Float64Array(rows.length) : new Uint8Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = v[rows[k]!]!;
  return out;
}
