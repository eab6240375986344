import type { PurchaseModelSpec } from './PurchaseModelSpec';
import { digamma } from './special/digamma';
import { hyp2f1 } from './special/hyp2f1';
import { logGamma } from './special/logGamma';

const logBeta = (a: number, b: number): number => logGamma(a) + logGamma(b) - logGamma(a + b);

/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): purchases Poisson(λ),
 * λ ~ Gamma(r, α); after each purchase the customer drops out with probability p ~ Beta(a, b).
 * θ = [r, α, a, b]. Log-likelihood as in the paper's equation (6), split as lifetimes does (A1..A4).
 */
export const BG_NBD: PurchaseModelSpec = {
  name: 'bg-nbd',
  label: 'BG/NBD',
  paramNames: ['r', 'alpha', 'a', 'b'],
  analyticGradient: true,
  logLikelihood(theta, x, tx, T, w, grad) {
    const r = theta[0]!;
    const alpha = theta[1]!;
    const a = theta[2]!;
    const b = theta[3]!;
    const A1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
    const A2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
    const A3 = -(r + x) * Math.log(alpha + T);
    const A4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
    const top = Math.max(A3, A4);
    const e3 = Math.exp(A3 - top);
    const e4 = x > 0 ? Math.exp(A4 - top) : 0;
    const ll = A1 + A2 + top + Math.log(e3 + e4);
    if (grad) {
      const p3 = (w * e3) / (e3 + e4);
      const p4 = (w * e4) / (e3 + e4);
      const psiAB = digamma(a + b);
      const psiABX = digamma(a + b + x);
      grad[0] += w * (digamma(r + x) - digamma(r) + Math.log(alpha)) - p3 * Math.log(alpha + T) - (x > 0 ? p4 * Math.log(alpha + tx) : 0);
      grad[1] += (w * r) / alpha - (p3 * (r + x)) / (alpha + T) - (x > 0 ? (p4 * (r + x)) / (alpha + tx) : 0);
      grad[2] += w * (psiAB - psiABX) + (x > 0 ? p4 / a : 0);
      grad[3] += w * (psiAB + digamma(b + x) - digamma(b) - psiABX) - (x > 0 ? p4 / (b + x - 1) : 0);
    }
    return ll;
  },
  probabilityAlive(theta, x, tx, T) {
    if (x === 0) return 1;
    const [r, alpha, a, b] = theta as unknown as [number, number, number, number];
    return 1 / (1 + (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))));
  },
  expectedPurchases(theta, t, x, tx, T) {
    const [r, alpha, a, b] = theta as unknown as [number, number, number, number];
    const z = t / (alpha + T + t);
    const num = ((a + b + x - 1) / (a - 1)) * (1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * hyp2f1(r + x, b + x, a + b + x - 1, z));
    const den = x > 0 ? 1 + (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))) : 1;
    return num / den;
  },
  expectedPurchasesUnconditional(theta, t) {
    const [r, alpha, a, b] = theta as unknown as [number, number, number, number];
    return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
  },
  probabilityOfPurchases(theta, n, t) {
    const [r, alpha, a, b] = theta as unknown as [number, number, number, number];
    const lp = Math.log(alpha / (alpha + t));
    const lq = Math.log(t / (alpha + t));
    const first = Math.exp(logBeta(a, b + n) - logBeta(a, b) + logGamma(r + n) - logGamma(r) - logGamma(n + 1) + r * lp + n * lq);
    if (n === 0) return first;
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(logGamma(r + j) - logGamma(r) - logGamma(j + 1) + j * lq);
    return first + Math.exp(logBeta(a + 1, b + n - 1) - logBeta(a, b)) * (1 - Math.exp(r * lp) * sum);
  },
};
