import { assertUnreachable } from '../../core/assertUnreachable';
import { packedLowerSize } from './linalg/invertLowerTriangular';
import type { MixturePrecision } from './precisionCholesky';
import type { MixtureState } from './MixtureState';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * E-step in log space. Fills `out` (n×k, row-major) with the responsibilities p(c | x_i) — each row
 * sums to 1 — computed as exp(log w_c + log N(x_i | c) − logsumexp_c(…)), so no density under- or
 * overflows. When `logNorm` is given it receives each row's log density log p(x_i).
 * Returns Σ_i log p(x_i). `X` is n×d row-major and trusted (checked at the public entry).
 */
export function estimateResponsibilities(
  X: Float64Array,
  n: number,
  state: MixtureState,
  precision: MixturePrecision,
  out: Float64Array,
  logNorm?: Float64Array,
): number {
  weightedLogProb(X, n, state, precision, out);
  return normaliseLogProb(out, n, state.k, logNorm);
}

/** log w_c + log N(x_i | μ_c, Σ_c) for every row and component, into `out` (n×k). */
export function weightedLogProb(X: Float64Array, n: number, state: MixtureState, precision: MixturePrecision, out: Float64Array): void {
  const { type, k, d, means } = state;
  const { precChol } = precision;
  const cst = logDensityConstants(state, precision);
  switch (type) {
    case 'full':
      fullLogProb(X, n, d, k, means, precChol, cst, out);
      return;
    case 'tied':
      tiedLogProb(X, n, d, k, means, precChol, cst, out);
      return;
    case 'diag':
      diagLogProb(X, n, d, k, means, precChol, cst, out);
      return;
    case 'spherical':
      sphericalLogProb(X, n, d, k, means, precChol, cst, out);
      return;
    default:
      assertUnreachable(type, 'covariance type');
  }
}

/** Per-component constant: log w_c − ½·log|Σ_c| − ½·d·log 2π; the row loops only add −½·Mahalanobis². */
export function logDensityConstants(state: MixtureState, precision: MixturePrecision): Float64Array {
  const { k, d, weights } = state;
  const cst = new Float64Array(k);
  for (let c = 0; c < k; c++) cst[c] = Math.log(weights[c]!) + precision.logDet[c]! - 0.5 * d * LOG_2PI;
  return cst;
}

/** In place: row-wise log-sum-exp normalisation, then exp. Returns Σ_i logsumexp_i. */
function normaliseLogProb(a: Float64Array, n: number, k: number, logNorm: Float64Array | undefined): number {
  let total = 0;
  for (let i = 0, o = 0; i < n; i++, o += k) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (a[o + c]! > max) max = a[o + c]!;
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(a[o + c]! - max);
    const lse = max + Math.log(s);
    for (let c = 0; c < k; c++) a[o + c] = Math.exp(a[o + c]! - lse);
    if (logNorm) logNorm[i] = lse;
    total += lse;
  }
  return total;
}

// ‖M_c (x − μ_c)‖² with M_c the packed lower-triangular precision Cholesky of component c.
// Four rows at a time: every load of M_c feeds four independent sums, where one row's sum is a single
// chain of dependent additions (≈2.5× faster at d = 12). Each row still sees the same operations in
// the same order as in the tail loop, so results do not depend on the blocking.
function fullLogProb(X: Float64Array, n: number, d: number, k: number, means: Float64Array, precChol: Float64Array, cst: Float64Array, out: Float64Array): void {
  const P = packedLowerSize(d);
  const d0 = new Float64Array(d);
  const d1 = new Float64Array(d);
  const d2 = new Float64Array(d);
  const d3 = new Float64Array(d);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x0 = i * d;
    const x1 = x0 + d;
    const x2 = x1 + d;
    const x3 = x2 + d;
    for (let c = 0; c < k; c++) {
      const mo = c * d;
      for (let j = 0; j < d; j++) {
        const m = means[mo + j]!;
        d0[j] = X[x0 + j]! - m;
        d1[j] = X[x1 + j]! - m;
        d2[j] = X[x2 + j]! - m;
        d3[j] = X[x3 + j]! - m;
      }
      let p = c * P;
      let q0 = 0;
      let q1 = 0;
      let q2 = 0;
      let q3 = 0;
      for (let r = 0; r < d; r++) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let t = 0; t <= r; t++) {
          const m = precChol[p + t]!;
          s0 += m * d0[t]!;
          s1 += m * d1[t]!;
          s2 += m * d2[t]!;
          s3 += m * d3[t]!;
        }
        p += r + 1;
        q0 += s0 * s0;
        q1 += s1 * s1;
        q2 += s2 * s2;
        q3 += s3 * s3;
      }
      const o = i * k + c;
      out[o] = cst[c]! - 0.5 * q0;
      out[o + k] = cst[c]! - 0.5 * q1;
      out[o + 2 * k] = cst[c]! - 0.5 * q2;
      out[o + 3 * k] = cst[c]! - 0.5 * q3;
    }
  }
  for (; i < n; i++) {
    const xo = i * d;
    for (let c = 0; c < k; c++) {
      const mo = c * d;
      for (let j = 0; j < d; j++) d0[j] = X[xo + j]! - means[mo + j]!;
      let p = c * P;
      let q = 0;
      for (let r = 0; r < d; r++) {
        let s = 0;
        for (let t = 0; t <= r; t++) s += precChol[p + t]! * d0[t]!;
        p += r + 1;
        q += s * s;
      }
      out[i * k + c] = cst[c]! - 0.5 * q;
    }
  }
}

// One shared M: y = M·x once per row, then ‖y − M·μ_c‖² per component (d²/2 + k·d instead of k·d²/2).
function tiedLogProb(X: Float64Array, n: number, d: number, k: number, means: Float64Array, precChol: Float64Array, cst: Float64Array, out: Float64Array): void {
  const b = new Float64Array(k * d);
  for (let c = 0; c < k; c++) lowerPackedTimes(precChol, d, means, c * d, b, c * d);
  const y = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    lowerPackedTimes(precChol, d, X, i * d, y, 0);
    for (let c = 0; c < k; c++) {
      const bo = c * d;
      let q = 0;
      for (let j = 0; j < d; j++) {
        const t = y[j]! - b[bo + j]!;
        q += t * t;
      }
      out[i * k + c] = cst[c]! - 0.5 * q;
    }
  }
}

function lowerPackedTimes(M: Float64Array, d: number, v: Float64Array, vo: number, out: Float64Array, oo: number): void {
  for (let r = 0, p = 0; r < d; r++) {
    let s = 0;
    for (let t = 0; t <= r; t++) s += M[p + t]! * v[vo + t]!;
    p += r + 1;
    out[oo + r] = s;
  }
}

function diagLogProb(X: Float64Array, n: number, d: number, k: number, means: Float64Array, precChol: Float64Array, cst: Float64Array, out: Float64Array): void {
  const prec = new Float64Array(k * d);
  for (let t = 0; t < k * d; t++) prec[t] = precChol[t]! * precChol[t]!;
  for (let i = 0; i < n; i++) {
    const xo = i * d;
    for (let c = 0; c < k; c++) {
      const mo = c * d;
      let q = 0;
      for (let j = 0; j < d; j++) {
        const t = X[xo + j]! - means[mo + j]!;
        q += t * t * prec[mo + j]!;
      }
      out[i * k + c] = cst[c]! - 0.5 * q;
    }
  }
}

function sphericalLogProb(X: Float64Array, n: number, d: number, k: number, means: Float64Array, precChol: Float64Array, cst: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const xo = i * d;
    for (let c = 0; c < k; c++) {
      const mo = c * d;
      let q = 0;
      for (let j = 0; j < d; j++) {
        const t = X[xo + j]! - means[mo + j]!;
        q += t * t;
      }
      const p = precChol[c]!;
      out[i * k + c] = cst[c]! - 0.5 * q * p * p;
    }
  }
}
