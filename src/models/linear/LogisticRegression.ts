import { assertUnreachable } from '../../core/assertUnreachable';
import { inputError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import { checkFitInput } from '../checkFitInput';
import type { BinaryLabels, FitOptions } from '../ModelEntry';
import { spdInverse } from './cholesky';
import { LogisticObjective } from './LogisticObjective';
import { LogisticRegressionModel, type LogisticConvergence, type LogisticRegressionJSON } from './LogisticRegressionModel';
import { resolveLogisticRegressionParams, type LogisticRegressionParams, type ResolvedLogisticRegressionParams } from './logisticRegressionParams';
import { minimizeLbfgs } from '../../core/minimizeLbfgs';
import { minimizeNewton } from './minimizeNewton';
import { minimizeProximalNewtonL1 } from './minimizeProximalNewtonL1';
import type { SolverOptions, SolverResult } from './SolverResult';

/**
 * Binary logistic regression with scikit-learn's objective, C · Σ wᵢ logloss + ½‖β‖² ('l2') or ‖β‖₁ ('l1')
 * or no penalty, the intercept unpenalised, on standardised columns by default (so it equals
 * Pipeline(StandardScaler(), LogisticRegression(C)) at the optimum). Solvers: L-BFGS (default) or Newton
 * (IRLS, exact Hessian) for l2 / none; proximal Newton with coordinate descent for l1. Deterministic (no
 * seed). NaN and ±Infinity are refused (impute first). `new LogisticRegression(params).fit(X, y)`.
 */
export class LogisticRegression {
  readonly params: ResolvedLogisticRegressionParams;

  constructor(params: LogisticRegressionParams = {}) {
    this.params = resolveLogisticRegressionParams(params);
  }

  /** Fit on X (finite numbers) and 0/1 labels; sample weights and progress in options (`validation` is unused: nothing stops early). */
  async fit(X: Matrix, y: BinaryLabels, options: FitOptions = {}): Promise<LogisticRegressionModel> {
    const who = 'LogisticRegression.fit';
    const checked = checkFitInput(X, y, options, who, 'error');
    return fitLogistic(this.params, X, checked.y, checked.sampleWeight, options.onProgress, who);
  }
}

function fitLogistic(params: ResolvedLogisticRegressionParams, X: Matrix, y: Uint8Array, sampleWeight: Float64Array | null, onProgress: FitOptions['onProgress'], who: string): LogisticRegressionModel {
  const { rows: n, cols: p } = X;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i]!;
  const classWeights = resolveClassWeights(params.classWeight, n, positives);
  const weight = rowWeights(y, sampleWeight, classWeights);
  if (weight) {
    let total = 0;
    for (let i = 0; i < n; i++) total += weight[i]!;
    if (!(total > 0)) throw inputError({ summary: `${who}: every row weighs 0 after the class weights (${classWeights.join(', ')}); nothing is left to fit.`, check: 'zero-weights', what: 'every row weighs 0', where: { field: 'classWeight' }, fix: 'give at least one class a positive weight' });
  }

  const { mean, scale } = params.standardize ? columnScales(X) : { mean: new Float64Array(p), scale: new Float64Array(p).fill(1) };
  const invScale = scale.map((v) => 1 / v);
  const l2 = params.penalty === 'l2';
  const obj0 = new LogisticObjective(X.data, n, p, y, weight, 0, params.fitIntercept, mean, invScale);
  const S = obj0.weightSum;
  const lambda = 1 / (params.C * S);
  const obj = l2 ? new LogisticObjective(X.data, n, p, y, weight, lambda, params.fitIntercept, mean, invScale) : obj0;

  // Start at β = 0 and the intercept at the weighted base rate's log-odds (the optimum when no column helps).
  const theta0 = new Float64Array(p + 1);
  if (params.fitIntercept) {
    let wPos = 0;
    for (let i = 0; i < n; i++) if (y[i] === 1) wPos += weight ? weight[i]! : 1;
    const rate = Math.min(1 - 1e-12, Math.max(1e-12, wPos / S));
    theta0[p] = Math.log(rate / (1 - rate));
  }
  const solverOptions: SolverOptions = {
    maxIter: params.maxIter,
    tol: params.tol,
    onIteration: onProgress && ((iteration, optimality) => onProgress(Math.min(1, iteration / params.maxIter), `iteration ${iteration}, optimality ${optimality.toExponential(2)}`)),
  };
  let result: SolverResult;
  let solver: LogisticConvergence['solver'];
  if (params.penalty === 'l1') {
    solver = 'proximal-newton';
    result = minimizeProximalNewtonL1(obj0, lambda, theta0, solverOptions);
  } else if (params.solver === 'newton') {
    solver = 'newton';
    result = minimizeNewton(obj, theta0, solverOptions);
  } else if (params.solver === 'lbfgs') {
    solver = 'lbfgs';
    result = minimizeLbfgs(obj, theta0, solverOptions);
  } else return assertUnreachable(params.solver);
  onProgress?.(1, result.converged ? 'converged' : 'stopped');

  const theta = result.theta;
  const coefStandardized = Array.from(theta.subarray(0, p));
  const interceptStandardized = theta[p]!;
  const coef = coefStandardized.map((b, j) => b / scale[j]!);
  let intercept = interceptStandardized;
  for (let j = 0; j < p; j++) intercept -= (coefStandardized[j]! * mean[j]!) / scale[j]!;

  const warnings: string[] = [];
  if (!result.converged) {
    const why = result.stop === 'maxIter' ? `in ${params.maxIter} iterations` : 'before the line search ran out of floating-point precision';
    warnings.push(`${who}: ${solver} did not converge ${why} (optimality ${result.optimality.toExponential(2)} > tol ${params.tol}); raise maxIter${params.standardize ? '' : ', set standardize: true'}${params.penalty === 'none' ? ', or use a penalty (separable classes have no finite unpenalised optimum)' : ''}.`);
  }
  if (params.penalty === 'none' && obj.separatesClasses(theta)) {
    warnings.push(`${who}: the columns separate the classes (the fit classifies every training row correctly): without a penalty the coefficients have no finite optimum and grow until tol stops them; use penalty 'l2'.`);
  }
  const standardErrors = standardErrorsAt(obj, theta, result.hessian, params, mean, scale);
  if (standardErrors === null) warnings.push(`${who}: the Hessian at the fit is singular (collinear columns or separable classes): no standard errors; drop redundant columns or use a penalty.`);
  const nullSe: LogisticRegressionJSON['standardErrors'] = { intercept: null, coef: coef.map(() => null), interceptStandardized: null, coefStandardized: coef.map(() => null) };

  return new LogisticRegressionModel({
    featureNames: [...X.columns],
    params,
    mean: Array.from(mean),
    scale: Array.from(scale),
    intercept,
    coef,
    interceptStandardized,
    coefStandardized,
    standardErrors: standardErrors ?? nullSe,
    convergence: { solver, iterations: result.iterations, converged: result.converged, optimality: result.optimality, objective: result.objective, stop: result.stop },
    training: { rows: n, positives, weightSum: S, classWeights },
    warnings,
  });
}

/** [weight of class 0, weight of class 1]: 'balanced' is n / (2 · rows of the class), as scikit-learn (unweighted counts). */
function resolveClassWeights(classWeight: ResolvedLogisticRegressionParams['classWeight'], n: number, positives: number): [number, number] {
  if (classWeight === null) return [1, 1];
  if (classWeight === 'balanced') return [n / (2 * (n - positives)), n / (2 * positives)];
  return [classWeight['0'], classWeight['1']];
}

/** Sample weight × class weight per row; null when every row weighs 1. */
function rowWeights(y: Uint8Array, sampleWeight: Float64Array | null, [w0, w1]: [number, number]): Float64Array | null {
  if (sampleWeight === null && w0 === 1 && w1 === 1) return null;
  const n = y.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (sampleWeight ? sampleWeight[i]! : 1) * (y[i] === 1 ? w1 : w0);
  return out;
}

/**
 * Column means and population sds (unweighted, as StandardScaler; a constant column keeps scale 1), in two
 * passes (mean, then squared deviations: exact for columns whose mean dwarfs their spread). The objective
 * standardises on the fly, so X is never copied.
 */
function columnScales(X: Matrix): { mean: Float64Array; scale: Float64Array } {
  const { rows: n, cols: p, data: src } = X;
  const mean = new Float64Array(p);
  const m2 = new Float64Array(p);
  // Four rows per step: each sum is loaded and stored once per four cells.
  const n4 = n - (n % 4);
  for (let off = 0, end = n4 * p; off < end; off += 4 * p) {
    for (let j = 0; j < p; j++) mean[j]! += src[off + j]! + src[off + p + j]! + src[off + 2 * p + j]! + src[off + 3 * p + j]!;
  }
  for (let off = n4 * p; off < n * p; off += p) for (let j = 0; j < p; j++) mean[j]! += src[off + j]!;
  for (let j = 0; j < p; j++) mean[j] = mean[j]! / n;
  for (let off = 0, end = n4 * p; off < end; off += 4 * p) {
    for (let j = 0; j < p; j++) {
      const m = mean[j]!;
      const d0 = src[off + j]! - m;
      const d1 = src[off + p + j]! - m;
      const d2 = src[off + 2 * p + j]! - m;
      const d3 = src[off + 3 * p + j]! - m;
      m2[j]! += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
    }
  }
  for (let off = n4 * p; off < n * p; off += p) {
    for (let j = 0; j < p; j++) {
      const dv = src[off + j]! - mean[j]!;
      m2[j]! += dv * dv;
    }
  }
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt(m2[j]! / n);
    // As scikit-learn: a spread within rounding of the mean counts as constant.
    scale[j] = sd > 10 * Number.EPSILON * Math.max(1, Math.abs(mean[j]!)) ? sd : 1;
  }
  return { mean, scale };
}

/**
 * Standard errors from the inverse of the penalised Hessian of Σ wᵢ logloss + penalty / C (S times the
 * averaged objective's; the Newton solvers' own when they computed it at θ, else one more pass), over the
 * intercept and the coefficients that are not exactly 0 under l1; mapped to the original scale by the delta
 * method. Null when that Hessian is not positive definite.
 */
function standardErrorsAt(obj: LogisticObjective, theta: Float64Array, hessian: Float64Array | undefined, params: ResolvedLogisticRegressionParams, mean: Float64Array, scale: Float64Array): LogisticRegressionJSON['standardErrors'] | null {
  const p = obj.p;
  const d = p + 1;
  let H = hessian;
  if (!H) {
    H = new Float64Array(d * d);
    obj.valueGradientHessian(theta, new Float64Array(d), H);
  }
  const idx: number[] = [];
  for (let j = 0; j < p; j++) if (params.penalty !== 'l1' || theta[j] !== 0) idx.push(j);
  if (params.fitIntercept) idx.push(p);
  const m = idx.length;
  const sub = new Float64Array(m * m);
  const S = obj.weightSum;
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) sub[a * m + b] = S * H[idx[a]! * d + idx[b]!]!;
  const cov = m > 0 ? spdInverse(sub, m) : new Float64Array(0);
  if (cov === null) return null;
  const coefStandardized: (number | null)[] = new Array<number | null>(p).fill(null);
  const coef: (number | null)[] = new Array<number | null>(p).fill(null);
  idx.forEach((j, a) => {
    if (j === p) return;
    const sd = Math.sqrt(cov[a * m + a]!);
    coefStandardized[j] = sd;
    coef[j] = sd / scale[j]!;
  });
  let intercept: number | null = null;
  let interceptStandardized: number | null = null;
  if (params.fitIntercept) interceptStandardized = Math.sqrt(cov[(m - 1) * m + (m - 1)]!);
  // intercept = b − Σ βⱼ meanⱼ / sdⱼ: its variance is aᵀ Cov a with a = (−meanⱼ / sdⱼ …, 1).
  const a = idx.map((j) => (j === p ? 1 : -mean[j]! / scale[j]!));
  if (a.some((v) => v !== 0)) {
    let v = 0;
    for (let r = 0; r < m; r++) for (let c = 0; c < m; c++) v += a[r]! * cov[r * m + c]! * a[c]!;
    intercept = Math.sqrt(Math.max(0, v));
  }
  return { intercept, coef, interceptStandardized, coefStandardized };
}
