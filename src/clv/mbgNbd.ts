import type { PurchaseModelSpec } from './PurchaseModelSpec';
import { digamma } from './special/digamma';
import { betaGeometricPredictions } from './betaGeometricPredictions';
import { hyp2f1 } from './special/hyp2f1';
import { logBeta } from './special/logBeta';
import { logGamma } from './special/logGamma';

/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007; lifetimes' ModifiedBetaGeoFitter): the BG/NBD in which
 * a customer may also drop out right after the first purchase, so P(alive) < 1 even without a repeat
 * purchase. θ = [r, α, a, b].
 */
export const MBG_NBD: PurchaseModelSpec = {
  name: 'mbg-nbd',
  label: 'MBG/NBD',
  paramNames: ['r', 'alpha', 'a', 'b'],
  analyticGradient: true,
  logLikelihood(theta, x, tx, T, w, grad) {
    const r = theta[0]!;
    const alpha = theta[1]!;
    const a = theta[2]!;
    const b = theta[3]!;
    const A1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
    const A2 = logGamma(a + b) + logGamma(b + x + 1) - logGamma(b) - logGamma(a + b + x + 1);
    const A3 = -(r + x) * Math.log(alpha + T);
    const A4 = Math.log(a) - Math.log(b + x) - (r + x) * Math.log(alpha + tx);
    const top = Math.max(A3, A4);
    const e3 = Math.exp(A3 - top);
    const e4 = Math.exp(A4 - top);
    const ll = A1 + A2 + top + Math.log(e3 + e4);
    if (grad) {
      const p3 = (w * e3) / (e3 + e4);
      const p4 = (w * e4) / (e3 + e4);
      const psiAB = digamma(a + b);
      const psiABX = digamma(a + b + x + 1);
      grad[0] += w * (digamma(r + x) - digamma(r) + Math.log(alpha)) - p3 * Math.log(alpha + T) - p4 * Math.log(alpha + tx);
      grad[1] += (w * r) / alpha - (p3 * (r + x)) / (alpha + T) - (p4 * (r + x)) / (alpha + tx);
      grad[2] += w * (psiAB - psiABX) + p4 / a;
      grad[3] += w * (psiAB + digamma(b + x + 1) - digamma(b) - psiABX) - p4 / (b + x);
    }
    return ll;
  },
  probabilityAlive(theta, x, tx, T) {
    const [r, alpha, a, b] = theta as unknown as [number, number, number, number];
    return 1 / (1 + (a / (b + x)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))));
  },
  expectedPurchases(theta, t, x, tx, T) {
    const [r, alpha, a, b] = theta as unknown as [number, number, number, number];
    const z = t / (alpha + T + t);
    const num = ((a + b + x) / (a - 1)) * (1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * hyp2f1(r + x, b + x + 1, a + b + x, z));
    return num / (1 + (a / (b + x)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))));
  },
  conditionalPredictions(theta, ts, count, x, tx, T, out) {
    const [r, alpha, a, b] = theta as unknown as [number, number, number, number];
    // P(alive) is 1 / the denominator of the conditional expectation.
    const alive = MBG_NBD.probabilityAlive(theta, x, tx, T);
    betaGeometricPredictions(r, alpha, a, x, T, b + x + 1, a + b + x, alive, ts, count, out);
    return alive;
  },
  expectedPurchasesUnconditional(theta, t) {
    const [r, alpha, a, b] = theta as unknown as [number, number, number, number];
    return (b / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b + 1, a + b, t / (alpha + t)));
  },
  probabilityOfPurchases(theta, n, t) {
    const [r, alpha, a, b] = theta as unknown as [number, number, number, number];
    const lp = Math.log(alpha / (alpha + t));
    const lq = Math.log(t / (alpha + t));
    const first = Math.exp(logBeta(a, b + 1 + n) - logBeta(a, b) + logGamma(r + n) - logGamma(r) - logGamma(n + 1) + r * lp + n * lq);
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(logGamma(r + j) - logGamma(r) - logGamma(j + 1) + j * lq);
    return first + Math.exp(logBeta(a + 1, b + n) - logBeta(a, b)) * (1 - Math.exp(r * lp) * sum);
  },
};
