import type { PurchaseModelSpec } from './PurchaseModelSpec';
import { logHyp2f1 } from './special/hyp2f1';
import { logBeta } from './special/logBeta';
import { logGamma } from './special/logGamma';


/**
 * ln A₀ of Fader & Hardie's note (2005, "A note on deriving the Pareto/NBD model and related
 * expressions", eq. 19–20): ln[F(tx) − F(T)] with F(t) = ₂F₁(r+s+x, b; r+s+x+1; |α−β| / (M + t)) / (M + t)^(r+s+x).
 * Both branches: when α ≥ β, M = α and b = s + 1; when α < β, M = β and b = r + x. Either way the
 * argument of ₂F₁ is in [0, 1); when α and β are far apart it is close to 1, where logHyp2f1 switches to its 1 − z
 * branch. −∞ when tx = T.
 */
function logA0(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  const rsx = r + s + x;
  const [M, m, b] = alpha >= beta ? [alpha, beta, s + 1] : [beta, alpha, r + x];
  // 1 − z = (min(α, β) + t) / (M + t) passed as well: near z = 1 it carries the digits z has lost.
  const logF = (t: number): number => logHyp2f1(rsx, b, rsx + 1, (M - m) / (M + t), (m + t) / (M + t)) - rsx * Math.log(M + t);
  const hi = logF(tx);
  const lo = logF(T);
  return hi + Math.log1p(-Math.exp(lo - hi));
}

/** (1 − e^{(s−1)L}) / (s − 1), with its limit −L at s = 1. */
function powerDifference(s: number, L: number): number {
  return Math.abs(s - 1) < 1e-10 ? -L : -Math.expm1((s - 1) * L) / (s - 1);
}

/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): purchases Poisson(λ) while alive, an exponential
 * lifetime with rate μ; λ ~ Gamma(r, α), μ ~ Gamma(s, β). θ = [r, α, s, β]. The likelihood needs the
 * Gaussian hypergeometric function (logA0); the gradient is taken by central differences.
 */
export const PARETO_NBD: PurchaseModelSpec = {
  name: 'pareto-nbd',
  label: 'Pareto/NBD',
  paramNames: ['r', 'alpha', 's', 'beta'],
  analyticGradient: false,
  logLikelihood(theta, x, tx, T) {
    const r = theta[0]!;
    const alpha = theta[1]!;
    const s = theta[2]!;
    const beta = theta[3]!;
    const A1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
    const died = Math.log(s) - Math.log(r + s + x) + logA0(r, alpha, s, beta, x, tx, T);
    const top = Math.max(alive, died);
    return A1 + top + Math.log(Math.exp(alive - top) + Math.exp(died - top));
  },
  probabilityAlive(theta, x, tx, T) {
    const [r, alpha, s, beta] = theta as unknown as [number, number, number, number];
    const ratio = Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + logA0(r, alpha, s, beta, x, tx, T);
    return 1 / (1 + Math.exp(ratio));
  },
  expectedPurchases(theta, t, x, tx, T) {
    const [r, alpha, s, beta] = theta as unknown as [number, number, number, number];
    const L = Math.log((beta + T) / (beta + T + t));
    return (((r + x) * (beta + T)) / (alpha + T)) * powerDifference(s, L) * PARETO_NBD.probabilityAlive(theta, x, tx, T);
  },
  conditionalPredictions(theta, ts, count, x, tx, T, out) {
    const [r, alpha, s, beta] = theta as unknown as [number, number, number, number];
    // P(alive) (two ₂F₁) once for every horizon: only the power difference depends on t.
    const alive = PARETO_NBD.probabilityAlive(theta, x, tx, T);
    const scale = (((r + x) * (beta + T)) / (alpha + T)) * alive;
    for (let k = 0; k < count; k++) out[k] = scale * powerDifference(s, Math.log((beta + T) / (beta + T + ts[k]!)));
    return alive;
  },
  expectedPurchasesUnconditional(theta, t) {
    const [r, alpha, s, beta] = theta as unknown as [number, number, number, number];
    return ((r * beta) / alpha) * powerDifference(s, Math.log(beta / (beta + t)));
  },
  /** Fader & Hardie (2006), "Deriving an expression for P(X(t) = x) under the Pareto/NBD model", eq. 16–18. */
  probabilityOfPurchases(theta, n, t) {
    const [r, alpha, s, beta] = theta as unknown as [number, number, number, number];
    const lgN = logGamma(r + n) - logGamma(r) - logGamma(n + 1);
    const first = Math.exp(lgN + r * Math.log(alpha / (alpha + t)) + n * Math.log(t / (alpha + t)) + s * Math.log(beta / (beta + t)));
    const [M, m, b] = alpha >= beta ? [alpha, beta, s + 1] : [beta, alpha, r + n];
    const d = M - m;
    const c = r + s + n + 1;
    const B1 = Math.exp(logHyp2f1(r + s, b, c, d / M, m / M) - (r + s) * Math.log(M));
    let sum = 0;
    for (let k = 0; k <= n; k++) {
      sum += Math.exp(logGamma(r + s + k) - logGamma(r + s) - logGamma(k + 1) + k * Math.log(t) + logHyp2f1(r + s + k, b, c, d / (M + t), (m + t) / (M + t)) - (r + s + k) * Math.log(M + t));
    }
    const scale = Math.exp(r * Math.log(alpha) + s * Math.log(beta) + logBeta(r + n, s + 1) - logBeta(r, s));
    return first + scale * (B1 - sum);
  },
};
