import { checkFiniteMatrix } from '../core/checkFiniteMatrix';
import { InputError, usageError } from '../core/errors';
import type { Matrix } from '../core/Matrix';

export interface ClusterInputChecks {
  /** Who is checking, e.g. "KMeans.fit" (starts every message). */
  who: string;
  /** Number of clusters asked for: rows must be at least this many. */
  nClusters?: number;
  /** Allow columns that hold one value in every row (default false: they carry no information). */
  allowConstantColumns?: boolean;
}

/**
 * The public entry check of every clustering fit: core's checkFiniteMatrix (a Matrix with rows, finite values
 * named by column and 1-based row, no constant column unless allowed), then enough rows for the clusters asked for.
 * Inner loops trust what passed here.
 */
export function validateClusterInput(X: Matrix, checks: ClusterInputChecks): void {
  const { who, nClusters, allowConstantColumns = false } = checks;
  checkFiniteMatrix(X, who, {
    rowsNeed: 'clustering needs at least one row per cluster',
    refuseConstantColumns: !allowConstantColumns,
    fix: 'impute missing values (SimpleImputer) and clip or drop infinite ones before clustering',
    summary: 'the input cannot be clustered',
  });
  if (nClusters !== undefined && X.rows < nClusters) {
    throw new InputError(`${who}: n_samples=${X.rows} should be >= n_clusters=${nClusters}. Ask for fewer clusters or pass more rows.`);
  }
}

/** Check a sample-weight vector against the number of rows. */
export function validateSampleWeight(weight: Float64Array | readonly number[] | undefined, rows: number, who: string): Float64Array | undefined {
  if (weight === undefined) return undefined;
  if (weight.length !== rows) throw usageError(who, `sampleWeight has ${weight.length} values, expected one per row (${rows})`);
  const w = weight instanceof Float64Array ? weight : Float64Array.from(weight);
  let total = 0;
  for (let i = 0; i < w.length; i++) {
    const v = w[i]!;
    if (!Number.isFinite(v) || v < 0) throw usageError(who, `sampleWeight at row ${i + 1} is ${v}; weights must be finite and >= 0`);
    total += v;
  }
  if (total <= 0) throw usageError(who, 'sampleWeight sums to 0; at least one row needs a positive weight');
  return w;
}
