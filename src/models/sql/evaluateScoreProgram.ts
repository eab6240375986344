import type { Matrix } from '../../core/Matrix';
import { assertUnreachable } from '../../core/assertUnreachable';
import { IsotonicCalibrator } from '../evaluation/IsotonicCalibration';
import { PlattCalibrator } from '../evaluation/PlattScaling';
import type { ScoreCalibration, ScoreProgram, TreeNode } from './ScoreProgram';

import { logistic } from '../linear/LogisticRegressionModel';

export { logistic };

/** The raw score of every row of X as the program states it (the reference its SQL is checked against). */
export function evaluateScoreProgram(program: ScoreProgram, X: Matrix): Float64Array {
  const out = new Float64Array(X.rows);
  const { data, cols } = X;
  switch (program.kind) {
    case 'linear':
      for (let i = 0; i < X.rows; i++) {
        let z = program.intercept;
        for (const t of program.terms) z += t.coef * data[i * cols + t.feature]!;
        out[i] = z;
      }
      return out;
    case 'trees': {
      const n = program.trees.length;
      for (let i = 0; i < X.rows; i++) {
        let s = program.combine === 'sum' ? program.base : 0;
        for (const tree of program.trees) s += leafOf(tree, data, i * cols);
        out[i] = program.combine === 'sum' ? s : logit(s / n, program.epsilon);
      }
      return out;
    }
  }
}

/** The class-1 probability of every row (the logistic of the raw score; a forest's mean directly; the calibration of the raw score when the program has one). */
export function programProbability(program: ScoreProgram, X: Matrix): Float64Array {
  if (program.calibration) return calibrate(program.calibration, evaluateScoreProgram(program, X));
  if (program.kind === 'trees' && program.combine === 'mean') {
    // A forest's probability is the mean of its leaves itself, not the logistic of its (clamped) logit.
    const { data, cols } = X;
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let s = 0;
      for (const tree of program.trees) s += leafOf(tree, data, i * cols);
      out[i] = s / program.trees.length;
    }
    return out;
  }
  const raw = evaluateScoreProgram(program, X);
  for (let i = 0; i < raw.length; i++) raw[i] = logistic(raw[i]!);
  return raw;
}

/** The calibration of raw scores, by the calibrators themselves (the reference the SQL is checked against). */
export function calibrate(calibration: ScoreCalibration, raw: Float64Array): Float64Array {
  switch (calibration.kind) {
    case 'platt':
      return new PlattCalibrator(calibration.slope, calibration.intercept).predict(raw);
    case 'isotonic':
      return new IsotonicCalibrator(Float64Array.from(calibration.x), Float64Array.from(calibration.y)).predict(raw);
    default:
      return assertUnreachable(calibration, 'score calibration');
  }
}

/** log(p / (1 − p)), with p clamped to [epsilon, 1 − epsilon] so a unanimous forest has a finite raw score. */
export function logit(p: number, epsilon = 1e-15): number {
  const q = Math.min(1 - epsilon, Math.max(epsilon, p));
  return Math.log(q / (1 - q));
}

function leafOf(node: TreeNode, data: Float64Array, offset: number): number {
  let n = node;
  while (!('leaf' in n)) {
    const x = data[offset + n.feature]!;
    let left: boolean;
    if (Number.isNaN(x)) left = n.missingLeft;
    else if ('threshold' in n) left = x <= n.threshold;
    else if (n.knownCodes && !n.knownCodes.includes(x)) left = n.missingLeft;
    else left = n.leftCodes.includes(x);
    n = left ? n.left : n.right;
  }
  return n.leaf;
}
