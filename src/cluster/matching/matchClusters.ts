import { checkParam, usageError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import { NOISE } from '../ClusterModel';
import { checkClusterLabels, type LabelsInput } from '../metrics/clusterLabels';

/** An optimal assignment of a rectangular cost matrix. */
export interface Assignment {
  /** Column assigned to every row, or -1 when there are more rows than columns and the row is left out. */
  rowToCol: Int32Array;
  /** Row assigned to every column, or -1 when there are more columns than rows. */
  colToRow: Int32Array;
  /** Sum of the costs of the assigned pairs (the minimum possible). */
  totalCost: number;
}

/**
 * Shortest-augmenting-path Hungarian algorithm (Kuhn–Munkres with Jonker–Volgenant style potentials),
 * O(n²·m) for n <= m. `a` is n × m row-major and trusted; returns the column of every row.
 */
function assignRows(a: Float64Array, n: number, m: number): Int32Array {
  // 1-based potentials u (rows), v (columns); p[j] = row matched to column j (0 = none).
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      const row = (i0 - 1) * m;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = a[row + j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    // Flip the augmenting path.
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const rowToCol = new Int32Array(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j]! > 0) rowToCol[p[j]! - 1] = j - 1;
  return rowToCol;
}

/**
 * Minimum-cost assignment for a rows × cols cost matrix (row-major), rectangular allowed: every row is
 * assigned when rows <= cols, every column when rows > cols. Costs must be finite (give forbidden pairs
 * a large finite cost). Exact, O(n²·m) with n = min(rows, cols), m = max(rows, cols).
 */
export function hungarian(cost: Float64Array, rows: number, cols: number): Assignment {
  const who = 'hungarian';
  checkParam(cost instanceof Float64Array, `${who} cost`, typeof cost, 'a Float64Array (row-major rows × cols)');
  checkParam(Number.isInteger(rows) && rows >= 0, `${who} rows`, rows, 'an integer >= 0');
  checkParam(Number.isInteger(cols) && cols >= 0, `${who} cols`, cols, 'an integer >= 0');
  if (cost.length !== rows * cols) throw usageError(who, `cost has ${cost.length} values, expected rows × cols = ${rows} × ${cols} = ${rows * cols}`);
  for (let t = 0; t < cost.length; t++) {
    if (!Number.isFinite(cost[t]!)) {
      throw usageError(who, `cost at row ${Math.floor(t / cols)}, column ${t % cols} is ${cost[t]}; costs must be finite (use a large number for a forbidden pair)`);
    }
  }
  const rowToCol = new Int32Array(rows).fill(-1);
  const colToRow = new Int32Array(cols).fill(-1);
  if (rows > 0 && cols > 0) {
    if (rows <= cols) {
      assignRows(cost, rows, cols).forEach((j, i) => {
        rowToCol[i] = j;
        colToRow[j] = i;
      });
    } else {
      const t = new Float64Array(rows * cols);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = cost[i * cols + j]!;
      assignRows(t, cols, rows).forEach((i, j) => {
        colToRow[j] = i;
        rowToCol[i] = j;
      });
    }
  }
  let totalCost = 0;
  rowToCol.forEach((j, i) => {
    if (j >= 0) totalCost += cost[i * cols + j]!;
  });
  return { rowToCol, colToRow, totalCost };
}

export interface ClusterMatch {
  /** Cluster index in the current (new) fit. */
  current: number;
  /** Segment id it keeps from the previous fit. */
  previous: number;
  /** Euclidean distance between the two centroids. */
  distance: number;
}

export interface ClusterMatching {
  /** mapping[c] = segment id of current cluster c: a previous id when matched, a new id otherwise. */
  mapping: number[];
  /** Matched pairs, by current cluster. */
  matches: ClusterMatch[];
  /** Current clusters without a previous counterpart and the new ids they receive (ascending). */
  newClusters: { current: number; id: number }[];
  /** Previous ids with no current counterpart. */
  disappeared: number[];
  /** Sum of the matched distances (the minimum over all one-to-one matchings). */
  totalDistance: number;
}

export interface MatchClustersOptions {
  /** A match farther than this is not a match: the new cluster gets a new id and the old one disappears. */
  maxDistance?: number;
  /** First id for unmatched new clusters (default: previous cluster count), e.g. when ids were retired before. */
  nextId?: number;
}

/**
 * Keep segment identities across refits: match the current centroids to the previous ones one to one,
 * minimising the total Euclidean distance (Hungarian algorithm). Row i of previousCentroids is segment
 * id i. Extra current clusters get new ids (nextId, nextId + 1, … in order of current index); previous
 * ids left without a partner are reported as disappeared. Both matrices need the same columns.
 */
export function matchClusters(previousCentroids: Matrix, currentCentroids: Matrix, options: MatchClustersOptions = {}): ClusterMatching {
  const who = 'matchClusters';
  checkParam(previousCentroids instanceof Matrix, `${who} previousCentroids`, typeof previousCentroids, 'a Matrix (one row per previous segment)');
  checkParam(currentCentroids instanceof Matrix, `${who} currentCentroids`, typeof currentCentroids, 'a Matrix (one row per current cluster)');
  const { maxDistance = Infinity, nextId = previousCentroids.rows } = options;
  checkParam(typeof maxDistance === 'number' && maxDistance >= 0, `${who} maxDistance`, maxDistance, 'a number >= 0');
  checkParam(Number.isInteger(nextId) && nextId >= previousCentroids.rows, `${who} nextId`, nextId, `an integer >= ${previousCentroids.rows} (the previous segment count)`);
  const P = previousCentroids;
  const C = currentCentroids;
  const sameColumns = P.cols === C.cols && P.columns.every((c, j) => c === C.columns[j]);
  if (!sameColumns) {
    throw usageError(who, `previous and current centroids must have the same columns in the same order (previous: ${P.columns.join(', ')}; current: ${C.columns.join(', ')})`);
  }
  for (const [name, M] of [['previousCentroids', P], ['currentCentroids', C]] as const) {
    for (let t = 0; t < M.data.length; t++) {
      if (!Number.isFinite(M.data[t]!)) throw usageError(who, `${name} row ${Math.floor(t / M.cols)}, column "${M.columns[t % M.cols]}" is ${M.data[t]}; centroids must be finite`);
    }
  }
  const d = P.cols;
  // Cost: current (rows) × previous (cols) distances.
  const cost = new Float64Array(C.rows * P.rows);
  for (let c = 0; c < C.rows; c++) {
    for (let p = 0; p < P.rows; p++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const diff = C.data[c * d + j]! - P.data[p * d + j]!;
        s += diff * diff;
      }
      cost[c * P.rows + p] = Math.sqrt(s);
    }
  }
  const { rowToCol } = hungarian(cost, C.rows, P.rows);
  const mapping: number[] = [];
  const matches: ClusterMatch[] = [];
  const newClusters: { current: number; id: number }[] = [];
  const kept = new Uint8Array(P.rows);
  let id = nextId;
  let totalDistance = 0;
  for (let c = 0; c < C.rows; c++) {
    const p = rowToCol[c]!;
    const distance = p >= 0 ? cost[c * P.rows + p]! : Infinity;
    if (p >= 0 && distance <= maxDistance) {
      mapping.push(p);
      matches.push({ current: c, previous: p, distance });
      kept[p] = 1;
      totalDistance += distance;
    } else {
      mapping.push(id);
      newClusters.push({ current: c, id });
      id++;
    }
  }
  const disappeared: number[] = [];
  for (let p = 0; p < P.rows; p++) if (!kept[p]) disappeared.push(p);
  return { mapping, matches, newClusters, disappeared, totalDistance };
}

/** New labels through a mapping (current cluster → segment id); noise (-1) stays -1. */
export function relabel(labels: LabelsInput, mapping: readonly number[] | Int32Array): Int32Array {
  const who = 'relabel';
  checkParam(Array.isArray(mapping) || mapping instanceof Int32Array, `${who} mapping`, typeof mapping, 'an array of segment ids, one per current cluster');
  for (let c = 0; c < mapping.length; c++) {
    checkParam(Number.isInteger(mapping[c]) && mapping[c]! >= 0, `${who} mapping[${c}]`, mapping[c], 'an integer id >= 0');
  }
  const checked = checkClusterLabels(labels, labels.length, who);
  const out = new Int32Array(checked.length);
  for (let i = 0; i < checked.length; i++) {
    const l = checked[i]!;
    if (l === NOISE) {
      out[i] = NOISE;
      continue;
    }
    if (l >= mapping.length) throw usageError(who, `labels[${i}] is ${l} but the mapping covers clusters 0..${mapping.length - 1}`);
    out[i] = mapping[l]!;
  }
  return out;
}
