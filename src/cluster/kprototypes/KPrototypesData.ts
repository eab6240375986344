import type { Matrix } from '../../core/Matrix';

/**
 * The typed-array view k-prototypes works on: n rows of p numeric values and m category codes.
 * A code of -1 is a level the model has never seen (predict only): it matches no mode.
 */
export interface MixedData {
  n: number;
  p: number;
  m: number;
  num: Float64Array;
  codes: Int32Array;
  /** Number of levels per categorical column, and their prefix sums (length m + 1) for flat frequency tables. */
  nLevels: Int32Array;
  levelOffset: Int32Array;
  weight: Float64Array | null;
}

/** k prototypes: numeric centres (k×p) and category modes (k×m codes). */
export interface Prototypes {
  centroids: Float64Array;
  modes: Int32Array;
}

/** The view of a numeric Matrix and n×m codes over the given levels (the codes may hold -1). */
export function mixedData(numeric: Matrix, codes: Int32Array, levels: readonly (readonly string[])[], weight: Float64Array | null): MixedData {
  const m = levels.length;
  const nLevels = Int32Array.from(levels, (l) => l.length);
  const levelOffset = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) levelOffset[j + 1] = levelOffset[j]! + nLevels[j]!;
  return { n: numeric.rows, p: numeric.cols, m, num: numeric.data, codes, nLevels, levelOffset, weight };
}

/** Squared Euclidean distance on the numeric part plus gamma × the number of categorical mismatches. */
export function mixedDissimilarity(data: MixedData, i: number, centroids: Float64Array, modes: Int32Array, c: number, gamma: number): number {
  const { p, m, num, codes } = data;
  let d = 0;
  for (let j = 0, a = i * p, b = c * p; j < p; j++) {
    const t = num[a + j]! - centroids[b + j]!;
    d += t * t;
  }
  let mismatches = 0;
  for (let j = 0, a = i * m, b = c * m; j < m; j++) if (codes[a + j] !== modes[b + j]) mismatches++;
  return d + gamma * mismatches;
}

/**
 * Assign every row to its nearest prototype (equal costs: the lower cluster) and return the total
 * cost, each row's dissimilarity times its weight. fit's final labels and predict both come from here.
 */
export function assignNearest(data: MixedData, protos: Prototypes, k: number, gamma: number, labels: Int32Array): number {
  const { n, p, m, num, codes, weight } = data;
  const { centroids, modes } = protos;
  let cost = 0;
  for (let i = 0; i < n; i++) {
    const a = i * p;
    const am = i * m;
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      // Inlined mixedDissimilarity: this loop is the whole cost of predict and of each pass's relabelling.
      let d = 0;
      for (let j = 0, b = c * p; j < p; j++) {
        const t = num[a + j]! - centroids[b + j]!;
        d += t * t;
      }
      let mismatches = 0;
      for (let j = 0, b = c * m; j < m; j++) if (codes[am + j] !== modes[b + j]) mismatches++;
      d += gamma * mismatches;
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    labels[i] = best;
    cost += weight ? weight[i]! * bestD : bestD;
  }
  return cost;
}

/** The two parts of a k-prototypes cost: weighted squared distances, and weighted mismatch counts (times gamma gives the categorical cost). */
export interface CostParts {
  numeric: number;
  mismatches: number;
}

/** Each part of the cost of `labels` against the prototypes, apart. */
export function costParts(data: MixedData, protos: Prototypes, labels: Int32Array): CostParts {
  const { n, p, m, num, codes, weight } = data;
  const { centroids, modes } = protos;
  let numeric = 0;
  let mismatches = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    const w = weight ? weight[i]! : 1;
    let d = 0;
    for (let j = 0, a = i * p, b = c * p; j < p; j++) {
      const t = num[a + j]! - centroids[b + j]!;
      d += t * t;
    }
    let mm = 0;
    for (let j = 0, a = i * m, b = c * m; j < m; j++) if (codes[a + j] !== modes[b + j]) mm++;
    numeric += w * d;
    mismatches += w * mm;
  }
  return { numeric, mismatches };
}

/**
 * The cost parts of a single cluster: the weighted squared distances to the weighted column means,
 * and the weighted mismatches to each column's weighted mode (the data's total dispersion in each part).
 */
export function oneClusterCost(data: MixedData): CostParts {
  const { n, p, m, num, codes, levelOffset, weight } = data;
  const mean = new Float64Array(p);
  const freq = new Float64Array(levelOffset[m]!);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weight ? weight[i]! : 1;
    total += w;
    for (let j = 0; j < p; j++) mean[j]! += w * num[i * p + j]!;
    for (let j = 0; j < m; j++) freq[levelOffset[j]! + codes[i * m + j]!]! += w;
  }
  for (let j = 0; j < p; j++) mean[j]! /= total;
  // Mismatches to the mode of column j = total weight − the mode's weight.
  let mismatches = 0;
  for (let j = 0; j < m; j++) {
    let top = 0;
    for (let l = levelOffset[j]!; l < levelOffset[j + 1]!; l++) if (freq[l]! > top) top = freq[l]!;
    mismatches += total - top;
  }
  let numeric = 0;
  for (let i = 0; i < n; i++) {
    const w = weight ? weight[i]! : 1;
    let d = 0;
    for (let j = 0; j < p; j++) d += (num[i * p + j]! - mean[j]!) ** 2;
    numeric += w * d;
  }
  return { numeric, mismatches };
}

/** Rows whose label is not their nearest prototype on the numeric part alone: the rows the categorical part moved. */
export function movedByCategories(data: MixedData, centroids: Float64Array, k: number, labels: Int32Array): number {
  const { n, p, num } = data;
  let moved = 0;
  for (let i = 0; i < n; i++) {
    const own = labels[i]!;
    let ownD = 0;
    for (let j = 0, a = i * p, b = own * p; j < p; j++) ownD += (num[a + j]! - centroids[b + j]!) ** 2;
    for (let c = 0; c < k; c++) {
      if (c === own) continue;
      let d = 0;
      for (let j = 0, a = i * p, b = c * p; j < p && d <= ownD; j++) d += (num[a + j]! - centroids[b + j]!) ** 2;
      // The numeric-only assignment breaks ties to the lower cluster, as assignNearest does.
      if (d < ownD || (d === ownD && c < own)) {
        moved++;
        break;
      }
    }
  }
  return moved;
}
