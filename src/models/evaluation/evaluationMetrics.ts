import { assertUnreachable } from '../../core/assertUnreachable';
import { averagePrecisionSorted } from './averagePrecision';
import { brierScoreCore } from './brierScore';
import { calibrationCurveCore } from './calibrationCurve';
import { logLossCore } from './logLoss';
import { rocAucSorted } from './rocAuc';

/** The scalar metrics bootstrap, permutation importance, cross-validation and the search take by name. */
export type MetricName = 'roc-auc' | 'average-precision' | 'log-loss' | 'brier' | 'ece';
export const METRIC_NAMES: readonly MetricName[] = ['roc-auc', 'average-precision', 'log-loss', 'brier', 'ece'];

/**
 * A metric core: labels, scores, weights (null = 1 each; a bootstrap passes resample counts here) and the
 * rows by score descending (computed once, reused by every resample). Inputs are trusted.
 */
export type MetricCore = (y: Uint8Array, p: Float64Array, w: Float64Array | null, order: Int32Array) => number;

export interface MetricSpec {
  name: MetricName;
  core: MetricCore;
  /** true: larger is better (AUC); false: a loss. */
  higherIsBetter: boolean;
  /** The scores must be probabilities in [0, 1]. */
  probabilities: boolean;
}

/** What each named metric computes and how it ranks (ECE: 10 uniform bins, the calibrationCurve default). */
export function metricSpec(name: MetricName): MetricSpec {
  switch (name) {
    case 'roc-auc':
      return { name, core: rocAucSorted, higherIsBetter: true, probabilities: false };
    case 'average-precision':
      return { name, core: averagePrecisionSorted, higherIsBetter: true, probabilities: false };
    case 'log-loss':
      return { name, core: logLossCore, higherIsBetter: false, probabilities: true };
    case 'brier':
      return { name, core: brierScoreCore, higherIsBetter: false, probabilities: true };
    case 'ece':
      return { name, core: (y, p, w) => calibrationCurveCore(y, p, w, 10, 'uniform').ece, higherIsBetter: false, probabilities: true };
    default:
      return assertUnreachable(name, 'metric');
  }
}
