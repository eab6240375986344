import { checkFittedColumns } from '../../core/checkFittedColumns';
import { checkParam, InputError, inputError, usageError, type Problem } from '../../core/errors';
import { Matrix } from '../../core/Matrix';

/** X is a Matrix with at least `minRows` rows. */
export function assertMatrix(X: Matrix, who: string, minRows = 1): void {
  checkParam(X instanceof Matrix, `${who} X`, typeof X, 'a Matrix');
  checkParam(X.rows >= minRows, `${who} X.rows`, X.rows, `at least ${minRows} row${minRows === 1 ? '' : 's'}`);
}

/**
 * What every fit checks first: X is a Matrix with at least one row and one column, and the selected
 * columns (all when `columns` is undefined) are in X and not none. Returns their indices.
 */
export function fitColumnIndices(X: Matrix, columns: readonly string[] | undefined, who: string): number[] {
  assertMatrix(X, who);
  checkParam(X.cols >= 1, `${who} X.cols`, X.cols, 'at least 1 column (a matrix with no feature has nothing to fit)');
  const idx = columnIndices(X, columns, who);
  checkParam(idx.length >= 1, `${who} columns`, columns, 'at least one column name (an empty list selects nothing to fit)');
  return idx;
}

/** Indices of the named columns (all columns when `columns` is undefined). */
export function columnIndices(X: Matrix, columns: readonly string[] | undefined, who: string): number[] {
  if (!columns) return X.columns.map((_, j) => j);
  const missing = columns.filter((c) => !X.columns.includes(c));
  if (missing.length) {
    throw usageError(who, `column(s) ${missing.map((c) => `"${c}"`).join(', ')} not in X; X has ${X.columns.map((c) => `"${c}"`).join(', ')}`);
  }
  return columns.map((c) => X.columns.indexOf(c));
}

/**
 * Every value in the given columns is finite (and passes `valid`, when given); with `nanIsMissing`
 * NaN passes and only ±Infinity is refused. Throws an InputError with one problem per offending
 * column, naming the column and the first 1-based rows.
 */
export function assertFiniteColumns(
  X: Matrix,
  indices: readonly number[],
  who: string,
  valid?: { test: (x: number) => boolean; expected: string },
  nanIsMissing = false,
): void {
  const problems: Problem[] = [];
  const { data, rows, cols } = X;
  for (const j of indices) {
    let count = 0;
    const sample: number[] = [];
    let first = NaN;
    for (let i = 0; i < rows; i++) {
      const x = data[i * cols + j]!;
      if (nanIsMissing && Number.isNaN(x)) continue;
      if (!Number.isFinite(x) || (valid && !valid.test(x))) {
        if (count === 0) first = x;
        count++;
        if (sample.length < 5) sample.push(i + 1);
      }
    }
    if (count) {
      const what = Number.isFinite(first) ? `${first} (expected ${valid!.expected})` : String(first);
      problems.push({
        severity: 'error',
        check: Number.isFinite(first) ? 'out-of-domain' : 'non-finite-value',
        message: `column "${X.columns[j]}" has ${what} at row ${sample[0]}`,
        location: { column: X.columns[j]!, row: sample[0]! },
        count,
        share: count / rows,
        sampleRows: sample,
        hint: Number.isFinite(first) ? undefined : 'impute or drop missing values (NaN) before this step',
      });
    }
  }
  if (problems.length) {
    const p = problems[0]!;
    throw new InputError(`${who}: ${p.message}${problems.length > 1 ? ` (and ${problems.length - 1} more column(s))` : ''}.`, problems);
  }
}

/** Linear-interpolation quantile of sorted values (numpy's default, "type 7"); p in [0, 1]. */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 1) return sorted[0]!;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  const f = h - lo;
  const q = a + f * (b - a);
  // b - a overflows when a and b are near -1.8e308 and 1.8e308; the weighted form cannot.
  return Number.isFinite(q) ? q : a * (1 - f) + b * f;
}

/** Quantiles of column j for each p. */
export function columnQuantiles(X: Matrix, j: number, ps: readonly number[]): number[] {
  const col = X.column(j).sort();
  return ps.map((p) => quantileSorted(col, p));
}

/**
 * New Matrix like X where each listed column j (k = its position in `indices`) becomes
 * (x - center[k]) / scale[k] * mul[k] + add[k]. Dividing first keeps x = max exactly at 1 in MinMax.
 * When x - center overflows (values near ±1.8e308) the same value is computed on halves; a result
 * that is still not finite is out of the range of doubles and an InputError naming column and row.
 */
export function affineColumns(
  X: Matrix,
  indices: readonly number[],
  center: readonly number[],
  scale: readonly number[],
  mul: readonly number[] | undefined,
  add: readonly number[] | undefined,
  who: string,
): Matrix {
  const out = new Float64Array(X.data);
  const { rows, cols } = X;
  indices.forEach((j, k) => {
    const c = center[k]!, s = scale[k]!, m = mul?.[k] ?? 1, a = add?.[k] ?? 0;
    for (let i = 0; i < rows; i++) {
      const p = i * cols + j;
      const x = out[p]!;
      let y = ((x - c) / s) * m + a;
      if (y - y !== 0) y = ((x * 0.5 - c * 0.5) / (s * 0.5)) * m + a;
      out[p] = y;
    }
  });
  assertFiniteOutput(X, out, indices, who);
  return new Matrix(out, rows, cols, X.columns);
}

/** Inverse of affineColumns: x = (y - add) / mul * scale + center (on halves when that overflows). */
export function inverseAffineColumns(
  X: Matrix,
  indices: readonly number[],
  center: readonly number[],
  scale: readonly number[],
  mul: readonly number[] | undefined,
  add: readonly number[] | undefined,
  who: string,
): Matrix {
  const out = new Float64Array(X.data);
  const { rows, cols } = X;
  indices.forEach((j, k) => {
    const c = center[k]!, s = scale[k]!, m = mul?.[k] ?? 1, a = add?.[k] ?? 0;
    for (let i = 0; i < rows; i++) {
      const p = i * cols + j;
      const t = (out[p]! - a) / m;
      let x = t * s + c;
      if (x - x !== 0) {
        const half = t * (s * 0.5) + c * 0.5;
        x = half * 2;
        // A value that is ±1.8e308 to within rounding (the fitted extreme itself) is not an overflow.
        if (x - x !== 0 && Math.abs(half) <= (Number.MAX_VALUE / 2) * (1 + 1e-13)) x = Math.sign(half) * Number.MAX_VALUE;
      }
      out[p] = x;
    }
  });
  assertFiniteOutput(X, out, indices, who);
  return new Matrix(out, rows, cols, X.columns);
}

/**
 * Every transformed value is finite: a value whose image lies beyond ±1.8e308 cannot be represented,
 * and passing Infinity or NaN on would only fail later, far from its cause.
 */
export function assertFiniteOutput(X: Matrix, out: Float64Array, indices: readonly number[], who: string): void {
  const { rows, cols } = X;
  for (const j of indices) {
    for (let i = 0; i < rows; i++) {
      const y = out[i * cols + j]!;
      if (y - y !== 0) {
        const x = X.data[i * cols + j]!;
        throw inputError({ summary: `${who}: column "${X.columns[j]}" row ${i + 1}: ${x} transforms to ${y}, beyond the range of doubles (±1.8e308).`, check: 'overflow', what: `${x} transforms to ${y}`, where: { column: X.columns[j]!, row: i + 1 }, fix: 'the value is far outside what the transformer was fitted on; check it, or rescale the column first' });
      }
    }
  }
}

/** New Matrix like X where column j (for each listed j, with k its position) is mapped by f. */
export function mapColumns(X: Matrix, indices: readonly number[], f: (x: number, k: number) => number): Matrix {
  const out = new Float64Array(X.data);
  const { rows, cols } = X;
  indices.forEach((j, k) => {
    for (let i = 0; i < rows; i++) out[i * cols + j] = f(out[i * cols + j]!, k);
  });
  return new Matrix(out, rows, cols, X.columns);
}

/**
 * The input check every fitted column-wise transformer makes: a Matrix with the columns it was fitted
 * on, finite values (unless `requireFinite` is false) in the columns it transforms; returns their indices.
 */
export function fittedColumnIndices(
  X: Matrix,
  inputColumns: readonly string[],
  columns: readonly string[],
  who: string,
  requireFinite = true,
): number[] {
  assertMatrix(X, who, 0);
  checkFittedColumns(X.columns, inputColumns, who);
  const idx = columnIndices(X, columns, who);
  if (requireFinite) assertFiniteColumns(X, idx, who);
  return idx;
}
