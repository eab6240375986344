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
  /** Scratch of valueGradientHessian: a block of rows times √vᵢ, column-major. */
  private blockCols: Float64Array | undefined;
  /** Scratch of valueAndGradient (β · invScale) and of valueGradientHessian (a standardised row). */
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

  /**
   * f(θ), with its gradient written to `grad` (length p + 1; the intercept's is 0 when it is not fitted): one
   * pass over X, four rows at a time (each coefficient and gradient entry loaded once per four rows, four
   * independent sums), the margin, loss and residual of a row computed while its cells are in the L1 cache.
   */
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
    this.loss = 0;
    let gb = 0;
    let i = 0;
    // A row of weight 0 adds 0 to every sum (its margin is finite: X is), so no row is skipped.
    for (const n4 = n - 3; i < n4; i += 4) {
      const o0 = i * p;
      const o1 = o0 + p;
      const o2 = o1 + p;
      const o3 = o2 + p;
      let z0 = b;
      let z1 = b;
      let z2 = b;
      let z3 = b;
      for (let j = 0; j < p; j++) {
        const bj = beta[j]!;
        z0 += bj * X[o0 + j]!;
        z1 += bj * X[o1 + j]!;
        z2 += bj * X[o2 + j]!;
        z3 += bj * X[o3 + j]!;
      }
      const r0 = this.term(z0, i, weight, y);
      const r1 = this.term(z1, i + 1, weight, y);
      const r2 = this.term(z2, i + 2, weight, y);
      const r3 = this.term(z3, i + 3, weight, y);
      gb += r0 + r1 + r2 + r3;
      for (let j = 0; j < p; j++) grad[j]! += r0 * X[o0 + j]! + r1 * X[o1 + j]! + r2 * X[o2 + j]! + r3 * X[o3 + j]!;
    }
    for (; i < n; i++) {
      const off = i * p;
      let z = b;
      for (let j = 0; j < p; j++) z += beta[j]! * X[off + j]!;
      const r = this.term(z, i, weight, y);
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
    return this.loss * inv + 0.5 * lambda * pen;
  }

  /** Sum of valueAndGradient's weighted losses so far (a field: term returns the residual). */
  private loss = 0;

  /** Row i's weighted residual sᵢ (σ(z) − yᵢ), adding its weighted loss sᵢ (softplus(z) − yᵢ z) to `loss`: one exp, one log1p, no overflow. */
  private term(z: number, i: number, weight: Float64Array | null, y: Uint8Array): number {
    const s = weight ? weight[i]! : 1;
    const yi = y[i]!;
    const e = Math.exp(-Math.abs(z));
    const q = 1 / (1 + e);
    this.loss += s * ((z > 0 ? z : 0) + Math.log1p(e) - yi * z);
    return s * ((z >= 0 ? q : e * q) - yi);
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
    const row = (this.rawBeta ??= new Float64Array(p));
    const b = theta[p]!;
    let loss = 0;
    let gb = 0;
    for (let i0 = 0; i0 < n; i0 += B) {
      const size = Math.min(B, n - i0);
      for (let bi = 0, off = i0 * p; bi < size; bi++, off += p) {
        const i = i0 + bi;
        // The standardised row, contiguous (the margin's input), then column-major into the block (the Hessian's).
        let z = b;
        for (let j = 0; j < p; j++) {
          const v = (X[off + j]! - center[j]!) * invScale[j]!;
          row[j] = v;
          z += theta[j]! * v;
        }
        const s = weight ? weight[i]! : 1;
        const yi = y[i]!;
        const e = Math.exp(-Math.abs(z));
        const q = 1 / (1 + e);
        const sig = z >= 0 ? q : e * q;
        loss += s * ((z > 0 ? z : 0) + Math.log1p(e) - yi * z);
        const r = s * (sig - yi);
        // vᵢ = sᵢ σ(1 − σ) = sᵢ e / (1 + e)² whatever the sign of z (no cancellation in 1 − σ), and Σ vᵢ x̃ᵢ x̃ᵢᵀ
        // is the Gram matrix of the rows √vᵢ x̃ᵢ (sᵢ ≥ 0, as validated): one block to fill instead of two.
        const root = Math.sqrt(s * e) * q;
        gb += r;
        for (let j = 0; j < p; j++) {
          const x = row[j]!;
          cols[j * B + bi] = root * x;
          grad[j]! += r * x;
        }
        cols[p * B + bi] = root;
      }
      accumulateGram(cols, B, size, d, hess);
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


/**
 * hess[j][k] += Σ_bi cols[j][bi] · cols[k][bi] over one block (column-major with stride B) for k ≥ j,
 * by tiles of two rows j × four columns k: six loads feed eight products held in eight independent sums.
 * The tile may also write (j + 1, j), below the diagonal, which the caller overwrites from the upper triangle.
 */
function accumulateGram(cols: Float64Array, B: number, size: number, d: number, hess: Float64Array): void {
  for (let j = 0; j < d; j += 2) {
    const pair = j + 1 < d;
    const w0 = j * B;
    // A lone last row runs the same tile on itself twice; only its first copy is kept.
    const w1 = pair ? w0 + B : w0;
    let k = j;
    for (; k + 3 < d; k += 4) {
      const c0 = k * B;
      const c1 = c0 + B;
      const c2 = c1 + B;
      const c3 = c2 + B;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let bi = 0; bi < size; bi++) {
        const u = cols[w0 + bi]!;
        const v = cols[w1 + bi]!;
        const x0 = cols[c0 + bi]!;
        const x1 = cols[c1 + bi]!;
        const x2 = cols[c2 + bi]!;
        const x3 = cols[c3 + bi]!;
        a0 += u * x0;
        a1 += u * x1;
        a2 += u * x2;
        a3 += u * x3;
        b0 += v * x0;
        b1 += v * x1;
        b2 += v * x2;
        b3 += v * x3;
      }
      const h = j * d + k;
      hess[h]! += a0;
      hess[h + 1]! += a1;
      hess[h + 2]! += a2;
      hess[h + 3]! += a3;
      if (pair) {
        hess[h + d]! += b0;
        hess[h + d + 1]! += b1;
        hess[h + d + 2]! += b2;
        hess[h + d + 3]! += b3;
      }
    }
    for (; k < d; k++) {
      const ck = k * B;
      let a = 0;
      let b = 0;
      for (let bi = 0; bi < size; bi++) {
        const x = cols[ck + bi]!;
        a += cols[w0 + bi]! * x;
        b += cols[w1 + bi]! * x;
      }
      hess[j * d + k]! += a;
      if (pair) hess[(j + 1) * d + k]! += b;
    }
  }
}
