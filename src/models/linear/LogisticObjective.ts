/**
 * The averaged objective every solver minimises, over θ = [β₁ … β_p, b] (intercept last):
 *   f(θ) = (1/S) Σᵢ sᵢ · (softplus(zᵢ) − yᵢ zᵢ) + (λ/2) Σⱼ βⱼ²,   zᵢ = b + xᵢ·β,  S = Σᵢ sᵢ
 * with λ = 1 / (C · S) for 'l2' and 0 otherwise (the l1 term is the proximal solver's). Dividing
 * scikit-learn's C · Σ sᵢ logloss + ½‖β‖² by C · S keeps its minimiser and makes `tol` independent of n.
 * X is row-major (n × p); the loops trust their inputs (LogisticRegression.fit validated them).
 */
export class LogisticObjective {
  /** Σ sᵢ. */
  readonly weightSum: number;

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
    const { X, n, p, y, weight, lambda } = this;
    grad.fill(0);
    const b = theta[p]!;
    let loss = 0;
    let gb = 0;
    for (let i = 0, off = 0; i < n; i++, off += p) {
      const s = weight ? weight[i]! : 1;
      if (s === 0) continue;
      let z = b;
      for (let j = 0; j < p; j++) z += theta[j]! * X[off + j]!;
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
      grad[j] = grad[j]! * inv + lambda * theta[j]!;
      pen += theta[j]! * theta[j]!;
    }
    grad[p] = this.fitIntercept ? gb * inv : 0;
    return loss * inv + 0.5 * lambda * pen;
  }

  /**
   * The gradient (into `grad`) and the exact Hessian (into `hess`, (p+1) × (p+1) row-major, both triangles)
   * of f at θ; returns f. Without an intercept its row and column are the identity (its step is then 0).
   */
  valueGradientHessian(theta: Float64Array, grad: Float64Array, hess: Float64Array): number {
    const { X, n, p, y, weight, lambda } = this;
    const d = p + 1;
    grad.fill(0);
    hess.fill(0);
    const b = theta[p]!;
    let loss = 0;
    let gb = 0;
    for (let i = 0, off = 0; i < n; i++, off += p) {
      const s = weight ? weight[i]! : 1;
      if (s === 0) continue;
      let z = b;
      for (let j = 0; j < p; j++) z += theta[j]! * X[off + j]!;
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
      const v = s * sig * (1 - sig);
      gb += r;
      // Upper triangle only (mirrored below): p²/2 multiply-adds per row.
      for (let j = 0; j < p; j++) {
        const xj = X[off + j]!;
        grad[j]! += r * xj;
        const vx = v * xj;
        const row = j * d;
        for (let k = j; k < p; k++) hess[row + k]! += vx * X[off + k]!;
        hess[row + p]! += vx;
      }
      hess[p * d + p]! += v;
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
