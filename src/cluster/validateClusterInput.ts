import { InputError, UsageError, type Problem } from '../core/errors';
import { Matrix } from '../core/Matrix';

export interface ClusterInputChecks {
  /** Who is checking, e.g. "KMeans.fit" (starts every message). */
  who: string;
  /** Number of clusters asked for: rows must be at least this many. */
  nClusters?: number;
  /** Allow columns that hold one value in every row (default false: they carry no information). */
  allowConstantColumns?: boolean;
}

/**
 * The public entry check of every clustering fit: a Matrix with rows, finite values (the first bad
 * value is named by column and 1-based row), enough rows for the clusters asked for, and no constant column.
 * Inner loops trust what passed here.
 */
export function validateClusterInput(X: Matrix, checks: ClusterInputChecks): void {
  const { who, nClusters, allowConstantColumns = false } = checks;
  if (!(X instanceof Matrix)) throw new UsageError(`${who}: X must be a Matrix (got ${X === null ? 'null' : typeof X}).`);
  if (X.rows === 0) throw new InputError(`${who}: the input has 0 rows; clustering needs at least one row per cluster.`);
  if (X.cols === 0) throw new InputError(`${who}: the input has 0 columns; pass at least one feature.`);
  if (nClusters !== undefined && X.rows < nClusters) {
    throw new InputError(`${who}: n_samples=${X.rows} should be >= n_clusters=${nClusters}. Ask for fewer clusters or pass more rows.`);
  }
  const problems: Problem[] = [];
  const { data, rows, cols } = X;
  // One row-major pass (the data's own order) collects every column's statistics at once.
  const badCount = new Float64Array(cols);
  const firstBadRow = new Int32Array(cols).fill(-1);
  const firstBadValue = new Float64Array(cols);
  const colMin = new Float64Array(cols).fill(Infinity);
  const colMax = new Float64Array(cols).fill(-Infinity);
  for (let i = 0, p = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, p++) {
      const v = data[p]!;
      // v - v is 0 exactly when v is finite (NaN and ±Infinity give NaN).
      if (v - v === 0) {
        if (v < colMin[j]!) colMin[j] = v;
        if (v > colMax[j]!) colMax[j] = v;
      } else {
        if (badCount[j] === 0) {
          firstBadRow[j] = i;
          firstBadValue[j] = v;
        }
        badCount[j]!++;
      }
    }
  }
  for (let j = 0; j < cols; j++) {
    const bad = badCount[j]!;
    const firstBad = firstBadRow[j]!;
    const firstValue = firstBadValue[j]!;
    const min = colMin[j]!;
    const max = colMax[j]!;
    const column = X.columns[j]!;
    if (bad > 0) {
      problems.push({
        severity: 'error',
        check: 'non-finite',
        message: `value ${String(firstValue)} is not a finite number`,
        location: { column, row: firstBad + 1 },
        count: bad,
        share: bad / rows,
        hint: 'impute missing values (SimpleImputer) and clip or drop infinite ones before clustering',
      });
    } else if (!allowConstantColumns && rows > 1 && min === max) {
      problems.push({
        severity: 'error',
        check: 'constant-column',
        message: `every row holds ${min}; a constant column cannot separate clusters`,
        location: { column },
        count: rows,
        share: 1,
        hint: `drop column "${column}" from the clustering features`,
      });
    }
  }
  if (problems.length) throw new InputError(`${who}: the input cannot be clustered.`, problems);
}

/** Check a sample-weight vector against the number of rows. */
export function validateSampleWeight(weight: Float64Array | readonly number[] | undefined, rows: number, who: string): Float64Array | undefined {
  if (weight === undefined) return undefined;
  if (weight.length !== rows) throw new UsageError(`${who}: sampleWeight has ${weight.length} values, expected one per row (${rows}).`);
  const w = weight instanceof Float64Array ? weight : Float64Array.from(weight);
  let total = 0;
  for (let i = 0; i < w.length; i++) {
    const v = w[i]!;
    if (!Number.isFinite(v) || v < 0) throw new UsageError(`${who}: sampleWeight at row ${i + 1} is ${v}; weights must be finite and >= 0.`);
    total += v;
  }
  if (total <= 0) throw new UsageError(`${who}: sampleWeight sums to 0; at least one row needs a positive weight.`);
  return w;
}
