import type { BinaryLabels } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights, type Scores } from './binaryInput';

/** Mean squared difference between probability and outcome (weighted with sample weights), scikit-learn's brier_score_loss. Lower is better. */
export function brierScore(y: BinaryLabels, p: Scores, options: { sampleWeight?: SampleWeights } = {}): number {
  const input = checkBinaryInput('brierScore', y, p, options.sampleWeight, { probabilities: true });
  return brierScoreCore(input.y, input.p, input.w);
}

export function brierScoreCore(y: Uint8Array, p: Float64Array, w: Float64Array | null): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w === null ? 1 : w[i]!;
    const d = y[i]! - p[i]!;
    sum += wi * d * d;
    total += wi;
  }
  return sum / total;
}
