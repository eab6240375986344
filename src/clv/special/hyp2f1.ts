import { logGamma } from './logGamma';

/** z past which the 1 − z transformation is tried first: the direct series needs about 37 / (1 − z) terms. */
const SWITCH_Z = 0.9;
/** Terms of the direct series when it is the first choice (z ≤ SWITCH_Z), and when it is the fallback past SWITCH_Z. */
const DIRECT_TERMS = 5_000;
const FALLBACK_TERMS = 1_000_000;
/** Terms of a series in 1 − z (≤ 0.1): more means its terms grew huge first, and the direct series is the better road. */
const REFLECTED_TERMS = 2_000;
/**
 * c − a − b closer than H to an integer m: the two terms of the 1 − z transformation have poles there that cancel, so
 * ln ₂F₁ is interpolated instead, a cubic in c − a − b through m ± h and m ± 2h (the cancellation there costs ~1/h).
 * h = H, or SCALE·H / ln(1/(1 − z)) when smaller (down to 1e-4): the derivatives in c − a − b grow like ln(1/(1 − z))^k.
 * Chosen against mpmath on ~4,200 arguments near z = 1 (grids like test/clv/fixtures/hyp2f1Near1.py, Pareto/NBD shapes
 * up to x = 60, c − a − b within 1e-12 to 5e-3 of an integer): worst relative error 4e-11.
 */
const H = 1e-3;
const SCALE = 5;
/** The 1 − z transformation is refused (NaN, so the direct series is summed) when cancellation would cost more than this factor. */
const MAX_AMPLIFICATION = 1e5;

/**
 * ln ₂F₁(a, b; c; z), the Gaussian hypergeometric function, for a, b, c > 0 and 0 ≤ z < 1: what the
 * BG/NBD, MBG/NBD and Pareto/NBD expressions need (every argument there is positive and z is a ratio
 * of ages in [0, 1)). Two branches:
 * - z ≤ 0.9: the power series in z. With positive a, b, c every term is positive, so the sum has no
 *   cancellation. When c − a − b < 0 the function grows like (1 − z)^(c−a−b) near 1; Euler's
 *   transformation ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z) takes that factor out in
 *   closed form (used when c − a and c − b are positive, so the new series is positive too).
 * - z > 0.9: the linear transformation to 1 − z (Abramowitz & Stegun 15.3.6, DLMF 15.8.4), two series in
 *   1 − z < 0.1 that converge in a few dozen terms however close z is to 1. Where c − a − b is within 10⁻³ of an
 *   integer its two terms have cancelling poles: there the direct series is summed while it fits its budget
 *   (z up to about 0.99), and past that ln ₂F₁ is interpolated from four points around the integer (it is
 *   analytic in b; see H). When the transformation would lose too many digits to cancellation (large a and b
 *   with z not that close to 1) the direct series is summed instead, with a larger budget.
 * `oneMinusZ`: 1 − z when the caller can form it without cancellation (Pareto/NBD: min(α, β) + t over max(α, β) + t):
 * near z = 1 the rounding of z itself is a relative error of 1e-16 / (1 − z) in 1 − z, which the function grows like a
 * power of. Returns NaN outside the domain (callers validate their parameters) or when no branch converges.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number, oneMinusZ: number = 1 - z): number {
  if (!(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1 && oneMinusZ > 0)) return NaN;
  if (z === 0) return 0;
  if (z <= SWITCH_Z) {
    const direct = logDirect(a, b, c, z, DIRECT_TERMS);
    return Number.isNaN(direct) ? logReflected(a, b, c, oneMinusZ) : direct;
  }
  // Near an integer c − a − b the transformation is interpolated (less accurate): the direct series first while it is affordable.
  const d = c - a - b;
  if (Math.abs(d - Math.round(d)) < H) {
    const direct = logDirect(a, b, c, z, DIRECT_TERMS);
    if (!Number.isNaN(direct)) return direct;
  }
  const reflected = logReflected(a, b, c, oneMinusZ);
  return Number.isNaN(reflected) ? logDirect(a, b, c, z, FALLBACK_TERMS) : reflected;
}

/** ₂F₁(a, b; c; z) itself (see logHyp2f1 for the domain). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return Math.exp(logHyp2f1(a, b, c, z));
}

/** The power series in z (with Euler's transformation when it helps), in logs; NaN past `budget` terms. */
function logDirect(a: number, b: number, c: number, z: number, budget: number): number {
  // ln(1 − z) from z: only used on the direct branch (z ≤ 0.9 or the fallback), where z carries the digits.
  const excess = c - a - b;
  if (excess < 0 && c - a > 0 && c - b > 0) return excess * Math.log1p(-z) + Math.log(positiveSeries(c - a, c - b, c, z, budget));
  return Math.log(positiveSeries(a, b, c, z, budget));
}

/** Σ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ with positive terms, to full double precision. */
function positiveSeries(a: number, b: number, c: number, z: number, budget: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < budget; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    // The ratio of successive terms tends to z, so with r = max(next ratio, z) < 1 the tail is about term · r / (1 − r).
    const r = Math.max((((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z, z);
    if (r < 1 && term * r <= 1e-17 * sum * (1 - r)) return sum;
  }
  return NaN;
}

/** ln ₂F₁ by the 1 − z transformation, interpolated across integer c − a − b; NaN when it would not be accurate. */
function logReflected(a: number, b: number, c: number, w: number): number {
  const d = c - a - b;
  const m = Math.round(d);
  const u = d - m;
  if (Math.abs(u) >= H) return logTransformed(a, b, c, w, d);
  const h = Math.min(H, Math.max(1e-4, (SCALE * H) / -Math.log(w)));
  // Move c − a − b to the nodes m + o by changing the larger of a, b (ln ₂F₁ is analytic in it), then evaluate the cubic at u.
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big + u - 2 * h <= 0) return NaN;
  const nodes = [-2 * h, -h, h, 2 * h];
  let value = 0;
  for (let k = 0; k < 4; k++) {
    const o = nodes[k]!;
    const f = logTransformed(big + u - o, small, c, w, m + o);
    if (Number.isNaN(f)) return NaN;
    let weight = 1;
    for (let j = 0; j < 4; j++) if (j !== k) weight *= (u - nodes[j]!) / (o - nodes[j]!);
    value += weight * f;
  }
  return value;
}

/**
 * A&S 15.3.6 with w = 1 − z and d = c − a − b (not an integer):
 * ₂F₁(a, b; c; z) = Γ(c)Γ(d) / (Γ(c−a)Γ(c−b)) · ₂F₁(a, b; 1−d; w) + w^d Γ(c)Γ(−d) / (Γ(a)Γ(b)) · ₂F₁(c−a, c−b; 1+d; w).
 * Terms may have either sign: NaN when the sum loses more than MAX_AMPLIFICATION to cancellation or is not positive.
 */
function logTransformed(a: number, b: number, c: number, w: number, d: number): number {
  const s1 = signedSeries(a, b, 1 - d, w);
  const s2 = signedSeries(c - a, c - b, 1 + d, w);
  if (s1 === null || s2 === null) return NaN;
  const lgc = logGamma(c);
  // Γ(c − a) or Γ(c − b) at a pole: the first term vanishes (1/Γ = 0).
  const poleFirst = isPole(c - a) || isPole(c - b);
  const log1 = poleFirst ? -Infinity : lgc + logAbsGamma(d) - logAbsGamma(c - a) - logAbsGamma(c - b) + Math.log(Math.abs(s1.sum));
  const sign1 = poleFirst ? 0 : gammaSign(d) * gammaSign(c - a) * gammaSign(c - b) * Math.sign(s1.sum);
  const log2 = d * Math.log(w) + lgc + logAbsGamma(-d) - logGamma(a) - logGamma(b) + Math.log(Math.abs(s2.sum));
  const sign2 = gammaSign(-d) * Math.sign(s2.sum);
  const top = Math.max(log1, log2);
  if (!Number.isFinite(top)) return NaN;
  const e1 = sign1 === 0 ? 0 : Math.exp(log1 - top);
  const e2 = Math.exp(log2 - top);
  const total = sign1 * e1 + sign2 * e2;
  // Rounding in each term scales with the sum of the absolute values of its series' terms.
  const spread = e1 * (s1.abs / Math.abs(s1.sum)) + e2 * (s2.abs / Math.abs(s2.sum));
  if (!(total > 0) || spread > MAX_AMPLIFICATION * total) return NaN;
  return top + Math.log(total);
}

/** Σ (a)ₙ (b)ₙ / ((c)ₙ n!) wⁿ for real a, b, c (c not a pole) and 0 < w ≤ 0.5: the sum and the sum of |terms|; null if it does not settle. */
function signedSeries(a: number, b: number, c: number, w: number): { sum: number; abs: number } | null {
  let term = 1;
  let sum = 1;
  let abs = 1;
  for (let n = 0; n < REFLECTED_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * w;
    if (term === 0) return { sum, abs };
    sum += term;
    abs += Math.abs(term);
    if (!Number.isFinite(abs)) return null;
    // Past the largest of |a|, |b|, |c| the ratio of successive terms is at most about 2w ≤ 1 and shrinking to w.
    const past = n > Math.abs(a) && n > Math.abs(b) && n > Math.abs(c);
    if (past && Math.abs(term) <= 1e-17 * abs) return { sum, abs };
  }
  return null;
}

/** A pole of Γ: 0, −1, −2, … */
function isPole(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/** ln |Γ(x)| for any real x that is not a pole (reflection Γ(x)Γ(1 − x) = π / sin πx below 1/2). */
function logAbsGamma(x: number): number {
  if (x >= 0.5) return logGamma(x);
  return Math.log(Math.PI / Math.abs(sinPi(x))) - logGamma(1 - x);
}

/** The sign of Γ(x) for x not a pole: Γ(1 − x) > 0 below 1, so it is the sign of sin πx. */
function gammaSign(x: number): number {
  return x > 0 ? 1 : Math.sign(sinPi(x));
}

/** sin πx with the argument reduced first, so it stays accurate for large |x|. */
function sinPi(x: number): number {
  const r = x - 2 * Math.round(x / 2); // in [−1, 1]
  return Math.sin(Math.PI * r);
}

/** The series' coefficients (a)ₙ(b)ₙ / ((c)ₙ n!) and their ratios, shared by the arguments of one hyp2f1AtMany call. */
let coefs = new Float64Array(256);
let ratios = new Float64Array(256);

/**
 * ₂F₁(a, b; c; zs[k]) for k < count, into out: one set of parameters at several arguments (a customer's CLV horizons).
 * The coefficients (a)ₙ(b)ₙ / ((c)ₙ n!) are computed once, so each further z costs a multiply-add per term instead of
 * a series of its own (divisions included), and each z stops as soon as its own sum has converged (small z early).
 * The same branch and stopping rule as hyp2f1 when every z ≤ 0.9 (the direct series, with Euler's transformation when
 * it applies), equal to it within rounding; otherwise, or outside the domain, one hyp2f1 per z.
 */
export function hyp2f1AtMany(a: number, b: number, c: number, zs: Float64Array, count: number, out: Float64Array): void {
  let zMin = Infinity;
  let zMax = -Infinity;
  for (let k = 0; k < count; k++) {
    zMin = Math.min(zMin, zs[k]!);
    zMax = Math.max(zMax, zs[k]!);
  }
  if (!(a > 0 && b > 0 && c > 0 && zMin >= 0 && zMax <= SWITCH_Z) || !sharedSeries(a, b, c, zs, count, zMax, out)) {
    for (let k = 0; k < count; k++) out[k] = hyp2f1(a, b, c, zs[k]!);
  }
}

/**
 * The direct series of logDirect at every z at once; false when it does not converge within DIRECT_TERMS. The
 * coefficients are computed once, while summing at the largest z (which needs the most of them); every other z then
 * sums the stored coefficients in registers with positiveSeries' own stopping rule.
 */
function sharedSeries(a: number, b: number, c: number, zs: Float64Array, count: number, zMax: number, out: Float64Array): boolean {
  const excess = c - a - b;
  const euler = excess < 0 && c - a > 0 && c - b > 0;
  const p = euler ? c - a : a;
  const q = euler ? c - b : b;
  // ratios[n] = coefs[n] / coefs[n − 1] without z; the rule needs one ratio ahead of the last coefficient summed.
  let cf = coefs;
  let rt = ratios;
  cf[0] = 1;
  rt[0] = 1;
  let power = 1;
  let sum = 1;
  let terms = 0;
  for (let n = 0; ; n++) {
    if (n + 2 >= cf.length) {
      if (n + 2 > DIRECT_TERMS) return false;
      const grown = new Float64Array(2 * cf.length);
      grown.set(cf);
      coefs = cf = grown;
      const grownRatios = new Float64Array(2 * rt.length);
      grownRatios.set(rt);
      ratios = rt = grownRatios;
    }
    rt[n + 1] = ((p + n) * (q + n)) / ((c + n) * (n + 1));
    cf[n + 1] = cf[n]! * rt[n + 1]!;
    power *= zMax;
    const term = cf[n + 1]! * power;
    sum += term;
    rt[n + 2] = ((p + n + 1) * (q + n + 1)) / ((c + n + 1) * (n + 2));
    const r = Math.max(rt[n + 2]! * zMax, zMax);
    if (r < 1 && term * r <= 1e-17 * sum * (1 - r)) {
      terms = n + 1;
      break;
    }
  }
  for (let k = 0; k < count; k++) {
    const z = zs[k]!;
    let s = 1;
    if (z === zMax) s = sum;
    else {
      // Terms at a smaller z are smaller: this z converges within the terms the largest one needed.
      let pw = 1;
      for (let n = 1; n <= terms; n++) {
        pw *= z;
        const term = cf[n]! * pw;
        s += term;
        const r = Math.max(rt[n + 1]! * z, z);
        if (r < 1 && term * r <= 1e-17 * s * (1 - r)) break;
      }
    }
    out[k] = euler ? Math.exp(excess * Math.log1p(-z)) * s : s;
  }
  return true;
}
