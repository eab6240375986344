import { checkParam, usageError } from '../../core/errors';
import { checkFrame, DESIGN_ENCODINGS, DesignEncoder, MISSING_LEVEL, OTHER_LEVEL, type DesignColumnSpec, type DesignEncoding } from './DesignEncoder';
import type { DesignColumn, FeatureFrame } from './FeatureFrame';

export interface DesignEncoderOptions {
  /** 'one-hot' for the logistic model and the MLP, 'codes' for the trees. */
  encoding: DesignEncoding;
  /** Levels below this share of the training rows are grouped into "(other)" (default 0.01). */
  minShare?: number;
  /**
   * At most this many levels per categorical keep their own column or code (the most frequent); the rest go
   * to "(other)". Default 254, so codes 0 … 254 fit the trees' 255 bins; lower it when the trees' maxBins is lower.
   */
  maxLevels?: number;
}

/** Default maxLevels: with "(other)", codes 0 … 254 (the histogram trees' maxBins of 255). */
export const DEFAULT_MAX_LEVELS = 254;

/**
 * Fit the design-matrix encoder on training rows: per categorical column its levels (most frequent first,
 * ties by name; those below minShare grouped into "(other)"), per numeric column its median and whether
 * it needs a missing indicator (one-hot). Columns keep the given order (the feature table's).
 */
export function fitDesignEncoder(frame: FeatureFrame, columns: readonly DesignColumn[], options: DesignEncoderOptions): DesignEncoder {
  checkParam(Array.isArray(columns) && columns.length > 0, 'columns', columns, 'a non-empty list of { name, role: numeric | categorical }');
  for (const c of columns) checkParam(!!c && typeof c.name === 'string' && c.name.length > 0 && (c.role === 'numeric' || c.role === 'categorical'), 'columns', c, '{ name, role: numeric | categorical }');
  const dup = columns.find((c, i) => columns.findIndex((d) => d.name === c.name) !== i);
  if (dup) throw usageError('fitDesignEncoder', `column "${dup.name}" is listed twice`);
  checkParam(!!options && (DESIGN_ENCODINGS as readonly string[]).includes(options.encoding), 'options.encoding', options?.encoding, DESIGN_ENCODINGS.join(' or '));
  const minShare = options.minShare ?? 0.01;
  checkParam(typeof minShare === 'number' && minShare >= 0 && minShare < 1, 'options.minShare', minShare, 'a share in [0, 1)');
  const maxLevels = options.maxLevels ?? DEFAULT_MAX_LEVELS;
  checkParam(Number.isInteger(maxLevels) && maxLevels >= 1, 'options.maxLevels', maxLevels, 'a whole number >= 1');
  checkFrame(frame, columns, 'fitDesignEncoder');
  if (frame.rowCount === 0) throw usageError('fitDesignEncoder', 'the frame has 0 rows', 'fit on at least one training row');

  const n = frame.rowCount;
  const specs: DesignColumnSpec[] = columns.map((c) => {
    if (c.role === 'numeric') {
      // codes: numbers pass as they are (NaN included); nothing to learn.
      if (options.encoding === 'codes') return { name: c.name, role: 'numeric', median: null, indicator: false };
      const v = frame.numeric[c.name]!;
      const known = new Float64Array(n);
      let m = 0;
      for (let i = 0; i < n; i++) if (v[i] === v[i]) known[m++] = v[i]!;
      return { name: c.name, role: 'numeric', median: median(known.subarray(0, m)), indicator: m < n };
    }
    const counts = new Map<string, number>();
    let missing = 0;
    for (const v of frame.categorical[c.name]!) {
      if (v === null || v === undefined) missing++;
      else counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    // one-hot: a missing category is a level of its own; codes: it stays NaN.
    if (options.encoding === 'one-hot' && missing > 0) counts.set(MISSING_LEVEL, missing);
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const kept = ranked.filter(([l, k]) => k >= minShare * n && l !== OTHER_LEVEL).map(([l]) => l).slice(0, maxLevels);
    return { name: c.name, role: 'categorical', levels: kept, other: kept.length < ranked.length };
  });
  return new DesignEncoder(options.encoding, minShare, specs);
}

/** Median of the known values (reordered in place, by selection: O(n)); 0 when there is none (the indicator column then carries everything). */
function median(values: Float64Array): number {
  const n = values.length;
  if (!n) return 0;
  const hi = select(values, n >> 1);
  if (n % 2) return hi;
  // The lower middle is the largest value left of the upper one after selection.
  let lo = -Infinity;
  for (let i = 0; i < n >> 1; i++) if (values[i]! > lo) lo = values[i]!;
  return (lo + hi) / 2;
}

/** The k-th smallest value (0-based); afterwards values[0..k) ≤ values[k] ≤ values(k..n) (Hoare partition, median-of-three pivot). */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const mid = (left + right) >> 1;
    // Median of three as the pivot, so sorted input stays linear.
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k]!;
  }
  return a[k]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
