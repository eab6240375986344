import type { Matrix } from '../../core/Matrix';
import { validateClusterInput } from '../validateClusterInput';
import { checkClusterCount, checkClusterLabels, encodeClusterLabels, type LabelsInput } from './clusterLabels';
import { clusterCentroids } from './clusterDispersion';

/** scikit-learn's np.allclose(v, 0): every |v| <= 1e-8. */
const ZERO_TOLERANCE = 1e-8;

/**
 * Davies-Bouldin index: mean over clusters of max_j (s_i + s_j) / d(c_i, c_j), where s_i is the mean
 * Euclidean distance of cluster i's rows to its centroid. Lower is better; 0 is the minimum.
 * Noise rows (-1) are left out. As scikit-learn: 0 when all spreads or all centroid distances are ~0,
 * and a pair with coincident centroids contributes 0.
 */
export function daviesBouldin(X: Matrix, labels: LabelsInput): number {
  const who = 'daviesBouldin';
  validateClusterInput(X, { who, allowConstantColumns: true });
  const enc = encodeClusterLabels(checkClusterLabels(labels, X.rows, who));
  const n = X.rows - enc.noise;
  const { k, codes } = enc;
  checkClusterCount(k, n, who, enc.noise);
  const { data, rows, cols } = X;
  const { centroids, sizes } = clusterCentroids(data, rows, cols, codes, k);
  const spread = new Float64Array(k);
  for (let i = 0, p = 0; i < rows; i++, p += cols) {
    const c = codes[i]!;
    if (c < 0) continue;
    let s = 0;
    for (let j = 0, q = c * cols; j < cols; j++) {
      const diff = data[p + j]! - centroids[q + j]!;
      s += diff * diff;
    }
    spread[c]! += Math.sqrt(s);
  }
  for (let c = 0; c < k; c++) spread[c]! /= sizes[c]!;
  const dist = new Float64Array(k * k);
  let allSpreadZero = true;
  let allDistZero = true;
  for (let a = 0; a < k; a++) {
    if (Math.abs(spread[a]!) > ZERO_TOLERANCE) allSpreadZero = false;
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let j = 0; j < cols; j++) {
        const diff = centroids[a * cols + j]! - centroids[b * cols + j]!;
        s += diff * diff;
      }
      dist[a * k + b] = Math.sqrt(s);
      if (dist[a * k + b]! > ZERO_TOLERANCE) allDistZero = false;
    }
  }
  if (allSpreadZero || allDistZero) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      const d = dist[a * k + b]!;
      if (b === a || d === 0) continue; // scikit-learn sets a zero distance to infinity: ratio 0
      const r = (spread[a]! + spread[b]!) / d;
      if (r > worst) worst = r;
    }
    total += worst;
  }
  return total / k;
}
