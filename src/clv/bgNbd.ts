import type { PurchaseModelSpec } from './PurchaseModelSpec';
import { digamma } from './special/digamma';
import { betaGeometricPredictions } from './betaGeometricPredictions';
import { hyp2f1 } from './special/hyp2f1';
import { logBeta } from './special/logBeta';
import { logGamma } from './special/logGamma';

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
  totalLogLikelihood(theta, x, tx, T, w, grad) {
    const r = theta[0]!;
    const alpha = theta[1]!;
    const a = theta[2]!;
    const b = theta[3]!;
    const n = x.length;
    let maxX = 0;
    for (let i = 0; i < n; i++) if (x[i]! > maxX) maxX = x[i]!;
    // Per whole x (checked upstream): A1 + A2, ln a − ln(b + x − 1) and the x-only parts of the gradient, computed when first met.
    const seen = new Uint8Array(maxX + 1);
    const base = new Float64Array(maxX + 1);
    const logA4 = new Float64Array(maxX + 1);
    const g0 = new Float64Array(maxX + 1);
    const g2 = new Float64Array(maxX + 1);
    const g3 = new Float64Array(maxX + 1);
    const lgR = logGamma(r);
    const lgB = logGamma(b);
    const lgAB = logGamma(a + b);
    const logAlpha = Math.log(alpha);
    const logA = Math.log(a);
    const psiR = grad ? digamma(r) : 0;
    const psiB = grad ? digamma(b) : 0;
    const psiAB = grad ? digamma(a + b) : 0;
    let s = 0;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      if (seen[xi] === 0) {
        seen[xi] = 1;
        const lgABX = logGamma(a + b + xi);
        base[xi] = logGamma(r + xi) - lgR + r * logAlpha + lgAB + logGamma(b + xi) - lgB - lgABX;
        logA4[xi] = xi > 0 ? logA - Math.log(b + xi - 1) : -Infinity;
        if (grad) {
          const psiABX = digamma(a + b + xi);
          g0[xi] = digamma(r + xi) - psiR + logAlpha;
          g2[xi] = psiAB - psiABX;
          g3[xi] = psiAB + digamma(b + xi) - psiB - psiABX;
        }
      }
      const wi = w[i]!;
      const rx = r + xi;
      const lT = Math.log(alpha + T[i]!);
      const A3 = -rx * lT;
      let ll: number;
      if (xi > 0) {
        const ltx = Math.log(alpha + tx[i]!);
        const A4 = logA4[xi]! - rx * ltx;
        const top = Math.max(A3, A4);
        const e3 = Math.exp(A3 - top);
        const e4 = Math.exp(A4 - top);
        ll = base[xi]! + top + Math.log(e3 + e4);
        if (grad) {
          const p3 = (wi * e3) / (e3 + e4);
          const p4 = (wi * e4) / (e3 + e4);
          d0 += wi * g0[xi]! - p3 * lT - p4 * ltx;
          d1 += (wi * r) / alpha - (p3 * rx) / (alpha + T[i]!) - (p4 * rx) / (alpha + tx[i]!);
          d2 += wi * g2[xi]! + p4 / a;
          d3 += wi * g3[xi]! - p4 / (b + xi - 1);
        }
      } else {
        ll = base[0]! + A3;
        if (grad) {
          d0 += wi * (g0[0]! - lT);
          d1 += wi * (r / alpha - rx / (alpha + T[i]!));
          d2 += wi * g2[0]!;
          d3 += wi * g3[0]!;
        }
      }
      s += wi * ll;
    }
    if (grad) {
      grad[0] += d0;
      grad[1] += d1;
      grad[2] += d2;
      grad[3] += d3;
    }
    return s;
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
  conditionalPredictions(theta, ts, count, x, tx, T, out) {
    const [r, alpha, a, b] = theta as unknown as [number, number, number, number];
    // P(alive) is 1 / the denominator of the conditional expectation (1 without a repeat purchase).
    const alive = BG_NBD.probabilityAlive(theta, x, tx, T);
    betaGeometricPredictions(r, alpha, a, x, T, b + x, a + b + x - 1, alive, ts, count, out);
    return alive;
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
