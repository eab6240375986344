import { assertUnreachable } from '../core/assertUnreachable';
import { normalSf } from '../stats/distributionTails';
import type { Alternative } from './Alternative';
import { checkSample } from './checkSample';

export interface MannWhitneyResult {
  /** U of x: the number of (x, y) pairs with x > y, ties counting one half. */
  u: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
}

/**
 * The Mann–Whitney U test (scipy 1.10's mannwhitneyu(x, y) defaults): exact distribution when either sample
 * has at most 8 values and there are no ties, else the normal approximation with the tie correction and the
 * continuity correction. It compares whole distributions, so a few big spenders do not drive it as they drive
 * a t-test on revenue.
 */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>, alternative: Alternative = 'two-sided'): MannWhitneyResult {
  checkSample(x, 'mannWhitneyU x', 1);
  checkSample(y, 'mannWhitneyU y', 1);
  const n1 = x.length;
  const n2 = y.length;
  const n = n1 + n2;
  const all = new Float64Array(n);
  for (let i = 0; i < n1; i++) all[i] = x[i];
  for (let i = 0; i < n2; i++) all[n1 + i] = y[i];
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => all[i] - all[j]);
  let rankSumX = 0;
  let tieTerm = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && all[order[end]] === all[order[start]]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) if (order[k] < n1) rankSumX += rank;
    const t = end - start;
    tieTerm += t * t * t - t;
    start = end;
  }
  const u1 = rankSumX - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const exact = (n1 <= 8 || n2 <= 8) && tieTerm === 0;
  let pValue: number;
  if (exact) {
    const sf = exactUSf(n1, n2);
    switch (alternative) {
      case 'two-sided':
        pValue = 2 * sf(Math.max(u1, u2));
        break;
      case 'larger':
        pValue = sf(u1);
        break;
      case 'smaller':
        pValue = sf(u2);
        break;
      default:
        return assertUnreachable(alternative);
    }
  } else {
    const mu = (n1 * n2) / 2;
    const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    let u: number;
    switch (alternative) {
      case 'two-sided':
        u = Math.max(u1, u2);
        break;
      case 'larger':
        u = u1;
        break;
      case 'smaller':
        u = u2;
        break;
      default:
        return assertUnreachable(alternative);
    }
    const z = (u - mu - 0.5) / s;
    pValue = (alternative === 'two-sided' ? 2 : 1) * normalSf(z);
  }
  return { u: u1, pValue: Math.min(1, Math.max(0, pValue)), method: exact ? 'exact' : 'asymptotic' };
}

/**
 * P(U ≥ u) under H0 for sample sizes m and n: the count of arrangements with each U by the additive recursion
 * f(m, n, u) = f(m − 1, n, u − n) + f(m, n − 1, u) (additions only, so no cancellation), divided by C(m + n, m).
 */
function exactUSf(m: number, n: number): (u: number) => number {
  const a = Math.min(m, n);
  const b = Math.max(m, n);
  const maxU = a * b;
  // f[i][u] for i of the a "small" values placed among the first j of the b others, j growing.
  let f: Float64Array[] = Array.from({ length: a + 1 }, () => new Float64Array(maxU + 1));
  let g: Float64Array[] = Array.from({ length: a + 1 }, () => new Float64Array(maxU + 1));
  // With none of the other sample placed, every i has exactly one arrangement, with U = 0.
  for (let i = 0; i <= a; i++) f[i][0] = 1;
  for (let j = 1; j <= b; j++) {
    for (const row of g) row.fill(0);
    g[0][0] = 1;
    for (let i = 1; i <= a; i++) {
      for (let u = 0; u <= i * j; u++) {
        // The largest of the i + j values is either one of the j (adds nothing) or one of the i (beats all j).
        g[i][u] = (u <= i * (j - 1) ? f[i][u] : 0) + (u >= j ? g[i - 1][u - j] : 0);
      }
    }
    [f, g] = [g, f];
  }
  const counts = f[a];
  let total = 0;
  for (let u = 0; u <= maxU; u++) total += counts[u];
  const tail = new Float64Array(maxU + 2);
  for (let u = maxU; u >= 0; u--) tail[u] = tail[u + 1] + counts[u];
  return (u: number) => {
    const k = Math.ceil(u - 1e-9);
    if (k <= 0) return 1;
    if (k > maxU) return 0;
    return tail[k] / total;
  };
}
