import { checkParam } from '../../core/errors';
import type { BinaryLabels } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights, type Scores } from './binaryInput';

export interface ConfusionMatrix {
  /** Rows with score >= threshold are predicted 1. */
  threshold: number;
  /** Counts (weights with sample weights). */
  truePositive: number;
  falsePositive: number;
  trueNegative: number;
  falseNegative: number;
  /** Precision TP / (TP + FP) (0 when nothing is predicted 1, as scikit-learn's zero_division), recall TP / (TP + FN), their harmonic mean F1, accuracy. */
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  /** Share of rows (weight) predicted 1: the contacted share. */
  predictedPositiveShare: number;
}

/** The confusion matrix of "score >= threshold ⇒ 1", with precision, recall, F1 and accuracy. */
export function confusionMatrix(y: BinaryLabels, p: Scores, threshold: number, options: { sampleWeight?: SampleWeights } = {}): ConfusionMatrix {
  checkParam(typeof threshold === 'number' && !Number.isNaN(threshold), 'confusionMatrix threshold', threshold, 'a number (rows with score >= threshold are predicted 1)');
  const input = checkBinaryInput('confusionMatrix', y, p, options.sampleWeight, { pName: 'scores' });
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < input.y.length; i++) {
    if (input.p[i]! < threshold) continue;
    const wi = input.w === null ? 1 : input.w[i]!;
    if (input.y[i] === 1) tp += wi;
    else fp += wi;
  }
  return confusionFromCounts(threshold, tp, fp, input.positive, input.negative);
}

/** The matrix and its ratios from the weight predicted 1 in each class and the class totals. */
export function confusionFromCounts(threshold: number, tp: number, fp: number, positive: number, negative: number): ConfusionMatrix {
  const fn = positive - tp;
  const tn = negative - fp;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = positive > 0 ? tp / positive : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { threshold, truePositive: tp, falsePositive: fp, trueNegative: tn, falseNegative: fn, precision, recall, f1, accuracy: (tp + tn) / (positive + negative), predictedPositiveShare: (tp + fp) / (positive + negative) };
}
