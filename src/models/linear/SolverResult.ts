/** Where a solver stopped: θ = [β, b] on the scale it was fit on, and how it got there. */
export interface SolverResult {
  theta: Float64Array;
  iterations: number;
  /** The optimality measure reached tol (the largest gradient component; for l1, of the minimum-norm subgradient). */
  converged: boolean;
  /** That measure where the solver stopped. */
  optimality: number;
  /** The averaged objective there (l1 term included). */
  objective: number;
  /** Why it stopped: 'tol', 'maxIter' or 'line search' (no further decrease within floating-point precision). */
  stop: 'tol' | 'maxIter' | 'line search';
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
