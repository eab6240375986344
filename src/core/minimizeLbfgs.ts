import { dot, maxAbs } from './vectorOps';

/** A smooth function to minimise: its value at θ, with its gradient written into `grad`. */
export interface DifferentiableObjective {
  valueAndGradient(theta: Float64Array, grad: Float64Array): number;
}

/** When L-BFGS stops: the largest gradient component reaches tol, or maxIter iterations. */
export interface LbfgsOptions {
  maxIter: number;
  tol: number;
  /** Called after each iteration with its number and the largest gradient component. */
  onIteration?: (iteration: number, optimality: number) => void;
}

/** Where L-BFGS stopped and why ('line search': no further decrease within floating-point precision). */
export interface LbfgsResult {
  theta: Float64Array;
  iterations: number;
  converged: boolean;
  optimality: number;
  objective: number;
  stop: 'tol' | 'maxIter' | 'line search';
}

/** Pairs of (step, gradient change) L-BFGS keeps (10, as scipy's default). */
const MEMORY = 10;
/** Wolfe constants (Nocedal & Wright): sufficient decrease and curvature. */
const C1 = 1e-4;
const C2 = 0.9;

/**
 * L-BFGS (two-loop recursion, memory 10) with a strong-Wolfe line search (Nocedal & Wright, Algorithms
 * 3.5 and 3.6, cubic interpolation). One objective evaluation per line-search step; usually one per
 * iteration. Shared by the logistic regression (models/linear) and the CLV fits (clv/).
 */
export function minimizeLbfgs(obj: DifferentiableObjective, theta0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const d = theta0.length;
  let theta: Float64Array = theta0.slice();
  let g: Float64Array = new Float64Array(d);
  let f = obj.valueAndGradient(theta, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(MEMORY);
  const dir = new Float64Array(d);
  let iter = 0;
  for (;;) {
    const gmax = maxAbs(g);
    if (gmax <= options.tol) return { theta, iterations: iter, converged: true, optimality: gmax, objective: f, stop: 'tol' };
    if (iter >= options.maxIter) return { theta, iterations: iter, converged: false, optimality: gmax, objective: f, stop: 'maxIter' };
    // Two-loop recursion: dir = -H g.
    dir.set(g);
    for (let k = S.length - 1; k >= 0; k--) {
      const a = rho[k]! * dot(S[k]!, dir);
      alpha[k] = a;
      const yk = Y[k]!;
      for (let i = 0; i < d; i++) dir[i]! -= a * yk[i]!;
    }
    const last = S.length - 1;
    const gamma = last >= 0 ? dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!) : Math.min(1, 1 / gmax);
    for (let i = 0; i < d; i++) dir[i]! *= gamma;
    for (let k = 0; k < S.length; k++) {
      const b = rho[k]! * dot(Y[k]!, dir);
      const sk = S[k]!;
      const a = alpha[k]!;
      for (let i = 0; i < d; i++) dir[i]! += sk[i]! * (a - b);
    }
    for (let i = 0; i < d; i++) dir[i] = -dir[i]!;
    let dg = dot(dir, g);
    if (!(dg < 0)) {
      // Not a descent direction (curvature lost to rounding): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < d; i++) dir[i] = -g[i]! * Math.min(1, 1 / gmax);
      dg = dot(dir, g);
    }
    const found = strongWolfe(obj, theta, f, dir, dg);
    if (!found) {
      if (S.length > 0) {
        S.length = Y.length = rho.length = 0;
        continue;
      }
      return { theta, iterations: iter, converged: false, optimality: gmax, objective: f, stop: 'line search' };
    }
    const s = new Float64Array(d);
    const y = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      s[i] = found.theta[i]! - theta[i]!;
      y[i] = found.grad[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * dot(y, y)) {
      if (S.length === MEMORY) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    theta = found.theta;
    g = found.grad;
    f = found.f;
    iter++;
    options.onIteration?.(iter, maxAbs(g));
  }
}

interface Point {
  step: number;
  f: number;
  /** Directional derivative g · dir at the point. */
  slope: number;
  theta: Float64Array;
  grad: Float64Array;
}

/** A step along dir meeting the strong Wolfe conditions, or null when none is found (precision exhausted). */
function strongWolfe(obj: DifferentiableObjective, theta: Float64Array, f0: number, dir: Float64Array, slope0: number): Point | null {
  const d = theta.length;
  const at = (step: number): Point => {
    const t = new Float64Array(d);
    for (let i = 0; i < d; i++) t[i] = theta[i]! + step * dir[i]!;
    const grad = new Float64Array(d);
    const f = obj.valueAndGradient(t, grad);
    return { step, f, slope: dot(grad, dir), theta: t, grad };
  };
  const armijo = (p: Point): boolean => p.f <= f0 + C1 * p.step * slope0;
  const curvature = (p: Point): boolean => Math.abs(p.slope) <= -C2 * slope0;
  // Hager & Zhang's approximate Wolfe conditions: once f changes by rounding only, the slope decides.
  const approxWolfe = (p: Point): boolean => p.f <= f0 + 1e-12 * Math.abs(f0) && p.slope >= C2 * slope0 && p.slope <= (2 * C1 - 1) * slope0;
  let prev: Point = { step: 0, f: f0, slope: slope0, theta, grad: new Float64Array(0) };
  let step = 1;
  for (let i = 0; i < 40; i++) {
    const cur = at(step);
    if (!Number.isFinite(cur.f)) {
      step = prev.step + (step - prev.step) / 10;
      continue;
    }
    if (approxWolfe(cur)) return cur;
    if (!armijo(cur) || (i > 0 && cur.f >= prev.f)) return zoom(prev, cur);
    if (curvature(cur)) return cur;
    if (cur.slope >= 0) return zoom(cur, prev);
    prev = cur;
    step *= 2;
  }
  return null;

  function zoom(lo: Point, hi: Point): Point | null {
    for (let j = 0; j < 40; j++) {
      const a = cubicStep(lo, hi);
      if (Math.abs(hi.step - lo.step) < 1e-16 * Math.max(1, Math.abs(lo.step))) break;
      const cur = at(a);
      if (approxWolfe(cur)) return cur;
      if (!armijo(cur) || cur.f >= lo.f) {
        hi = cur;
      } else {
        if (curvature(cur)) return cur;
        if (cur.slope * (hi.step - lo.step) >= 0) hi = lo;
        lo = cur;
      }
    }
    // The bracket collapsed: the best point with sufficient decrease, if any.
    return lo.step > 0 && lo.f < f0 ? lo : null;
  }
}

/** The minimiser of the cubic through two points (values and slopes), kept inside the bracket; else its middle. */
function cubicStep(a: Point, b: Point): number {
  const lo = Math.min(a.step, b.step);
  const hi = Math.max(a.step, b.step);
  const d1 = a.slope + b.slope - (3 * (a.f - b.f)) / (a.step - b.step);
  const disc = d1 * d1 - a.slope * b.slope;
  if (disc >= 0) {
    const d2 = Math.sign(b.step - a.step) * Math.sqrt(disc);
    const t = b.step - ((b.step - a.step) * (b.slope + d2 - d1)) / (b.slope - a.slope + 2 * d2);
    const margin = 0.1 * (hi - lo);
    if (Number.isFinite(t) && t > lo + margin && t < hi - margin) return t;
  }
  return (lo + hi) / 2;
}
