import { checkParam, paramError } from '../core/errors';
import { kstwoSf } from '../stats/kstwoSf';

/** How the p-value is computed: scipy's ks_2samp `method`. */
export type KsMethod = 'auto' | 'exact' | 'asymp';

export interface KsResult {
  /** D = max |F_reference − F_current| over the pooled values. */
  statistic: number;
  pValue: number;
  /** The method actually used ('auto' resolved; 'exact' falls back to 'asymp' when the count overflows). */
  method: 'exact' | 'asymp';
}

/** scipy 1.10's rule for method 'auto': exact when both samples have at most this many values. */
export const KS_MAX_EXACT_N = 10000;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * P(D_{n,n} ≥ h/n) for equal sizes: 2·Σ_k (−1)^(k+1) C(2n, n−kh)/C(2n, n), Horner-like so terms never
 * overflow (scipy's _compute_prob_outside_square).
 */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * 1 − P(paths from (0,0) to (m,n) stay strictly inside |x/m − y/n| < h/lcm), the recursion for the
 * complement that keeps small p-values accurate (Hodges' inside method as Viehmann rewrites it; scipy's
 * _compute_outer_prob_inside_method).
 */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 >= n0 ? [m0, n0] : [n0, m0];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1]!;
}

/**
 * Two-sample Kolmogorov-Smirnov test, two-sided, equal to scipy.stats.ks_2samp (scipy 1.10): 'auto' is exact
 * when both samples have at most 10,000 values, else asymptotic (kstwo.sf(D, round(m·n/(m+n)))). Both inputs
 * must be sorted ascending and free of NaN (the public entries sort once and check). Exact and asymptotic
 * p-values alike: on hundreds of thousands of rows a negligible difference is "significant", so drift
 * decisions pair KS with an effect size (see compareFeatures).
 */
export function ksTestSorted(a: Float64Array, b: Float64Array, method: KsMethod = 'auto'): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  // The largest gap between the two empirical CDFs, evaluated just after every pooled value (searchsorted 'right').
  let i = 0;
  let j = 0;
  let maxS = -Infinity;
  let minS = Infinity;
  while (i < n1 || j < n2) {
    const v = i < n1 && (j >= n2 || a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < n1 && a[i]! <= v) i++;
    while (j < n2 && b[j]! <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const negMin = Math.min(Math.max(-minS, 0), 1);
  let d = negMin > maxS ? negMin : maxS;
  const g = gcd(n1, n2);
  let mode: 'exact' | 'asymp' = method === 'auto' ? (Math.max(n1, n2) <= KS_MAX_EXACT_N ? 'exact' : 'asymp') : method;
  if (mode === 'exact' && n1 / g >= 2147483647 / (n2 / g)) mode = 'asymp';
  let prob = NaN;
  if (mode === 'exact') {
    const lcm = (n1 / g) * n2;
    const h = Math.round(d * lcm);
    d = h / lcm;
    if (h === 0) prob = 1;
    else prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
    if (!(prob >= 0 && prob <= 1)) mode = 'asymp';
  }
  if (mode === 'asymp') {
    const en = (n1 * n2) / (n1 + n2);
    prob = kstwoSf(roundHalfEven(en), d);
  }
  return { statistic: d, pValue: Math.min(1, Math.max(0, prob)), method: mode };
}

/** numpy's round: halves to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Two-sample Kolmogorov-Smirnov test of reference against current (scipy.stats.ks_2samp, two-sided): the
 * samples are copied and sorted once; both need a value and no NaN or ±Infinity.
 */
export function ksTest(reference: ArrayLike<number>, current: ArrayLike<number>, method: KsMethod = 'auto'): KsResult {
  checkParam(method === 'auto' || method === 'exact' || method === 'asymp', 'ksTest method', method, '"auto", "exact" or "asymp"');
  return ksTestSorted(sortedFinite(reference, 'ksTest reference'), sortedFinite(current, 'ksTest current'), method);
}

/** A sorted Float64Array copy of finite values; an empty sample or a non-finite value is a clear error. */
export function sortedFinite(values: ArrayLike<number>, name: string): Float64Array {
  checkParam(values.length >= 1, name, `${values.length} values`, 'at least 1 value');
  const out = Float64Array.from(values);
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i])) throw paramError(`${name}[${i}]`, out[i], 'a finite number (drop missing values first)', String(out[i]));
  return out.sort();
}
