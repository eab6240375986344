import { usageError } from '../../core/errors';
import { LogisticRegressionModel } from '../linear/LogisticRegressionModel';
import { HistGradientBoostingModel } from '../trees/HistGradientBoostingModel';
import type { HistTree } from '../trees/HistTree';
import { FOREST_PROBA_EPSILON, RandomForestModel } from '../trees/RandomForestModel';
import type { FittedModel } from '../ModelEntry';
import type { Calibrator } from '../evaluation/Calibrator';
import { PlattCalibrator } from '../evaluation/PlattScaling';
import type { ScoreCalibration, ScoreProgram, TreeNode } from './ScoreProgram';

/**
 * The score of a fitted model as a ScoreProgram (what compiles to SQL): the logistic regression's
 * coefficients on the input scale, the boosted trees' init and trees, the forest's trees and its clamp.
 * With a calibrator (models.calibration), the program's probability is the calibration of its raw score.
 * The MLP has none (its SQL would be a matrix product per layer: not offered), which is a UsageError saying so.
 */
export function modelScoreProgram(model: FittedModel, calibrator: Calibrator | null = null): ScoreProgram {
  const program = uncalibratedProgram(model);
  return calibrator === null ? program : { ...program, calibration: scoreCalibration(calibrator) };
}

/** A calibrator as the program states it. */
export function scoreCalibration(calibrator: Calibrator): ScoreCalibration {
  return calibrator instanceof PlattCalibrator ? { kind: 'platt', slope: calibrator.slope, intercept: calibrator.intercept } : { kind: 'isotonic', x: Array.from(calibrator.x), y: Array.from(calibrator.y) };
}

function uncalibratedProgram(model: FittedModel): ScoreProgram {
  if (model instanceof LogisticRegressionModel) {
    return { kind: 'linear', intercept: model.intercept, terms: Array.from(model.coef, (coef, feature) => ({ feature, coef })).filter((t) => t.coef !== 0) };
  }
  if (model instanceof HistGradientBoostingModel) {
    const categories = model.bins.toJSON().categories;
    return { kind: 'trees', combine: 'sum', base: model.init, trees: model.trees.map((t) => treeNodes(t, categories)) };
  }
  if (model instanceof RandomForestModel) {
    const categories = model.bins.toJSON().categories;
    return { kind: 'trees', combine: 'mean', base: 0, epsilon: FOREST_PROBA_EPSILON, trees: model.trees.map((t) => treeNodes(t, categories)) };
  }
  throw usageError('modelScoreProgram', `a ${model.kind} model has no SQL form (the logistic regression and the tree ensembles compile to SQL)`, 'choose family logistic-regression, hist-gradient-boosting or random-forest to score in a warehouse');
}

function treeNodes(tree: HistTree, categories: Record<string, number[]>): TreeNode {
  const node = (k: number): TreeNode => {
    const f = tree.feature[k]!;
    if (f < 0) return { leaf: tree.value[k]! };
    const missingLeft = tree.missingLeft[k] === 1;
    const set = tree.catSet[k]!;
    if (set < 0) return { feature: f, threshold: tree.threshold[k]!, missingLeft, left: node(tree.left[k]!), right: node(tree.right[k]!) };
    const known = categories[String(f)] ?? [];
    const leftCodes = known.filter((v) => ((tree.catWords[set * 8 + (v >>> 5)]! >>> (v & 31)) & 1) === 1);
    return { feature: f, leftCodes, knownCodes: known, missingLeft, left: node(tree.left[k]!), right: node(tree.right[k]!) };
  };
  return node(0);
}
