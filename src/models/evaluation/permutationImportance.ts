import { InputError } from '../../core/errors';
import { checkModelMatrix } from '../checkModelMatrix';
import { checkParam, typeName, usageError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import { Rng } from '../../core/rng';
import { checkSeed, DEFAULT_SEED } from '../../core/seedParam';
import type { BinaryLabels } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights, type Scores } from './binaryInput';
import { descendingOrder } from './descendingOrder';
import { METRIC_NAMES, metricSpec, type MetricName } from './evaluationMetrics';

export interface PermutationImportanceOptions {
  /** Default 'roc-auc'. */
  metric?: MetricName;
  /** Shuffles per feature (default 5). */
  repeats?: number;
  seed?: number;
  sampleWeight?: SampleWeights;
}

export interface FeatureImportance {
  feature: string;
  /** Mean and sd (population, as scikit-learn) of the drop over the repeats; the drop of each repeat. */
  mean: number;
  sd: number;
  drops: Float64Array;
}

export interface PermutationImportance {
  metric: MetricName;
  /** The metric on the unshuffled rows. */
  baseline: number;
  /** One per column of X, in column order. */
  features: FeatureImportance[];
}

/**
 * Permutation importance on held-out rows: how much the metric worsens when one column is shuffled (a
 * seeded permutation of its values, the others kept), `repeats` times per column. A drop is always "worse
 * by": baseline − shuffled for AUC, shuffled − baseline for a loss, so positive means the model uses the
 * column. X is not modified (one working copy, each column restored after its repeats).
 */
export function permutationImportance(predict: (X: Matrix) => Scores, X: Matrix, y: BinaryLabels, options: PermutationImportanceOptions = {}): PermutationImportance {
  const { metric = 'roc-auc', repeats = 5, seed = DEFAULT_SEED } = options;
  if (typeof predict !== 'function') throw usageError('permutationImportance', `predict must be a function X => probabilities (got ${typeName(predict)})`, 'pass (X) => model.predictProba(X)');
  checkParam(METRIC_NAMES.includes(metric), 'permutationImportance metric', metric, `one of ${METRIC_NAMES.join(', ')}`);
  checkParam(Number.isInteger(repeats) && repeats >= 1, 'permutationImportance repeats', repeats, 'a whole number >= 1');
  checkSeed(seed, 'permutationImportance seed');
  // NaN is a missing value the model may take (the trees do); ±Infinity never is.
  checkModelMatrix(X, 'permutationImportance', 'learned');
  if (X.rows < 2) throw new InputError(`permutationImportance: the input has ${X.rows} rows; pass at least 2 held-out rows.`);
  if (y?.length !== X.rows) throw usageError('permutationImportance', `y has ${y?.length} labels but X has ${X.rows} rows`, 'pass one label per row');
  const spec = metricSpec(metric);
  const checks = { bothClasses: true, probabilities: spec.probabilities, pName: 'predictions' };
  const score = (M: Matrix): number => {
    const { y: yy, p, w } = checkBinaryInput('permutationImportance', y, predict(M), options.sampleWeight, checks);
    return spec.core(yy, p, w, descendingOrder(p));
  };
  const baseline = score(X);
  const { rows, cols } = X;
  const work = new Matrix(Float64Array.from(X.data), rows, cols, X.columns);
  const perm = new Int32Array(rows);
  const rng = Rng.derive(seed, 'permutationImportance');
  const features: FeatureImportance[] = [];
  for (let j = 0; j < cols; j++) {
    const drops = new Float64Array(repeats);
    for (let r = 0; r < repeats; r++) {
      for (let i = 0; i < rows; i++) perm[i] = i;
      for (let i = rows - 1; i > 0; i--) {
        const k = rng.int(i + 1);
        const t = perm[i]!;
        perm[i] = perm[k]!;
        perm[k] = t;
      }
      for (let i = 0; i < rows; i++) work.data[i * cols + j] = X.data[perm[i]! * cols + j]!;
      const s = score(work);
      drops[r] = spec.higherIsBetter ? baseline - s : s - baseline;
    }
    for (let i = 0; i < rows; i++) work.data[i * cols + j] = X.data[i * cols + j]!;
    let mean = 0;
    for (let r = 0; r < repeats; r++) mean += drops[r]!;
    mean /= repeats;
    let v = 0;
    for (let r = 0; r < repeats; r++) v += (drops[r]! - mean) ** 2;
    features.push({ feature: X.columns[j]!, mean, sd: Math.sqrt(v / repeats), drops });
  }
  return { metric, baseline, features };
}
