/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: accurate and simple
 * for the d × d covariance of clustering features (d is tens, not thousands). Internal.
 * Returns eigenvalues (descending) and eigenvectors as the columns of a row-major d × d matrix.
 */
export function symmetricEigen(S: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const A = Float64Array.from(S);
  const V = new Float64Array(d * d);
  for (let i = 0; i < d; i++) V[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let scale = 0;
    for (let p = 0; p < d; p++) {
      scale += A[p * d + p]! * A[p * d + p]!;
      for (let q = p + 1; q < d; q++) off += A[p * d + q]! * A[p * d + q]!;
    }
    if (off <= 1e-30 * Math.max(scale, 1e-300)) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = A[p * d + q]!;
        if (apq === 0) continue;
        const app = A[p * d + p]!;
        const aqq = A[q * d + q]!;
        // Rotation angle that zeroes A[p][q] (Numerical Recipes' stable form).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = A[k * d + p]!;
          const akq = A[k * d + q]!;
          A[k * d + p] = c * akp - s * akq;
          A[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = A[p * d + k]!;
          const aqk = A[q * d + k]!;
          A[p * d + k] = c * apk - s * aqk;
          A[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = V[k * d + p]!;
          const vkq = V[k * d + q]!;
          V[k * d + p] = c * vkp - s * vkq;
          V[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((a, b) => A[b * d + b]! - A[a * d + a]!);
  const values = Float64Array.from(order, (i) => A[i * d + i]!);
  const vectors = new Float64Array(d * d);
  order.forEach((src, dst) => {
    for (let k = 0; k < d; k++) vectors[k * d + dst] = V[k * d + src]!;
  });
  return { values, vectors };
}
