import type { Matrix } from '../../core/Matrix';
import { validateClusterInput } from '../validateClusterInput';
import { checkClusterCount, checkClusterLabels, encodeClusterLabels, type LabelsInput } from './clusterLabels';
import { clusterCentroids, withinClusterSS } from './clusterDispersion';

/**
 * Calinski-Harabasz index (variance ratio criterion): between-cluster dispersion / within-cluster
 * dispersion, each divided by its degrees of freedom, (B / (k − 1)) / (W / (n − k)). Higher is better.
 * Noise rows (-1) are left out. As scikit-learn, 1 when every cluster is a single point (W = 0).
 */
export function calinskiHarabasz(X: Matrix, labels: LabelsInput): number {
  const who = 'calinskiHarabasz';
  validateClusterInput(X, { who, allowConstantColumns: true });
  const enc = encodeClusterLabels(checkClusterLabels(labels, X.rows, who));
  const n = X.rows - enc.noise;
  const { k } = enc;
  checkClusterCount(k, n, who, enc.noise);
  const { data, rows, cols } = X;
  const { centroids, sizes } = clusterCentroids(data, rows, cols, enc.codes, k);
  const mean = new Float64Array(cols);
  for (let c = 0; c < k; c++) for (let j = 0; j < cols; j++) mean[j]! += (sizes[c]! * centroids[c * cols + j]!) / n;
  let between = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < cols; j++) {
      const diff = centroids[c * cols + j]! - mean[j]!;
      s += diff * diff;
    }
    between += sizes[c]! * s;
  }
  const within = withinClusterSS(data, rows, cols, enc.codes, centroids);
  return within === 0 ? 1 : (between * (n - k)) / (within * (k - 1));
}
