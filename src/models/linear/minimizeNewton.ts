import { choleskyInPlace, choleskySolve } from './cholesky';
import type { LogisticObjective } from './LogisticObjective';
import { dot, maxAbs, type SolverOptions, type SolverResult } from './SolverResult';

/**
 * Newton's method (IRLS) with the exact Hessian, solved by Cholesky, and a backtracking (Armijo) step.
 * A Hessian that is singular to working precision (no penalty, collinear or separable data) gets the
 * smallest ridge that makes it positive definite. Few iterations; p²/2 multiply-adds per row each.
 */
export function minimizeNewton(obj: LogisticObjective, theta0: Float64Array, options: SolverOptions): SolverResult {
  const d = obj.p + 1;
  const theta = theta0.slice();
  const g = new Float64Array(d);
  const H = new Float64Array(d * d);
  const step = new Float64Array(d);
  const trial = new Float64Array(d);
  const gTrial = new Float64Array(d);
  for (let iter = 0; ; iter++) {
    const f = obj.valueGradientHessian(theta, g, H);
    const gmax = maxAbs(g);
    if (gmax <= options.tol) return { theta, iterations: iter, converged: true, optimality: gmax, objective: f, stop: 'tol', hessian: H };
    if (iter >= options.maxIter) return { theta, iterations: iter, converged: false, optimality: gmax, objective: f, stop: 'maxIter', hessian: H };
    newtonStep(H, g, d, step);
    const slope = dot(g, step);
    let t = 1;
    let accepted = false;
    for (let k = 0; k < 60; k++, t /= 2) {
      for (let i = 0; i < d; i++) trial[i] = theta[i]! + t * step[i]!;
      const ft = obj.valueAndGradient(trial, gTrial);
      if (ft <= f + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      // The predicted decrease is below what f can resolve: the full Newton step is still exact enough.
      if (-slope < 1e-13 * (1 + Math.abs(f))) for (let i = 0; i < d; i++) trial[i] = theta[i]! + step[i]!;
      else return { theta, iterations: iter, converged: false, optimality: gmax, objective: f, stop: 'line search', hessian: H };
    }
    theta.set(trial);
    options.onIteration?.(iter + 1, gmax);
  }
}

/** step = -H⁻¹ g, adding a growing ridge while H is not positive definite. */
export function newtonStep(H: Float64Array, g: Float64Array, d: number, step: Float64Array): void {
  let maxDiag = 0;
  for (let j = 0; j < d; j++) maxDiag = Math.max(maxDiag, Math.abs(H[j * d + j]!));
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) step[i] = -g[i]!;
  for (let tries = 0, ridge = 0; tries < 30; tries++, ridge = ridge === 0 ? 1e-12 * Math.max(maxDiag, 1e-300) : ridge * 10) {
    L.set(H);
    for (let j = 0; j < d; j++) L[j * d + j]! += ridge;
    if (choleskyInPlace(L, d)) {
      choleskySolve(L, d, step);
      return;
    }
  }
  // No ridge helped (H not finite): steepest descent, which the line search then scales.
}
