import { checkMatrix } from '../../core/checkMatrix';
import { checkParam, usageError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';

/** How a feature reads in a sentence: "recency" with unit "days". */
export interface FeatureLabel {
  label: string;
  unit?: string;
}

export interface TopReasonsOptions {
  /** Words per column name (default: the column name, no unit). */
  labels?: Record<string, FeatureLabel>;
  /** The customers' feature values in original units (same rows and columns as the contributions), to say the value and whether it is high or low. */
  values?: Matrix;
  /**
   * The value each column is compared with, required with `values`: the baseline the contributions are
   * measured against (the training average for coefficient × (x − mean) and for TreeSHAP). Never the
   * explained rows' own median: among the riskiest customers, 550 days since the last order is "low".
   */
  reference?: Float64Array | readonly number[];
  /** Reasons per row (default 3). */
  count?: number;
}

export interface Reason {
  feature: string;
  contribution: number;
  /** The feature's value, when values were given. */
  value: number | null;
  /** 'high' / 'low' against the reference; null without values or when the value is missing (NaN). */
  level: 'high' | 'low' | null;
  /** "recency 120 days (high)". */
  phrase: string;
}

/**
 * The top reasons per customer, in words: the largest positive contributions of a row (rows × features,
 * from TreeSHAP or coefficient × standardised value; positive = pushes the risk up), largest first, ties by
 * column order, as "recency 120 days (high)". A value equal to its reference is no reason (nothing
 * "typical" explains a high risk) and is left out; a row with fewer positive contributions gets fewer reasons.
 */
export function topReasons(contributions: Matrix, options: TopReasonsOptions = {}): Reason[][] {
  const { labels = {}, values, count = 3 } = options;
  checkMatrix(contributions, 'topReasons', 'contributions');
  checkParam(Number.isInteger(count) && count >= 1, 'topReasons count', count, 'a whole number >= 1');
  const { rows, cols, columns } = contributions;
  if (values !== undefined) {
    checkMatrix(values, 'topReasons', 'values');
    if (values.rows !== rows || values.cols !== cols) throw usageError('topReasons', `values is ${values.rows} × ${values.cols} but contributions is ${rows} × ${cols}`, 'pass the feature values of the same rows and columns');
  }
  if (values !== undefined && options.reference === undefined) throw usageError('topReasons', 'values were given without a reference', 'pass reference: one value per column to compare with, the baseline of the contributions (e.g. the training averages)');
  const reference = values === undefined || options.reference === undefined ? null : Float64Array.from(options.reference);
  if (reference !== null && reference.length !== cols) throw usageError('topReasons', `reference has ${reference.length} values but there are ${cols} features`, 'pass one typical value per column');
  const words = columns.map((c) => labels[c] ?? { label: c });
  const out: Reason[][] = [];
  const picked = new Int32Array(count);
  for (let i = 0; i < rows; i++) {
    // Partial selection of the `count` largest positive contributions (count is small).
    let m = 0;
    for (let j = 0; j < cols; j++) {
      const c = contributions.data[i * cols + j]!;
      if (!(c > 0)) continue;
      if (reference !== null && values!.data[i * cols + j] === reference[j]) continue;
      let k = Math.min(m, count - 1);
      if (m === count && !(c > contributions.data[i * cols + picked[count - 1]!]!)) continue;
      while (k > 0 && c > contributions.data[i * cols + picked[k - 1]!]!) {
        picked[k] = picked[k - 1]!;
        k--;
      }
      picked[k] = j;
      if (m < count) m++;
    }
    const reasons: Reason[] = [];
    for (let k = 0; k < m; k++) {
      const j = picked[k]!;
      const { label, unit } = words[j]!;
      const value = values === undefined ? null : values.data[i * cols + j]!;
      const level = value === null || reference === null || Number.isNaN(value) || Number.isNaN(reference[j]!) ? null : value > reference[j]! ? 'high' : 'low';
      const phrase = value === null ? label : Number.isNaN(value) ? `${label} missing` : `${label} ${formatValue(value)}${unit ? ` ${unit}` : ''}${level ? ` (${level})` : ''}`;
      reasons.push({ feature: columns[j]!, contribution: contributions.data[i * cols + j]!, value, level, phrase });
    }
    out.push(reasons);
  }
  return out;
}

/** A number as a phrase reads it: whole numbers as they are (from 100 up rounded), others to 3 significant digits. */
function formatValue(v: number): string {
  if (Number.isInteger(v) || Math.abs(v) >= 100) return String(Math.round(v));
  return String(Number(v.toPrecision(3)));
}
