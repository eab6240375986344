/**
 * Centroids and within-cluster sums of squares from labels: shared by Calinski-Harabasz, Davies-Bouldin,
 * the gap statistic and model selection. Internal: inputs are trusted (codes 0..k-1, -1 rows skipped).
 */

/** Mean of every cluster (k × cols, row-major) and the rows per cluster. */
export function clusterCentroids(
  data: Float64Array,
  rows: number,
  cols: number,
  codes: Int32Array,
  k: number,
): { centroids: Float64Array; sizes: Float64Array } {
  const centroids = new Float64Array(k * cols);
  const sizes = new Float64Array(k);
  for (let i = 0, p = 0; i < rows; i++, p += cols) {
    const c = codes[i]!;
    if (c < 0) continue;
    sizes[c]!++;
    const q = c * cols;
    for (let j = 0; j < cols; j++) centroids[q + j]! += data[p + j]!;
  }
  for (let c = 0; c < k; c++) {
    const n = sizes[c]!;
    if (n > 0) for (let j = 0, q = c * cols; j < cols; j++) centroids[q + j]! /= n;
  }
  return { centroids, sizes };
}

/**
 * Sum over rows of the squared Euclidean distance to the row's cluster centroid (k-means "inertia",
 * Tibshirani's W_k). Two passes (centroids first) so large offsets do not cancel.
 */
export function withinClusterSS(data: Float64Array, rows: number, cols: number, codes: Int32Array, centroids: Float64Array): number {
  let total = 0;
  for (let i = 0, p = 0; i < rows; i++, p += cols) {
    const c = codes[i]!;
    if (c < 0) continue;
    const q = c * cols;
    for (let j = 0; j < cols; j++) {
      const d = data[p + j]! - centroids[q + j]!;
      total += d * d;
    }
  }
  return total;
}
