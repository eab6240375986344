import { checkParam, usageError } from '../../core/errors';

export interface KDTreeOptions {
  /** Points per leaf are between leafSize/2 and leafSize (as scikit-learn); default 32. */
  leafSize?: number;
  /** Non-negative weight per row; `countWithin` then sums weights instead of counting points. */
  weights?: Float64Array;
}

/** Result of `kNearest`: original row indices and Euclidean distances, nearest first (ties: lower row first). */
export interface KNearestResult {
  indices: Int32Array;
  distances: Float64Array;
}

/**
 * A k-d tree over the rows of a row-major Float64Array, for Euclidean radius and nearest-neighbour
 * queries without an n² distance matrix.
 *
 * Layout follows scikit-learn's KDTree: a complete binary tree in arrays (children of node i are
 * 2i+1 and 2i+2), each node splitting its range at the middle along the dimension of largest spread,
 * with a bounding box per node. Points are copied in tree order so a leaf is one contiguous block.
 *
 * A point is within radius r of q when its squared distance, summed dimension by dimension in column
 * order, is <= r*r — the same arithmetic as scikit-learn's tree, so boundary cases agree exactly.
 * Rows are assumed finite (callers validate).
 */
export class KDTree {
  readonly rows: number;
  readonly cols: number;
  private readonly pts: Float64Array;
  /** Original row of the point at each tree position. */
  private readonly idx: Int32Array;
  private readonly nNodes: number;
  private readonly firstLeaf: number;
  private readonly nodeStart: Int32Array;
  private readonly nodeEnd: Int32Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  /** Split dimension and value of each inner node: the right child holds values >= splitValue. */
  private readonly splitDim: Int32Array;
  private readonly splitValue: Float64Array;
  private readonly posWeight: Float64Array | null;
  private readonly nodeWeight: Float64Array | null;
  private readonly stack: Int32Array;
  private readonly stackDist: Float64Array;
  private out: Int32Array;
  /** Active set for takeWithin: a flag per tree position and the number of active points per node. */
  private active: Uint8Array | null = null;
  private nodeActive: Int32Array | null = null;
  private posOfRow: Int32Array | null = null;
  /** Scratch for nearestInto. */
  private readonly one = new Int32Array(1);
  private readonly oneDist = new Float64Array(1);

  constructor(data: Float64Array, rows: number, cols: number, options: KDTreeOptions = {}) {
    const { leafSize = 32, weights } = options;
    checkParam(data instanceof Float64Array, 'KDTree data', typeof data, 'a Float64Array');
    checkParam(Number.isInteger(rows) && rows >= 0 && Number.isInteger(cols) && cols >= 1, 'KDTree shape', [rows, cols], 'rows >= 0 and cols >= 1 (integers)');
    if (data.length !== rows * cols) throw usageError('KDTree', `data has ${data.length} values, expected rows*cols = ${rows}*${cols} = ${rows * cols}`);
    checkParam(Number.isInteger(leafSize) && leafSize >= 1, 'KDTree leafSize', leafSize, 'an integer >= 1');
    if (weights !== undefined && weights.length !== rows) throw usageError('KDTree', `weights has ${weights.length} values, expected ${rows}`);
    this.rows = rows;
    this.cols = cols;
    const n = rows;
    const d = cols;
    // Same depth rule as scikit-learn: leaves hold between leafSize/2 and leafSize points.
    const levels = Math.floor(Math.log2(Math.max(1, (n - 1) / leafSize))) + 1;
    const nNodes = 2 ** levels - 1;
    const firstLeaf = 2 ** (levels - 1) - 1;
    const nodeStart = new Int32Array(nNodes);
    const nodeEnd = new Int32Array(nNodes);
    const lo = new Float64Array(nNodes * d);
    const hi = new Float64Array(nNodes * d);
    const splitDim = new Int32Array(nNodes);
    const splitValue = new Float64Array(nNodes);
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    nodeEnd[0] = n;
    // Parents precede children in array order, so one forward sweep builds the tree.
    for (let node = 0; node < nNodes; node++) {
      const s = nodeStart[node]!;
      const e = nodeEnd[node]!;
      const b = node * d;
      for (let j = 0; j < d; j++) {
        lo[b + j] = Infinity;
        hi[b + j] = -Infinity;
      }
      for (let p = s; p < e; p++) {
        const r = idx[p]! * d;
        for (let j = 0; j < d; j++) {
          const v = data[r + j]!;
          if (v < lo[b + j]!) lo[b + j] = v;
          if (v > hi[b + j]!) hi[b + j] = v;
        }
      }
      if (node >= firstLeaf) continue;
      let dim = 0;
      let spread = -1;
      for (let j = 0; j < d; j++) {
        const w = hi[b + j]! - lo[b + j]!;
        if (w > spread) {
          spread = w;
          dim = j;
        }
      }
      const mid = s + ((e - s) >> 1);
      if (e - s > 1) selectNth(idx, data, d, dim, s, e - 1, mid);
      splitDim[node] = dim;
      splitValue[node] = mid < e ? data[idx[mid]! * d + dim]! : 0;
      nodeStart[2 * node + 1] = s;
      nodeEnd[2 * node + 1] = mid;
      nodeStart[2 * node + 2] = mid;
      nodeEnd[2 * node + 2] = e;
    }
    this.nNodes = nNodes;
    this.firstLeaf = firstLeaf;
    this.nodeStart = nodeStart;
    this.nodeEnd = nodeEnd;
    this.lo = lo;
    this.hi = hi;
    this.splitDim = splitDim;
    this.splitValue = splitValue;
    this.idx = idx;
    this.pts = new Float64Array(n * d);
    const pts = this.pts;
    for (let p = 0, o = 0; p < n; p++) {
      const r = idx[p]! * d;
      for (let j = 0; j < d; j++) pts[o++] = data[r + j]!;
    }
    if (weights) {
      this.posWeight = new Float64Array(n);
      for (let p = 0; p < n; p++) this.posWeight[p] = weights[idx[p]!]!;
      // Children before parents: sum leaves directly, inner nodes from their children.
      this.nodeWeight = new Float64Array(this.nNodes);
      for (let node = this.nNodes - 1; node >= 0; node--) {
        if (node >= this.firstLeaf) {
          let s = 0;
          for (let p = this.nodeStart[node]!; p < this.nodeEnd[node]!; p++) s += this.posWeight[p]!;
          this.nodeWeight[node] = s;
        } else {
          this.nodeWeight[node] = this.nodeWeight[2 * node + 1]! + this.nodeWeight[2 * node + 2]!;
        }
      }
    } else {
      this.posWeight = null;
      this.nodeWeight = null;
    }
    // Depth-first traversal keeps at most one pending sibling per level.
    this.stack = new Int32Array(2 * levels + 2);
    this.stackDist = new Float64Array(2 * levels + 2);
    this.out = new Int32Array(Math.max(16, Math.min(n, 1024)));
  }

  /**
   * Original rows within `radius` of the point q[qOff .. qOff+cols), in no particular order.
   * The returned array is a view into a buffer that the next query overwrites; copy it to keep it.
   */
  neighborsInto(q: Float64Array, qOff: number, radius: number): Int32Array {
    const r2 = radius * radius;
    const d = this.cols;
    const { pts, idx, nodeStart, nodeEnd, stack, firstLeaf } = this;
    let out = this.out;
    let count = 0;
    let sp = 0;
    if (this.rows > 0) stack[sp++] = 0;
    while (sp > 0) {
      const node = stack[--sp]!;
      if (this.boxBounds(q, qOff, node) > r2) continue;
      const maxD = this.boxMax;
      const s = nodeStart[node]!;
      const e = nodeEnd[node]!;
      if (maxD <= r2) {
        // The whole box is inside the ball: take every point without measuring it.
        if (count + (e - s) > out.length) out = this.grow(count + (e - s));
        for (let p = s; p < e; p++) out[count++] = idx[p]!;
      } else if (node >= firstLeaf) {
        for (let p = s; p < e; p++) {
          const r = p * d;
          let dist = 0;
          for (let j = 0; j < d; j++) {
            const t = q[qOff + j]! - pts[r + j]!;
            dist += t * t;
          }
          if (dist <= r2) {
            if (count === out.length) out = this.grow(count + 1);
            out[count++] = idx[p]!;
          }
        }
      } else {
        stack[sp++] = 2 * node + 2;
        stack[sp++] = 2 * node + 1;
      }
    }
    return out.subarray(0, count);
  }

  /** Original rows within `radius` of `point` (a copy), sorted by row. */
  queryRadius(point: ArrayLike<number>, radius: number): Int32Array {
    this.checkPoint(point, 'KDTree.queryRadius');
    checkParam(typeof radius === 'number' && radius >= 0 && !Number.isNaN(radius), 'KDTree.queryRadius radius', radius, 'a number >= 0');
    return Int32Array.from(this.neighborsInto(Float64Array.from(point), 0, radius)).sort();
  }

  /**
   * Start (or restart) an active set holding every row, for `takeWithin` and `deactivate`: a visit
   * order such as a cluster's growth, where each row is wanted once, skips the parts of the tree
   * already taken instead of listing them again.
   */
  resetActive(): void {
    this.active ??= new Uint8Array(this.rows);
    this.nodeActive ??= new Int32Array(this.nNodes);
    this.active.fill(1);
    for (let node = 0; node < this.nNodes; node++) this.nodeActive[node] = this.nodeEnd[node]! - this.nodeStart[node]!;
    if (!this.posOfRow) {
      this.posOfRow = new Int32Array(this.rows);
      for (let p = 0; p < this.rows; p++) this.posOfRow[this.idx[p]!] = p;
    }
  }

  /** Remove one row from the active set (no-op when it is not in it). */
  deactivate(row: number): void {
    const active = this.requireActive();
    const p = this.posOfRow![row]!;
    if (!active[p]) return;
    active[p] = 0;
    // Walk down to the leaf holding position p, then back up decrementing the counts.
    let node = 0;
    while (node < this.firstLeaf) node = p < this.nodeStart[2 * node + 2]! ? 2 * node + 1 : 2 * node + 2;
    this.releaseUp(node, 1);
  }

  /**
   * Active rows within `radius` of q[qOff ..], removed from the active set as they are returned
   * (a view overwritten by the next query). Subtrees with no active row are skipped whole.
   */
  takeWithin(q: Float64Array, qOff: number, radius: number): Int32Array {
    const active = this.requireActive();
    const nodeActive = this.nodeActive!;
    const r2 = radius * radius;
    const d = this.cols;
    const { pts, idx, nodeStart, nodeEnd, stack, firstLeaf } = this;
    let out = this.out;
    let count = 0;
    let sp = 0;
    if (nodeActive[0]! > 0) stack[sp++] = 0;
    while (sp > 0) {
      const node = stack[--sp]!;
      if (nodeActive[node] === 0) continue;
      if (this.boxBounds(q, qOff, node) > r2) continue;
      const maxD = this.boxMax;
      const s = nodeStart[node]!;
      const e = nodeEnd[node]!;
      if (maxD <= r2) {
        const taken = nodeActive[node]!;
        if (count + taken > out.length) out = this.grow(count + taken);
        for (let p = s; p < e; p++) {
          if (!active[p]) continue;
          active[p] = 0;
          out[count++] = idx[p]!;
        }
        // Descendants keep stale counts, but no query reaches them past this empty node.
        this.releaseUp(node, taken);
      } else if (node >= firstLeaf) {
        let taken = 0;
        for (let p = s; p < e; p++) {
          if (!active[p]) continue;
          const r = p * d;
          let dist = 0;
          for (let j = 0; j < d; j++) {
            const t = q[qOff + j]! - pts[r + j]!;
            dist += t * t;
          }
          if (dist <= r2) {
            if (count === out.length) out = this.grow(count + 1);
            active[p] = 0;
            out[count++] = idx[p]!;
            taken++;
          }
        }
        if (taken) this.releaseUp(node, taken);
      } else {
        stack[sp++] = 2 * node + 2;
        stack[sp++] = 2 * node + 1;
      }
    }
    return out.subarray(0, count);
  }

  /** Subtract `taken` from the active count of node and every ancestor. */
  private releaseUp(node: number, taken: number): void {
    const nodeActive = this.nodeActive!;
    for (let n = node; ; n = (n - 1) >> 1) {
      nodeActive[n] = nodeActive[n]! - taken;
      if (n === 0) break;
    }
  }

  private requireActive(): Uint8Array {
    if (!this.active) throw usageError('KDTree', 'call resetActive() before takeWithin / deactivate');
    return this.active;
  }

  /**
   * Number of rows (or their total weight, when the tree has weights) within `radius` of q[qOff ..].
   * Stops as soon as the total reaches `stopAt`: enough to decide "at least stopAt" (weights are >= 0).
   */
  countWithin(q: Float64Array, qOff: number, radius: number, stopAt = Infinity): number {
    const r2 = radius * radius;
    const d = this.cols;
    const { pts, nodeStart, nodeEnd, stack, firstLeaf, nodeWeight, posWeight, splitDim, splitValue } = this;
    let total = 0;
    let sp = 0;
    if (this.rows > 0) stack[sp++] = 0;
    while (sp > 0) {
      const node = stack[--sp]!;
      if (this.boxBounds(q, qOff, node) > r2) continue;
      const maxD = this.boxMax;
      const s = nodeStart[node]!;
      const e = nodeEnd[node]!;
      if (maxD <= r2) {
        total += nodeWeight ? nodeWeight[node]! : e - s;
      } else if (node >= firstLeaf) {
        for (let p = s; p < e; p++) {
          const r = p * d;
          let dist = 0;
          for (let j = 0; j < d; j++) {
            const t = q[qOff + j]! - pts[r + j]!;
            dist += t * t;
          }
          if (dist <= r2) total += posWeight ? posWeight[p]! : 1;
        }
      } else {
        // Nearer child on top: the count reaches stopAt sooner.
        if (q[qOff + splitDim[node]!]! < splitValue[node]!) {
          stack[sp++] = 2 * node + 2;
          stack[sp++] = 2 * node + 1;
        } else {
          stack[sp++] = 2 * node + 1;
          stack[sp++] = 2 * node + 2;
        }
      }
      if (total >= stopAt) return total;
    }
    return total;
  }

  /**
   * The k nearest rows to q[qOff ..] with squared distance <= maxDist2, written nearest first into
   * outIdx / outDist2 (squared distances); equal distances are ordered by row. Returns how many were found.
   */
  kNearestInto(q: Float64Array, qOff: number, k: number, outIdx: Int32Array, outDist2: Float64Array, maxDist2 = Infinity): number {
    const d = this.cols;
    const { pts, idx, nodeStart, nodeEnd, stack, stackDist, firstLeaf } = this;
    // Max-heap of the best k so far, keyed by (distance, row): the root is the one to drop next.
    let size = 0;
    let sp = 0;
    if (this.rows > 0 && k > 0) {
      stack[sp] = 0;
      stackDist[sp++] = 0;
    }
    while (sp > 0) {
      --sp;
      const node = stack[sp]!;
      const nodeMin = stackDist[sp]!;
      const bound = size === k ? outDist2[0]! : maxDist2;
      // Strictly farther boxes only: an equal distance may still hold a lower row.
      if (nodeMin > bound) continue;
      if (node >= firstLeaf) {
        for (let p = nodeStart[node]!, e = nodeEnd[node]!; p < e; p++) {
          const r = p * d;
          let dist = 0;
          for (let j = 0; j < d; j++) {
            const t = q[qOff + j]! - pts[r + j]!;
            dist += t * t;
          }
          const row = idx[p]!;
          if (size < k) {
            if (dist > maxDist2) continue;
            heapPush(outIdx, outDist2, size++, row, dist);
          } else if (dist < outDist2[0]! || (dist === outDist2[0]! && row < outIdx[0]!)) {
            heapReplaceRoot(outIdx, outDist2, size, row, dist);
          }
        }
        continue;
      }
      const left = 2 * node + 1;
      const right = left + 1;
      const dl = this.minDist2(q, qOff, left);
      const dr = this.minDist2(q, qOff, right);
      // Push the farther child first so the nearer one is searched first and tightens the bound.
      if (dl <= dr) {
        stack[sp] = right;
        stackDist[sp++] = dr;
        stack[sp] = left;
        stackDist[sp++] = dl;
      } else {
        stack[sp] = left;
        stackDist[sp++] = dl;
        stack[sp] = right;
        stackDist[sp++] = dr;
      }
    }
    // Heap sort in place: repeatedly move the worst to the end.
    for (let m = size - 1; m > 0; m--) {
      const ti = outIdx[0]!, td = outDist2[0]!;
      outIdx[0] = outIdx[m]!;
      outDist2[0] = outDist2[m]!;
      outIdx[m] = ti;
      outDist2[m] = td;
      siftDown(outIdx, outDist2, 0, m);
    }
    return size;
  }

  /** The k nearest rows to `point` (k <= rows), nearest first; ties by lower row. */
  kNearest(point: ArrayLike<number>, k: number): KNearestResult {
    this.checkPoint(point, 'KDTree.kNearest');
    checkParam(Number.isInteger(k) && k >= 1 && k <= this.rows, 'KDTree.kNearest k', k, `an integer in [1, ${this.rows}] (the number of rows)`);
    const indices = new Int32Array(k);
    const d2 = new Float64Array(k);
    this.kNearestInto(Float64Array.from(point), 0, k, indices, d2);
    return { indices, distances: d2.map(Math.sqrt) };
  }

  /** The nearest row to q[qOff ..] within squared distance maxDist2 (ties: lower row), or -1. */
  nearestInto(q: Float64Array, qOff: number, maxDist2 = Infinity): number {
    const i = this.one;
    return this.kNearestInto(q, qOff, 1, i, this.oneDist, maxDist2) === 1 ? i[0]! : -1;
  }

  /** Farthest squared distance from q to the node's box, set by boxBounds (a field: no allocation in the query loops). */
  private boxMax = 0;

  /** Nearest squared distance from q to the node's box (returned) and the farthest (left in boxMax). */
  private boxBounds(q: Float64Array, qOff: number, node: number): number {
    const d = this.cols;
    const b = node * d;
    const { lo, hi } = this;
    let minD = 0;
    let maxD = 0;
    for (let j = 0; j < d; j++) {
      const x = q[qOff + j]!;
      const a = x - lo[b + j]!;
      const c = hi[b + j]! - x;
      if (a < 0) minD += a * a;
      else if (c < 0) minD += c * c;
      const m = a > c ? a : c;
      maxD += m * m;
    }
    this.boxMax = maxD;
    return minD;
  }

  private minDist2(q: Float64Array, qOff: number, node: number): number {
    const d = this.cols;
    const b = node * d;
    let minD = 0;
    for (let j = 0; j < d; j++) {
      const x = q[qOff + j]!;
      const a = this.lo[b + j]! - x;
      const c = x - this.hi[b + j]!;
      if (a > 0) minD += a * a;
      else if (c > 0) minD += c * c;
    }
    return minD;
  }

  private grow(need: number): Int32Array {
    let size = this.out.length * 2;
    while (size < need) size *= 2;
    const next = new Int32Array(size);
    next.set(this.out);
    this.out = next;
    return next;
  }

  private checkPoint(point: ArrayLike<number>, who: string): void {
    if (point == null || point.length !== this.cols) {
      throw usageError(who, `the point has ${point == null ? 'no' : point.length} values, expected ${this.cols} (one per column)`);
    }
    for (let j = 0; j < this.cols; j++) {
      if (!Number.isFinite(point[j])) throw usageError(who, `value ${point[j]} at position ${j + 1} is not a finite number`);
    }
  }
}

/** (d, row) is worse than (e, row2): larger distance, or the same distance and a larger row. */
function worse(d: number, row: number, e: number, row2: number): boolean {
  return d > e || (d === e && row > row2);
}

function heapPush(hi: Int32Array, hd: Float64Array, size: number, row: number, dist: number): void {
  let c = size;
  while (c > 0) {
    const p = (c - 1) >> 1;
    if (!worse(dist, row, hd[p]!, hi[p]!)) break;
    hi[c] = hi[p]!;
    hd[c] = hd[p]!;
    c = p;
  }
  hi[c] = row;
  hd[c] = dist;
}

function heapReplaceRoot(hi: Int32Array, hd: Float64Array, size: number, row: number, dist: number): void {
  hi[0] = row;
  hd[0] = dist;
  siftDown(hi, hd, 0, size);
}

function siftDown(hi: Int32Array, hd: Float64Array, start: number, size: number): void {
  let c = start;
  const row = hi[c]!;
  const dist = hd[c]!;
  for (;;) {
    let m = 2 * c + 1;
    if (m >= size) break;
    if (m + 1 < size && worse(hd[m + 1]!, hi[m + 1]!, hd[m]!, hi[m]!)) m++;
    if (!worse(hd[m]!, hi[m]!, dist, row)) break;
    hi[c] = hi[m]!;
    hd[c] = hd[m]!;
    c = m;
  }
  hi[c] = row;
  hd[c] = dist;
}

/**
 * Reorder idx[left..right] so that idx[nth] holds the row whose value in column `dim` would be there
 * after sorting, smaller-or-equal values before it and larger-or-equal after (quickselect, median of three).
 */
function selectNth(idx: Int32Array, data: Float64Array, d: number, dim: number, left: number, right: number, nth: number): void {
  while (right > left) {
    const mid = (left + right) >> 1;
    // Median of three as pivot avoids quadratic time on sorted input.
    const a = data[idx[left]! * d + dim]!, b = data[idx[mid]! * d + dim]!, c = data[idx[right]! * d + dim]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (data[idx[i]! * d + dim]! < pivot) i++;
      while (data[idx[j]! * d + dim]! > pivot) j--;
      if (i <= j) {
        const t = idx[i]!;
        idx[i] = idx[j]!;
        idx[j] = t;
        i++;
        j--;
      }
    }
    if (nth <= j) right = j;
    else if (nth >= i) left = i;
    else return;
  }
}
