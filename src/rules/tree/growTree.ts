import type { Matrix } from '../../core/Matrix';
import { midpoint, treeValue, type BinnedFeatures } from './binFeatures';
import type { TreeStructure } from './TreeStructure';

export interface GrowInput {
  X: Matrix;
  bins: BinnedFeatures;
  /** Class index per row (0..nClasses-1). */
  y: Int32Array;
  nClasses: number;
  weight: Float64Array;
  /** Per feature, the value NaN reads as (0, or +Infinity for a field in days). */
  missing: Float64Array;
  maxDepth: number;
  minSamplesLeaf: number;
  minImpurityDecrease: number;
  /**
   * Prefer the features that define the segments: among splits whose Gini decrease is within `within`
   * (a share) of the best one, take the feature with the largest `scores[k * F + f]` (class k's
   * |standardised difference| on feature f), summed over the node's classes weighted by their share of
   * the node and by how cleanly the split sends them to one side. Null: off.
   */
  distinctive: { within: number; scores: Float64Array } | null;
}

export interface GrownTree {
  tree: TreeStructure;
  /** Weighted impurity decrease per feature, normalised to sum 1 (all 0 for a single leaf). */
  featureImportances: Float64Array;
}

/** Gini proxy comparisons treat candidates within this relative distance as tied (first one wins). */
const TIE_EPS = 1e-12;

/**
 * CART with Gini impurity, grown depth first over per-node class histograms of the binned features.
 * Ties between splits go to the lowest feature index, then the lowest threshold. The chosen split's
 * threshold is the midpoint between the largest value sent left and the smallest sent right in the
 * node (as scikit-learn), so on exactly binned features the tree is scikit-learn's.
 */
export function growTree(input: GrowInput): GrownTree {
  const { X, bins, y, nClasses: K, weight, missing, maxDepth, minSamplesLeaf, minImpurityDecrease, distinctive } = input;
  const n = X.rows;
  const F = X.cols;
  const { codes, thresholds } = bins;
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  const scratch = new Int32Array(n);
  let maxBins = 1;
  for (const t of thresholds) maxBins = Math.max(maxBins, t.length + 1);
  const hist = new Float64Array(maxBins * K);
  const cnt = new Int32Array(maxBins);
  const leftCounts = new Float64Array(K);
  const nodeCounts = new Float64Array(K);
  // Best split per feature and its left class totals (only read with `distinctive`).
  const featProxy = new Float64Array(F);
  const featS = new Int32Array(F);
  const featLeft = new Float64Array(F * K);

  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const nSamples: number[] = [];
  const impurity: number[] = [];
  const importance = new Float64Array(F);
  let rootWeight = 0;

  const gini = (c: ArrayLike<number>, off: number, w: number): number => {
    if (w <= 0) return 0;
    let s = 0;
    for (let k = 0; k < K; k++) s += c[off + k]! * c[off + k]!;
    return 1 - s / (w * w);
  };

  const build = (start: number, end: number, depth: number): number => {
    nodeCounts.fill(0);
    for (let p = start; p < end; p++) {
      const r = rows[p]!;
      nodeCounts[y[r]!]! += weight[r]!;
    }
    let w = 0;
    for (let k = 0; k < K; k++) w += nodeCounts[k]!;
    if (depth === 0) rootWeight = w;
    const imp = gini(nodeCounts, 0, w);
    const id = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    for (let k = 0; k < K; k++) value.push(nodeCounts[k]!);
    nSamples.push(end - start);
    impurity.push(imp);
    const size = end - start;
    if (depth >= maxDepth || size < 2 * minSamplesLeaf || imp <= 1e-15 || w <= 0) return id;

    // Best split: maximise sum_k cL_k²/wL + sum_k cR_k²/wR (the Gini proxy).
    let bestF = -1;
    let bestS = -1;
    let bestProxy = -Infinity;
    featProxy.fill(-Infinity);
    for (let f = 0; f < F; f++) {
      const nb = thresholds[f]!.length + 1;
      if (nb < 2) continue;
      fillHistogram(rows, start, end, codes, f * n, y, weight, K, hist, cnt, nb);
      leftCounts.fill(0);
      let nL = 0;
      let wL = 0;
      for (let s = 0; s < nb - 1; s++) {
        const c = cnt[s]!;
        if (c === 0) continue;
        nL += c;
        for (let k = 0; k < K; k++) {
          const h = hist[s * K + k]!;
          leftCounts[k]! += h;
          wL += h;
        }
        if (nL < minSamplesLeaf) continue;
        if (size - nL < minSamplesLeaf) break;
        const wR = w - wL;
        if (wL <= 0 || wR <= 0) continue;
        let sl = 0;
        let sr = 0;
        for (let k = 0; k < K; k++) {
          const a = leftCounts[k]!;
          const b = nodeCounts[k]! - a;
          sl += a * a;
          sr += b * b;
        }
        const proxy = sl / wL + sr / wR;
        if (distinctive && proxy > featProxy[f]! + TIE_EPS * Math.abs(featProxy[f] === -Infinity ? 0 : featProxy[f]!)) {
          featProxy[f] = proxy;
          featS[f] = s;
          featLeft.set(leftCounts, f * K);
        }
        if (proxy > bestProxy + TIE_EPS * Math.abs(bestProxy === -Infinity ? 0 : bestProxy)) {
          bestProxy = proxy;
          bestF = f;
          bestS = s;
        }
      }
    }
    if (bestF < 0) return id;
    if (distinctive) {
      // Gini decrease (times the node weight) = proxy − Σ c_k² / w.
      let parent = 0;
      for (let k = 0; k < K; k++) parent += (nodeCounts[k]! * nodeCounts[k]!) / w;
      const floor = (1 - distinctive.within) * (bestProxy - parent);
      // The segments a split involves are those it sends apart: class k counts by its weight in the node
      // times |share sent left − share sent right|, so a split is credited with the features that define
      // the segments it separates.
      const pref = (f: number): number => {
        let p = 0;
        for (let k = 0; k < K; k++) {
          const c = nodeCounts[k]!;
          if (c <= 0) continue;
          const l = featLeft[f * K + k]! / c;
          p += (c / w) * Math.abs(2 * l - 1) * distinctive.scores[k * F + f]!;
        }
        return p;
      };
      let bestPref = pref(bestF);
      for (let f = 0; f < F; f++) {
        if (f === bestF || featProxy[f] === -Infinity || featProxy[f]! - parent < floor - 1e-12 * Math.abs(floor)) continue;
        const p = pref(f);
        if (p > bestPref + 1e-12) {
          bestPref = p;
          bestF = f;
          bestS = featS[f]!;
        }
      }
    }

    // Stable partition (row indices stay ascending, so later gathers walk memory forwards) and the
    // node-local midpoint threshold.
    const base = bestF * n;
    let li = start;
    let ri = 0;
    let maxLeft = -Infinity;
    let minRight = Infinity;
    const cols = X.cols;
    const data = X.data;
    const lc = new Float64Array(K);
    // The largest left value sits in bin bestS (non-empty by construction), the smallest right value in
    // the first non-empty bin above it: only those rows' values are read.
    let nextBin = 65536;
    for (let p = start; p < end; p++) {
      const b = codes[base + rows[p]!]!;
      if (b > bestS && b < nextBin) nextBin = b;
    }
    for (let p = start; p < end; p++) {
      const r = rows[p]!;
      const b = codes[base + r]!;
      if (b <= bestS) {
        rows[li++] = r;
        lc[y[r]!]! += weight[r]!;
        if (b === bestS) {
          const v = treeValue(data[r * cols + bestF]!, missing[bestF]);
          if (v > maxLeft) maxLeft = v;
        }
      } else {
        scratch[ri++] = r;
        if (b === nextBin) {
          const v = treeValue(data[r * cols + bestF]!, missing[bestF]);
          if (v < minRight) minRight = v;
        }
      }
    }
    rows.set(scratch.subarray(0, ri), li);
    let wL = 0;
    for (let k = 0; k < K; k++) wL += lc[k]!;
    const rc = new Float64Array(K);
    for (let k = 0; k < K; k++) rc[k] = nodeCounts[k]! - lc[k]!;
    const wR = w - wL;
    const impL = gini(lc, 0, wL);
    const impR = gini(rc, 0, wR);
    const decrease = w * imp - wL * impL - wR * impR;
    // A leaf's rows may stay partitioned: nothing reads their order again.
    if (decrease / rootWeight + 1e-15 < minImpurityDecrease) return id;
    feature[id] = bestF;
    threshold[id] = midpoint(maxLeft, minRight);
    importance[bestF]! += decrease;
    const mid = li;
    left[id] = build(start, mid, depth + 1);
    right[id] = build(mid, end, depth + 1);
    return id;
  };

  build(0, n, 0);
  let total = 0;
  for (let f = 0; f < F; f++) total += importance[f]!;
  if (total > 0) for (let f = 0; f < F; f++) importance[f]! /= total;
  return {
    tree: {
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
      nSamples: Int32Array.from(nSamples),
      impurity: Float64Array.from(impurity),
    },
    featureImportances: importance,
  };
}

/** Weighted class totals and row counts per bin of one feature over a node's rows (the hot loop). */
function fillHistogram(
  rows: Int32Array,
  start: number,
  end: number,
  codes: Uint16Array,
  base: number,
  y: Int32Array,
  weight: Float64Array,
  K: number,
  hist: Float64Array,
  cnt: Int32Array,
  nb: number,
): void {
  hist.fill(0, 0, nb * K);
  cnt.fill(0, 0, nb);
  for (let p = start; p < end; p++) {
    const r = rows[p]!;
    const b = codes[base + r]!;
    hist[b * K + y[r]!]! += weight[r]!;
    cnt[b]!++;
  }
}
