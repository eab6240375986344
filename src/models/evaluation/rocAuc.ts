import type { BinaryLabels } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights, type Scores } from './binaryInput';
import { descendingOrder } from './descendingOrder';

/**
 * Area under the ROC curve, as scikit-learn's roc_auc_score: the trapezoids of the curve through every
 * distinct score, so a positive and a negative with equal scores count one half. Scores may be any finite
 * numbers (probabilities or raw scores); both classes must be present.
 */
export function rocAuc(y: BinaryLabels, p: Scores, options: { sampleWeight?: SampleWeights } = {}): number {
  const input = checkBinaryInput('rocAuc', y, p, options.sampleWeight, { bothClasses: true, pName: 'scores' });
  return rocAucSorted(input.y, input.p, input.w, descendingOrder(input.p));
}

/** The core: rows visited in `order` (scores descending), weights trusted; NaN when a class weighs 0. */
export function rocAucSorted(y: Uint8Array, p: Float64Array, w: Float64Array | null, order: Int32Array): number {
  const n = order.length;
  let tp = 0;
  let fp = 0;
  let prevTp = 0;
  let prevFp = 0;
  let area = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const wi = w === null ? 1 : w[i]!;
    if (y[i] === 1) tp += wi;
    else fp += wi;
    // One trapezoid per group of equal scores: ties between the classes count half.
    if (k === n - 1 || p[order[k + 1]!] !== p[i]) {
      area += (fp - prevFp) * (tp + prevTp);
      prevTp = tp;
      prevFp = fp;
    }
  }
  return area / (2 * tp * fp);
}
