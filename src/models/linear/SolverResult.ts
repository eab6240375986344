import type { LbfgsResult } from '../../core/minimizeLbfgs';

/**
 * Where a solver stopped: θ = [β, b] on the scale it was fit on, and how it got there (the optimality is the
 * largest gradient component; for l1, of the minimum-norm subgradient; the objective includes the l1 term).
 */
export interface SolverResult extends LbfgsResult {
  /** The objective's Hessian at θ when the solver computed it there (Newton, proximal Newton): the standard errors reuse it. */
  hessian?: Float64Array;
}

/** What every solver takes beside the objective. */
export interface SolverOptions {
  maxIter: number;
  tol: number;
  /** Called after each iteration with its number and the optimality measure. */
  onIteration?: (iteration: number, optimality: number) => void;
}

export { dot, maxAbs } from '../../core/vectorOps';
