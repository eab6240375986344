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

/** max |v_i|. */
export function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (a > m) m = a;
  }
  return m;
}

/** a · b. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
