/** Rows per block of the Hessian's accumulation (2 × 31 × 256 doubles stay in the L1/L2 cache). */
const HESSIAN_BLOCK = 256;

/**
 * The averaged objective every solver minimises, over θ = [β₁ … β_p, b] (intercept last):
 *   f(θ) = (1/S) Σᵢ sᵢ · (softplus(zᵢ) − yᵢ zᵢ) + (λ/2) Σⱼ βⱼ²,   zᵢ = b + xᵢ·β,  S = Σᵢ sᵢ
 * with λ = 1 / (C · S) for 'l2' and 0 otherwise (the l1 term is the proximal solver's). Dividing
 * scikit-learn's C · Σ sᵢ logloss + ½‖β‖² by C · S keeps its minimiser and makes `tol` independent of n.
 * X is row-major (n × p) and standardised on the fly, x̃ = (x − center) · invScale, so a fit makes no copy
 * of it; the loops trust their inputs (LogisticRegression.fit validated them).
 */
export class LogisticObjective {
  /** Σ sᵢ. */
  readonly weightSum: number;
  /** Scratch of valueGradientHessian: a block of rows, column-major, as is and times vᵢ. */
  private blockCols: Float64Array | undefined;
  private blockWeighted: Float64Array | undefined;
  /** Scratch of valueAndGradient: β · invScale. */
  private rawBeta: Float64Array | undefined;

  constructor(
    readonly X: Float64Array,
    readonly n: number,
    readonly p: number,
    readonly y: Uint8Array,
    /** Per-row weight (sample × class weight); null: 1 each. */
    readonly weight: Float64Array | null,
    /** The l2 coefficient on the averaged scale (0: none). */
    readonly lambda: number,
    readonly fitIntercept: boolean,
    /** Per column, the value subtracted and the factor applied (the standardisation; 0 and 1: X as it is). */
    readonly center: Float64Array,
    readonly invScale: Float64Array,
  ) {
    let s = n;
    if (weight) {
      s = 0;
      for (let i = 0; i < n; i++) s += weight[i]!;
    }
    this.weightSum = s;
  }

  /** f(θ), with its gradient written to `grad` (length p + 1; the intercept's is 0 when it is not fitted). */
  valueAndGradient(theta: Float64Array, grad: Float64Array): number {
    const { X, n, p, y, weight, lambda, center, invScale } = this;
    grad.fill(0);
    // On the raw columns: z = b + Σ βⱼ invScaleⱼ (xⱼ − centerⱼ) = b₀ + Σ β̃ⱼ xⱼ, and the gradient's
    // Σ rᵢ (xᵢⱼ − centerⱼ) = Σ rᵢ xᵢⱼ − centerⱼ Σ rᵢ: two flops per cell for each instead of three. The
    // cancellation this allows costs ~1e-16 · |centerⱼ| / sdⱼ of absolute accuracy, far below any tol.
    const beta = (this.rawBeta ??= new Float64Array(p));
    let b = theta[p]!;
    for (let j = 0; j < p; j++) {
      beta[j] = theta[j]! * invScale[j]!;
      b -= beta[j]! * center[j]!;
    }
    let loss = 0;
    let gb = 0;
    for (let i = 0, off = 0; i < n; i++, off += p) {
      const s = weight ? weight[i]! : 1;
      if (s === 0) continue;
      let z = b;
      for (let j = 0; j < p; j++) z += beta[j]! * X[off + j]!;
      let sig: number;
      let softplus: number;
      if (z >= 0) {
        const e = Math.exp(-z);
        sig = 1 / (1 + e);
        softplus = z + Math.log1p(e);
      } else {
        const e = Math.exp(z);
        sig = e / (1 + e);
        softplus = Math.log1p(e);
      }
      const yi = y[i]!;
      loss += s * (softplus - yi * z);
      const r = s * (sig - yi);
      gb += r;
      for (let j = 0; j < p; j++) grad[j]! += r * X[off + j]!;
    }
    const inv = 1 / this.weightSum;
    let pen = 0;
    for (let j = 0; j < p; j++) {
      grad[j] = (grad[j]! - center[j]! * gb) * invScale[j]! * inv + lambda * theta[j]!;
      pen += theta[j]! * theta[j]!;
    }
    grad[p] = this.fitIntercept ? gb * inv : 0;
    return loss * inv + 0.5 * lambda * pen;
  }

  /**
   * Whether θ classifies every weighted row correctly (log-odds > 0 for the events, < 0 for the rest): then
   * the classes are linearly separable and the unpenalised likelihood has no maximum.
   */
  separatesClasses(theta: Float64Array): boolean {
    const { X, n, p, y, weight, center, invScale } = this;
    for (let i = 0, off = 0; i < n; i++, off += p) {
      if (weight && weight[i] === 0) continue;
      let z = theta[p]!;
      for (let j = 0; j < p; j++) z += theta[j]! * invScale[j]! * (X[off + j]! - center[j]!);
      if (y[i] === 1 ? !(z > 0) : !(z < 0)) return false;
    }
    return true;
  }

  /**
   * The gradient (into `grad`) and the exact Hessian (into `hess`, (p+1) × (p+1) row-major, both triangles)
   * of f at θ; returns f. Without an intercept its row and column are the identity (its step is then 0).
   * The Hessian Σ vᵢ x̃ᵢ x̃ᵢᵀ is accumulated by blocks of rows copied column-major, so each of its (p+1)²/2
   * entries is a contiguous dot product over the block (about 3× faster than a rank-1 update per row).
   */
  valueGradientHessian(theta: Float64Array, grad: Float64Array, hess: Float64Array): number {
    const { X, n, p, y, weight, lambda, center, invScale } = this;
    const d = p + 1;
    const B = HESSIAN_BLOCK;
    grad.fill(0);
    hess.fill(0);
    const cols = (this.blockCols ??= new Float64Array(d * B));
    const weighted = (this.blockWeighted ??= new Float64Array(d * B));
    const b = theta[p]!;
    let loss = 0;
    let gb = 0;
    for (let i0 = 0; i0 < n; i0 += B) {
      const size = Math.min(B, n - i0);
      for (let bi = 0, off = i0 * p; bi < size; bi++, off += p) {
        const i = i0 + bi;
        const s = weight ? weight[i]! : 1;
        let v = 0;
        // The standardised row, column-major into the block (the Hessian's and the margin's input).
        for (let j = 0; j < p; j++) cols[j * B + bi] = (X[off + j]! - center[j]!) * invScale[j]!;
        if (s !== 0) {
          let z = b;
          for (let j = 0; j < p; j++) z += theta[j]! * cols[j * B + bi]!;
          let sig: number;
          let softplus: number;
          if (z >= 0) {
            const e = Math.exp(-z);
            sig = 1 / (1 + e);
            softplus = z + Math.log1p(e);
          } else {
            const e = Math.exp(z);
            sig = e / (1 + e);
            softplus = Math.log1p(e);
          }
          const yi = y[i]!;
          loss += s * (softplus - yi * z);
          const r = s * (sig - yi);
          v = s * sig * (1 - sig);
          gb += r;
          for (let j = 0; j < p; j++) grad[j]! += r * cols[j * B + bi]!;
        }
        for (let j = 0; j < p; j++) weighted[j * B + bi] = v * cols[j * B + bi]!;
        cols[p * B + bi] = 1;
        weighted[p * B + bi] = v;
      }
      for (let j = 0; j < d; j++) {
        const wj = j * B;
        let k = j;
        // Four entries of row j at once: each weighted value is loaded once for four products.
        for (; k + 3 < d; k += 4) {
          const c0 = k * B;
          const c1 = c0 + B;
          const c2 = c1 + B;
          const c3 = c2 + B;
          let a0 = 0;
          let a1 = 0;
          let a2 = 0;
          let a3 = 0;
          for (let bi = 0; bi < size; bi++) {
            const w = weighted[wj + bi]!;
            a0 += w * cols[c0 + bi]!;
            a1 += w * cols[c1 + bi]!;
            a2 += w * cols[c2 + bi]!;
            a3 += w * cols[c3 + bi]!;
          }
          const h = j * d + k;
          hess[h]! += a0;
          hess[h + 1]! += a1;
          hess[h + 2]! += a2;
          hess[h + 3]! += a3;
        }
        for (; k < d; k++) {
          const ck = k * B;
          let acc = 0;
          for (let bi = 0; bi < size; bi++) acc += weighted[wj + bi]! * cols[ck + bi]!;
          hess[j * d + k]! += acc;
        }
      }
    }
    const inv = 1 / this.weightSum;
    let pen = 0;
    for (let j = 0; j < d; j++) {
      for (let k = j; k < d; k++) {
        const h = hess[j * d + k]! * inv;
        hess[j * d + k] = h;
        hess[k * d + j] = h;
      }
    }
    for (let j = 0; j < p; j++) {
      grad[j] = grad[j]! * inv + lambda * theta[j]!;
      hess[j * d + j]! += lambda;
      pen += theta[j]! * theta[j]!;
    }
    grad[p] = gb * inv;
    if (!this.fitIntercept) {
      grad[p] = 0;
      for (let j = 0; j < d; j++) hess[j * d + p] = hess[p * d + j] = 0;
      hess[p * d + p] = 1;
    }
    return loss * inv + 0.5 * lambda * pen;
  }
}
