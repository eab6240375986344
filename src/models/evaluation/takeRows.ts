import { Matrix } from '../../core/Matrix';

/** The rows of X at the given indices, in that order (a copy; same column names). */
export function takeRows(X: Matrix, rows: Int32Array): Matrix {
  const { cols, data } = X;
  const out = new Float64Array(rows.length * cols);
  for (let k = 0; k < rows.length; k++) out.set(data.subarray(rows[k]! * cols, rows[k]! * cols + cols), k * cols);
  return new Matrix(out, rows.length, cols, X.columns);
}
