import { assertUnreachable } from '../../core/assertUnreachable';
import { choleskyInPlace } from './linalg/cholesky';
import { invertLowerTriangularPacked, packedLowerIndex, packedLowerSize } from './linalg/invertLowerTriangular';
import type { MixtureState } from './MixtureState';

/**
 * Cholesky factors of the precisions, as scikit-learn's `precisions_cholesky_`: for full/tied the
 * packed lower-triangular M = L⁻¹ where Σ = L·Lᵀ, so (x-μ)ᵀΣ⁻¹(x-μ) = ‖M(x-μ)‖²; for diag/spherical 1/σ.
 */
export interface MixturePrecision {
  /** full: k packed d×d lower triangles; tied: one; diag: k·d values; spherical: k values. */
  readonly precChol: Float64Array;
  /** Per component the log-determinant of the precision Cholesky factor, i.e. -½·log|Σ_c|. */
  readonly logDet: Float64Array;
}

/** `failed` is the 0-based component whose covariance is not positive definite (0 for the tied one). */
export type PrecisionResult = { ok: true; precision: MixturePrecision } | { ok: false; failed: number };

export function computePrecisionCholesky(state: MixtureState): PrecisionResult {
  const { type, k, d, covariances } = state;
  const logDet = new Float64Array(k);
  switch (type) {
    case 'full':
    case 'tied': {
      const blocks = type === 'full' ? k : 1;
      const P = packedLowerSize(d);
      const precChol = new Float64Array(blocks * P);
      const scratch = new Float64Array(d * d);
      for (let c = 0; c < blocks; c++) {
        scratch.set(covariances.subarray(c * d * d, (c + 1) * d * d));
        if (choleskyInPlace(scratch, d) >= 0) return { ok: false, failed: c };
        invertLowerTriangularPacked(scratch, d, 0, precChol, c * P);
        let s = 0;
        for (let j = 0; j < d; j++) s += Math.log(precChol[c * P + packedLowerIndex(j, j)]!);
        if (type === 'full') logDet[c] = s;
        else logDet.fill(s);
      }
      return { ok: true, precision: { precChol, logDet } };
    }
    case 'diag': {
      const precChol = new Float64Array(k * d);
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) {
          const v = covariances[c * d + j]!;
          if (!(v > 0)) return { ok: false, failed: c };
          const p = 1 / Math.sqrt(v);
          precChol[c * d + j] = p;
          s += Math.log(p);
        }
        logDet[c] = s;
      }
      return { ok: true, precision: { precChol, logDet } };
    }
    case 'spherical': {
      const precChol = new Float64Array(k);
      for (let c = 0; c < k; c++) {
        const v = covariances[c]!;
        if (!(v > 0)) return { ok: false, failed: c };
        precChol[c] = 1 / Math.sqrt(v);
        logDet[c] = d * Math.log(precChol[c]!);
      }
      return { ok: true, precision: { precChol, logDet } };
    }
    default:
      return assertUnreachable(type, 'covariance type');
  }
}
