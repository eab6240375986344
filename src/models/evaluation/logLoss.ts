import type { BinaryLabels } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights, type Scores } from './binaryInput';

/** scikit-learn 1.2's eps="auto" for float64: probabilities are clipped to [EPS, 1 - EPS]. */
export const LOG_LOSS_EPS = 2.220446049250313e-16;

/**
 * Mean negative log-likelihood of probabilities p (weighted mean with sample weights), as scikit-learn
 * 1.2's log_loss: p clipped to [2.2e-16, 1 - 2.2e-16], then [1 - p, p] renormalised, so a confident
 * mistake costs about 36, not Infinity. Lower is better. One class alone is allowed (scikit-learn refuses it).
 */
export function logLoss(y: BinaryLabels, p: Scores, options: { sampleWeight?: SampleWeights } = {}): number {
  const input = checkBinaryInput('logLoss', y, p, options.sampleWeight, { probabilities: true });
  return logLossCore(input.y, input.p, input.w);
}

export function logLossCore(y: Uint8Array, p: Float64Array, w: Float64Array | null): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w === null ? 1 : w[i]!;
    if (wi === 0) continue;
    const pc = Math.min(Math.max(p[i]!, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    const q = 1 - pc;
    sum -= wi * Math.log((y[i] === 1 ? pc : q) / (q + pc));
    total += wi;
  }
  return sum / total;
}
