import type { BinaryLabels } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights, type Scores } from './binaryInput';
import { descendingOrder } from './descendingOrder';

/**
 * Area under the precision-recall curve as average precision, scikit-learn's average_precision_score:
 * sum over distinct scores (highest first) of (recall gained) × (precision there), no interpolation.
 * Equal scores form one step. Both classes must be present.
 */
export function averagePrecision(y: BinaryLabels, p: Scores, options: { sampleWeight?: SampleWeights } = {}): number {
  const input = checkBinaryInput('averagePrecision', y, p, options.sampleWeight, { bothClasses: true, pName: 'scores' });
  return averagePrecisionSorted(input.y, input.p, input.w, descendingOrder(input.p));
}

/** The core: rows visited in `order` (scores descending), weights trusted; NaN when no positive weighs anything. */
export function averagePrecisionSorted(y: Uint8Array, p: Float64Array, w: Float64Array | null, order: Int32Array): number {
  const n = order.length;
  let tp = 0;
  let fp = 0;
  let prevTp = 0;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const wi = w === null ? 1 : w[i]!;
    if (y[i] === 1) tp += wi;
    else fp += wi;
    if (k === n - 1 || p[order[k + 1]!] !== p[i]) {
      // A step that gains no recall adds nothing (and its precision may be 0/0 when every weight so far is 0).
      if (tp > prevTp) sum += (tp - prevTp) * (tp / (tp + fp));
      prevTp = tp;
    }
  }
  return sum / tp;
}
