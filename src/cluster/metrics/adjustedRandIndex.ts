import type { LabelsInput } from './clusterLabels';
import { sparseContingency } from './contingency';

/**
 * Adjusted Rand index of two labellings of the same rows (Hubert & Arabie 1985): 1 for identical
 * partitions (whatever the label names), about 0 for independent ones, negative below chance.
 * Symmetric. Every integer is a class (-1 too). Computed as scikit-learn 1.x does, from the pair
 * confusion matrix, which also gives 1 when both labellings put every row alone or all together.
 */
export function adjustedRandIndex(labelsA: LabelsInput, labelsB: LabelsInput): number {
  const t = sparseContingency(labelsA, labelsB, 'adjustedRandIndex');
  const { n } = t;
  let sumSquares = 0;
  for (let i = 0; i < t.cells.length; i++) sumSquares += t.cells[i]! * t.cells[i]!;
  let rowSq = 0;
  for (let i = 0; i < t.rowSums.length; i++) rowSq += t.rowSums[i]! * t.rowSums[i]!;
  let colSq = 0;
  for (let i = 0; i < t.colSums.length; i++) colSq += t.colSums[i]! * t.colSums[i]!;
  // Ordered pairs of distinct rows: together in both (tp), only in B (fp), only in A (fn), in neither (tn).
  const tp = sumSquares - n;
  const fp = colSq - sumSquares;
  const fn = rowSq - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}
