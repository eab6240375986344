import type { LogisticObjective } from './LogisticObjective';
import { dot, type SolverOptions, type SolverResult } from './SolverResult';

/**
 * The l1 fit: minimise F(θ) = f(θ) + λ₁ Σⱼ |βⱼ| (f from `obj`, whose own λ is 0; the intercept unpenalised)
 * by proximal Newton (as glmnet / newGLMNET): each iteration builds the exact Hessian once, solves the
 * l1-penalised quadratic model by cyclic coordinate descent with soft-thresholding (on the (p+1)² Gram
 * matrix, not on X), then backtracks along that direction until F decreases enough. Coefficients the
 * penalty zeroes are exactly 0. Converged when the minimum-norm subgradient is at most tol.
 */
export function minimizeProximalNewtonL1(obj: LogisticObjective, lambda1: number, theta0: Float64Array, options: SolverOptions): SolverResult {
  const p = obj.p;
  const d = p + 1;
  const theta = theta0.slice();
  const g = new Float64Array(d);
  const H = new Float64Array(d * d);
  const delta = new Float64Array(d);
  const Hd = new Float64Array(d);
  const trial = new Float64Array(d);
  const gTrial = new Float64Array(d);
  const l1 = (t: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < p; j++) s += Math.abs(t[j]!);
    return s;
  };
  for (let iter = 0; ; iter++) {
    const F = obj.valueGradientHessian(theta, g, H) + lambda1 * l1(theta);
    const opt = subgradientMax(theta, g, lambda1, p);
    if (opt <= options.tol) return { theta, iterations: iter, converged: true, optimality: opt, objective: F, stop: 'tol', hessian: H };
    if (iter >= options.maxIter) return { theta, iterations: iter, converged: false, optimality: opt, objective: F, stop: 'maxIter', hessian: H };

    // Coordinate descent on q(δ) = g·δ + ½ δᵀHδ + λ₁ ‖β + δ‖₁.
    delta.fill(0);
    Hd.fill(0);
    const last = obj.fitIntercept ? d : p;
    for (let sweep = 0; sweep < 10_000; sweep++) {
      let change = 0;
      for (let j = 0; j < last; j++) {
        const hjj = H[j * d + j]!;
        if (!(hjj > 0)) continue; // a column that is 0 in every weighted row: its coefficient stays
        const c = g[j]! + Hd[j]! - hjj * delta[j]!;
        const cur = theta[j]! + delta[j]!;
        let next: number;
        if (j === p) next = theta[j]! - c / hjj;
        else {
          const u = hjj * theta[j]! - c;
          next = u > lambda1 ? (u - lambda1) / hjj : u < -lambda1 ? (u + lambda1) / hjj : 0;
        }
        const move = next - cur;
        if (move === 0) continue;
        delta[j]! += move;
        for (let k = 0; k < d; k++) Hd[k]! += move * H[k * d + j]!;
        change = Math.max(change, Math.abs(move) * Math.sqrt(hjj));
      }
      if (change < 1e-15) break;
    }
    for (let i = 0; i < d; i++) trial[i] = theta[i]! + delta[i]!;
    const predicted = dot(g, delta) + lambda1 * (l1(trial) - l1(theta));
    let t = 1;
    let accepted = false;
    for (let k = 0; k < 60; k++, t /= 2) {
      for (let i = 0; i < d; i++) trial[i] = theta[i]! + t * delta[i]!;
      const Ft = obj.valueAndGradient(trial, gTrial) + lambda1 * l1(trial);
      if (Ft <= F + 1e-4 * t * predicted) {
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      // The predicted decrease is below what F can resolve: take the full step (the model is exact there).
      if (-predicted < 1e-13 * (1 + Math.abs(F))) for (let i = 0; i < d; i++) trial[i] = theta[i]! + delta[i]!;
      else return { theta, iterations: iter, converged: false, optimality: opt, objective: F, stop: 'line search', hessian: H };
    }
    theta.set(trial);
    options.onIteration?.(iter + 1, opt);
  }
}

/** The largest component of the minimum-norm subgradient of F (0 exactly at the optimum). */
export function subgradientMax(theta: Float64Array, g: Float64Array, lambda1: number, p: number): number {
  let m = Math.abs(g[p]!);
  for (let j = 0; j < p; j++) {
    const b = theta[j]!;
    const v = b > 0 ? Math.abs(g[j]! + lambda1) : b < 0 ? Math.abs(g[j]! - lambda1) : Math.max(0, Math.abs(g[j]!) - lambda1);
    if (v > m) m = v;
  }
  return m;
}
