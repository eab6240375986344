import { usageError } from '../../core/errors';
import { checkAnyLabels, type LabelsInput } from './clusterLabels';

/** Dense tables above this many cells are refused (two labellings with thousands of classes each). */
export const CONTINGENCY_MAX_CELLS = 4_000_000;

/** Cross-tabulation of two labellings of the same rows. */
export interface ContingencyTable {
  /** Distinct labels of `a` (table rows) and of `b` (table columns), ascending. */
  rowLabels: number[];
  colLabels: number[];
  /** counts[r * colLabels.length + c] = rows with a = rowLabels[r] and b = colLabels[c]. */
  counts: Float64Array;
  rowSums: Float64Array;
  colSums: Float64Array;
  n: number;
}

/** The non-zero cells only: what ARI and NMI need, in O(n) memory whatever the number of classes. */
export interface SparseContingency {
  rowSums: Float64Array;
  colSums: Float64Array;
  /** Count of every non-empty cell (order unspecified). */
  cells: Float64Array;
  /** Row and column index of every non-empty cell. */
  cellRows: Int32Array;
  cellCols: Int32Array;
  n: number;
}

/** Re-code any integer labels to 0..r-1 by ascending value. */
function codesOf(labels: Int32Array): { codes: Int32Array; values: number[] } {
  const values = Array.from(new Set(labels)).sort((x, y) => x - y);
  const index = new Map<number, number>();
  values.forEach((v, i) => index.set(v, i));
  const codes = new Int32Array(labels.length);
  // The common case is labels 0..k-1 (plus -1): a small lookup table beats the Map.
  const lo = values.length ? values[0]! : 0;
  const span = values.length ? values[values.length - 1]! - lo + 1 : 0;
  if (span <= Math.max(1024, 2 * labels.length)) {
    const table = new Int32Array(span);
    values.forEach((v, i) => (table[v - lo] = i));
    for (let i = 0; i < labels.length; i++) codes[i] = table[labels[i]! - lo]!;
  } else {
    for (let i = 0; i < labels.length; i++) codes[i] = index.get(labels[i]!)!;
  }
  return { codes, values };
}

function checkPair(a: LabelsInput, b: LabelsInput, who: string): [Int32Array, Int32Array] {
  const la = checkAnyLabels(a, who, 'labelsA');
  const lb = checkAnyLabels(b, who, 'labelsB');
  if (la.length !== lb.length) throw usageError(who, `labelsA has ${la.length} values and labelsB ${lb.length}; both must label the same rows`);
  return [la, lb];
}

/**
 * Sparse contingency of two labellings (every integer is a class, -1 included, as in scikit-learn's
 * comparison metrics). Internal entry for ARI / NMI: labels are checked here once.
 */
export function sparseContingency(a: LabelsInput, b: LabelsInput, who: string): SparseContingency & { rowLabels: number[]; colLabels: number[] } {
  const [la, lb] = checkPair(a, b, who);
  const A = codesOf(la);
  const B = codesOf(lb);
  const r = A.values.length;
  const c = B.values.length;
  const n = la.length;
  const rowSums = new Float64Array(r);
  const colSums = new Float64Array(c);
  for (let i = 0; i < n; i++) {
    rowSums[A.codes[i]!]!++;
    colSums[B.codes[i]!]!++;
  }
  let cells: Float64Array;
  let cellRows: Int32Array;
  let cellCols: Int32Array;
  if (r * c <= CONTINGENCY_MAX_CELLS) {
    const dense = new Float64Array(r * c);
    for (let i = 0; i < n; i++) dense[A.codes[i]! * c + B.codes[i]!]!++;
    let nz = 0;
    for (let t = 0; t < dense.length; t++) if (dense[t]! > 0) nz++;
    cells = new Float64Array(nz);
    cellRows = new Int32Array(nz);
    cellCols = new Int32Array(nz);
    for (let t = 0, o = 0; t < dense.length; t++) {
      if (dense[t]! > 0) {
        cells[o] = dense[t]!;
        cellRows[o] = Math.floor(t / c);
        cellCols[o] = t % c;
        o++;
      }
    }
  } else {
    // Many classes on both sides: count cell keys by sorting instead of a dense r × c table.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = A.codes[i]! * c + B.codes[i]!;
    keys.sort();
    const cellList: number[] = [];
    const keyList: number[] = [];
    for (let i = 0; i < n; ) {
      let j = i;
      while (j < n && keys[j] === keys[i]) j++;
      cellList.push(j - i);
      keyList.push(keys[i]!);
      i = j;
    }
    cells = Float64Array.from(cellList);
    cellRows = Int32Array.from(keyList, (key) => Math.floor(key / c));
    cellCols = Int32Array.from(keyList, (key) => key % c);
  }
  return { rowSums, colSums, cells, cellRows, cellCols, n, rowLabels: A.values, colLabels: B.values };
}

/**
 * Contingency table of two labellings of the same rows: rows = labels of `a`, columns = labels of `b`
 * (for a cross-tab of old vs new segments, or as the input of ARI / NMI by hand).
 */
export function contingencyTable(a: LabelsInput, b: LabelsInput): ContingencyTable {
  const who = 'contingencyTable';
  const [la, lb] = checkPair(a, b, who);
  const A = codesOf(la);
  const B = codesOf(lb);
  const r = A.values.length;
  const c = B.values.length;
  if (r * c > CONTINGENCY_MAX_CELLS) {
    throw usageError(who, `${r} × ${c} classes make a table of ${r * c} cells (limit ${CONTINGENCY_MAX_CELLS}); these look like ids, not cluster labels`);
  }
  const counts = new Float64Array(r * c);
  const rowSums = new Float64Array(r);
  const colSums = new Float64Array(c);
  for (let i = 0; i < la.length; i++) {
    counts[A.codes[i]! * c + B.codes[i]!]!++;
    rowSums[A.codes[i]!]!++;
    colSums[B.codes[i]!]!++;
  }
  return { rowLabels: A.values, colLabels: B.values, counts, rowSums, colSums, n: la.length };
}
