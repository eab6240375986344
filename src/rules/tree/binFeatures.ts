import type { Matrix } from '../../core/Matrix';
import { Rng } from '../../core/rng';

/** Rows the quantiles are read from at most; above this a seeded sample (with replacement) is sorted instead. */
export const QUANTILE_SAMPLE_ROWS = 100_000;

/** Features discretised once per fit: the candidate split points and each row's bin. */
export interface BinnedFeatures {
  /** Per feature, ascending candidate thresholds (a split sends x <= t left). */
  thresholds: Float64Array[];
  /**
   * Column-major bin codes: codes[f * rows + i] = how many thresholds of feature f lie below the row's
   * value, so `x <= thresholds[f][s]` exactly when the code is <= s.
   */
  codes: Uint16Array;
}

/**
 * A value as the tree reads it: NaN (missing) counts as `missing` — 0, as a missing number counts in a
 * rule comparison, or +Infinity for a field in days ("never happened", see rules/Condition.ts).
 */
export function treeValue(v: number, missing = 0): number {
  return v === v ? v : missing;
}

/**
 * Candidate thresholds per feature and the bin of every row (NaN read as missing[f], default 0). A feature with at most maxThresholds + 1
 * distinct values gets every midpoint; otherwise the cuts fall between distinct values at the quantiles
 * 1/(T+1), …, T/(T+1), so heavy ties (many zeros) never straddle a cut.
 */
export function binFeatures(X: Matrix, maxThresholds: number, seed: number, missing: Float64Array = new Float64Array(X.cols)): BinnedFeatures {
  const { rows, cols, data } = X;
  const codes = new Uint16Array(rows * cols);
  const thresholds: Float64Array[] = [];
  const m = Math.min(rows, QUANTILE_SAMPLE_ROWS);
  const sampled = rows > QUANTILE_SAMPLE_ROWS;
  const sampleRows = new Int32Array(m);
  if (sampled) {
    const rng = Rng.derive(seed, 'DecisionTree quantile sample');
    for (let i = 0; i < m; i++) sampleRows[i] = rng.int(rows);
    sampleRows.sort(); // walk X forwards
  } else for (let i = 0; i < m; i++) sampleRows[i] = i;
  const values = new Float64Array(m * cols);
  for (let i = 0; i < m; i++) {
    const off = sampleRows[i]! * cols;
    for (let f = 0; f < cols; f++) values[f * m + i] = treeValue(data[off + f]!, missing[f]);
  }
  for (let f = 0; f < cols; f++) {
    const col = values.subarray(f * m, (f + 1) * m);
    col.sort();
    thresholds.push(cutPoints(col, maxThresholds));
  }
  // One row-major pass over X (reading it once, not once per feature). A value's bin is found through
  // a uniform grid over the thresholds' range: cellOf is monotone, so a threshold in an earlier cell is
  // below the value and one in a later cell above it; only the value's own cell is searched.
  const grids = thresholds.map(makeGrid);
  for (let i = 0, off = 0; i < rows; i++, off += cols) {
    for (let f = 0; f < cols; f++) {
      const g = grids[f]!;
      const v = treeValue(data[off + f]!, missing[f]);
      const c = cellOf(g, v);
      let lo = g.first[c]!;
      const hi = g.first[c + 1]!;
      const thr = g.thr;
      while (lo < hi && thr[lo]! < v) lo++;
      codes[f * rows + i] = lo;
    }
  }
  return { thresholds, codes };
}

const GRID_CELLS = 4096;

interface Grid {
  thr: Float64Array;
  a: number;
  scale: number;
  /** first[c] = number of thresholds in cells before c (length cells + 1). */
  first: Int32Array;
}

function cellOf(g: Grid, v: number): number {
  const c = Math.floor((v - g.a) * g.scale);
  // NaN (+Infinity times a zero scale) searches from the first cell, which finds the same bin.
  return c >= GRID_CELLS ? GRID_CELLS - 1 : c >= 0 ? c : 0;
}

function makeGrid(thr: Float64Array): Grid {
  const nt = thr.length;
  const a = nt ? thr[0]! : 0;
  const span = nt ? thr[nt - 1]! - a : 0;
  const scale = span > 0 && Number.isFinite(GRID_CELLS / span) ? GRID_CELLS / span : 0;
  const g: Grid = { thr, a, scale, first: new Int32Array(GRID_CELLS + 1) };
  const perCell = new Int32Array(GRID_CELLS);
  for (let j = 0; j < nt; j++) perCell[cellOf(g, thr[j]!)]!++;
  for (let c = 0; c < GRID_CELLS; c++) g.first[c + 1] = g.first[c]! + perCell[c]!;
  return g;
}

/** Midpoint of two neighbouring values that still separates them (scikit-learn's guard). */
export function midpoint(a: number, b: number): number {
  const t = a / 2 + b / 2;
  return t >= b || t < a ? a : t;
}

function cutPoints(sorted: Float64Array, maxThresholds: number): Float64Array {
  const m = sorted.length;
  const distinct: number[] = [];
  const upTo: number[] = []; // rows with a value <= distinct[j]
  for (let i = 0; i < m; i++) {
    const v = sorted[i]!;
    if (distinct.length && distinct[distinct.length - 1] === v) upTo[upTo.length - 1]!++;
    else {
      distinct.push(v);
      upTo.push((upTo.length ? upTo[upTo.length - 1]! : 0) + 1);
    }
  }
  const out: number[] = [];
  if (distinct.length <= maxThresholds + 1) {
    for (let j = 0; j + 1 < distinct.length; j++) out.push(midpoint(distinct[j]!, distinct[j + 1]!));
    return Float64Array.from(out);
  }
  let j = 0;
  for (let q = 1; q <= maxThresholds; q++) {
    const target = (q * m) / (maxThresholds + 1);
    while (j + 1 < distinct.length && upTo[j]! < target) j++;
    if (j + 1 >= distinct.length) break;
    const t = midpoint(distinct[j]!, distinct[j + 1]!);
    if (!out.length || out[out.length - 1]! < t) out.push(t);
  }
  return Float64Array.from(out);
}
