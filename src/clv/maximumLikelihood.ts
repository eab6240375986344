import { minimizeLbfgs } from '../core/minimizeLbfgs';
import { Rng } from '../core/rng';
import { symmetricEigen } from '../core/symmetricEigen';
import { ConvergenceError } from './ConvergenceError';

/** A model's log-likelihood over its (weighted, de-duplicated) customers, in natural parameters. */
export interface LogLikelihood {
  readonly dim: number;
  /** Σ weights (the number of customers). */
  readonly weight: number;
  /** Whether `total` fills the gradient (else it is taken by central differences). */
  readonly analyticGradient: boolean;
  /** Σ w·ll(θ); when grad is given (and analyticGradient), adds Σ w·∂ll/∂θ into it. Non-finite when θ is outside the domain. */
  total(theta: Float64Array, grad: Float64Array | null): number;
}

export interface MaximumLikelihoodOptions {
  /** Who fits, for messages ("BG/NBD"). */
  who: string;
  paramNames: readonly string[];
  /** lifetimes' penalizer_coef: penalizer · Σ θ² is added to the mean negative log-likelihood. */
  penalizer: number;
  nStarts: number;
  seed: number;
  maxIter: number;
  tol: number;
}

/** One start of the fit: where L-BFGS stopped. */
export interface FitStart {
  /** Mean negative log-likelihood (plus penalty) reached. */
  objective: number;
  iterations: number;
  stop: 'tol' | 'maxIter' | 'line search' | 'not finite';
  converged: boolean;
}

export interface MaximumLikelihoodResult {
  theta: Float64Array;
  /** Σ w·ll at theta (the penalty left out). */
  logLikelihood: number;
  /** From the observed information (the negative Hessian of the log-likelihood at theta); NaN when it is not positive definite. */
  standardErrors: Float64Array;
  starts: FitStart[];
  warnings: string[];
}

/** Step of the central differences in log-parameters. */
const H_GRAD = 1e-5;
const H_HESS = 1e-4;
/** A line search that stalls with the gradient this small is at the optimum within floating-point precision. */
const STALL_OK = 1e-5;

/**
 * Maximum likelihood over positive parameters, on their logarithms (so every point L-BFGS tries is in the
 * domain): nStarts seeded starts (the first at θ = 1, lifetimes' start; the others uniform in
 * log θ ∈ [−2, 2]), the best converged one kept. Standard errors from the Hessian of the
 * log-likelihood (central differences of the gradient), mapped back to natural parameters.
 */
export function maximumLikelihood(ll: LogLikelihood, options: MaximumLikelihoodOptions): MaximumLikelihoodResult {
  const { dim, weight } = ll;
  const { penalizer } = options;
  const theta = new Float64Array(dim);
  const natGrad = new Float64Array(dim);
  // Gradient of the total log-likelihood in log-parameters at phi (analytic or central differences).
  const logGradient = (phi: Float64Array, out: Float64Array): number => {
    for (let k = 0; k < dim; k++) theta[k] = Math.exp(phi[k]!);
    if (ll.analyticGradient) {
      natGrad.fill(0);
      const v = ll.total(theta, natGrad);
      for (let k = 0; k < dim; k++) out[k] = natGrad[k]! * theta[k]!;
      return v;
    }
    const v = ll.total(theta, null);
    const p = phi.slice();
    for (let k = 0; k < dim; k++) {
      p[k] = phi[k]! + H_GRAD;
      const up = ll.total(p.map(Math.exp), null);
      p[k] = phi[k]! - H_GRAD;
      const down = ll.total(p.map(Math.exp), null);
      p[k] = phi[k]!;
      out[k] = (up - down) / (2 * H_GRAD);
    }
    return v;
  };
  const objective = {
    valueAndGradient(phi: Float64Array, grad: Float64Array): number {
      const v = logGradient(phi, grad);
      let pen = 0;
      for (let k = 0; k < dim; k++) {
        const t = Math.exp(phi[k]!);
        pen += t * t;
        grad[k] = -grad[k]! / weight + 2 * penalizer * t * t;
      }
      const f = -v / weight + penalizer * pen;
      return Number.isFinite(f) && grad.every(Number.isFinite) ? f : Infinity;
    },
  };
  const rng = Rng.derive(options.seed, 'clv-starts');
  const starts: FitStart[] = [];
  let best: { phi: Float64Array; f: number } | null = null;
  for (let s = 0; s < options.nStarts; s++) {
    const phi0 = new Float64Array(dim);
    if (s > 0) for (let k = 0; k < dim; k++) phi0[k] = rng.uniform(-2, 2);
    if (!Number.isFinite(objective.valueAndGradient(phi0, new Float64Array(dim)))) {
      starts.push({ objective: NaN, iterations: 0, stop: 'not finite', converged: false });
      continue;
    }
    const r = minimizeLbfgs(objective, phi0, { maxIter: options.maxIter, tol: options.tol });
    const converged = r.converged || (r.stop === 'line search' && r.optimality < STALL_OK);
    starts.push({ objective: r.objective, iterations: r.iterations, stop: r.stop, converged });
    if (converged && Number.isFinite(r.objective) && (!best || r.objective < best.f)) best = { phi: r.theta, f: r.objective };
  }
  if (!best) {
    const why = starts.map((s, i) => `start ${i + 1}: ${s.stop === 'not finite' ? 'the likelihood is not finite there' : `stopped by ${s.stop} after ${s.iterations} iterations`}`).join('; ');
    throw new ConvergenceError(
      `${options.who}: the maximum-likelihood fit did not converge from any of ${options.nStarts} starts (${why}). ` +
        `Try: a small penalizer (e.g. 0.001) when a parameter runs off to 0 or infinity; more starts (nStarts) or iterations (maxIter); ` +
        `and check the summary (unit weeks rather than days, a calibration period long enough that customers repeat).`,
    );
  }
  const thetaHat = best.phi.map(Math.exp);
  const logLikelihood = ll.total(thetaHat, null);
  const { standardErrors, warnings } = observedInformationErrors(best.phi, logGradient, options);
  return { theta: thetaHat, logLikelihood, standardErrors, starts, warnings };
}

/**
 * Standard errors of θ from the observed information: H_log = ∂²(−ℓ)/∂φ² by central differences of
 * the gradient in φ = log θ, then H_θ = D⁻¹ (H_log − diag(∂(−ℓ)/∂φ)) D⁻¹ with D = diag(θ) (exact
 * chain rule; the correction vanishes at the unpenalised optimum), covariance H_θ⁻¹.
 */
function observedInformationErrors(phi: Float64Array, logGradient: (phi: Float64Array, out: Float64Array) => number, options: MaximumLikelihoodOptions): { standardErrors: Float64Array; warnings: string[] } {
  const d = phi.length;
  const H = new Float64Array(d * d);
  const up = new Float64Array(d);
  const down = new Float64Array(d);
  const g0 = new Float64Array(d);
  logGradient(phi, g0);
  for (let j = 0; j < d; j++) {
    const p = phi.slice();
    p[j] = phi[j]! + H_HESS;
    logGradient(p, up);
    p[j] = phi[j]! - H_HESS;
    logGradient(p, down);
    for (let i = 0; i < d; i++) H[i * d + j] = -(up[i]! - down[i]!) / (2 * H_HESS);
  }
  const theta = phi.map(Math.exp);
  const Hn = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) Hn[i * d + j] = (0.5 * (H[i * d + j]! + H[j * d + i]!) + (i === j ? g0[i]! : 0)) / (theta[i]! * theta[j]!);
  }
  const { values, vectors } = symmetricEigen(Hn, d);
  const standardErrors = new Float64Array(d);
  if (!(values[d - 1]! > 0)) {
    standardErrors.fill(NaN);
    return { standardErrors, warnings: [`${options.who}: the observed information is not positive definite at the optimum, so the standard errors are undefined (a parameter is at a boundary or not identified by these data).`] };
  }
  for (let i = 0; i < d; i++) {
    let v = 0;
    for (let k = 0; k < d; k++) v += (vectors[i * d + k]! * vectors[i * d + k]!) / values[k]!;
    standardErrors[i] = Math.sqrt(v);
  }
  return { standardErrors, warnings: [] };
}
