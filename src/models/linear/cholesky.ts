/**
 * In-place Cholesky factor (lower triangle, row-major d × d) of a symmetric positive definite matrix;
 * false when a pivot is not positive (the matrix is singular or indefinite to working precision).
 */
export function choleskyInPlace(a: Float64Array, d: number): boolean {
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j]!;
    for (let k = 0; k < j; k++) s -= a[j * d + k]! * a[j * d + k]!;
    if (!(s > 0)) return false;
    const l = Math.sqrt(s);
    a[j * d + j] = l;
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j]!;
      for (let k = 0; k < j; k++) t -= a[i * d + k]! * a[j * d + k]!;
      a[i * d + j] = t / l;
    }
  }
  return true;
}

/** Solve L Lᵀ x = b (L from choleskyInPlace) in place of b. */
export function choleskySolve(l: Float64Array, d: number, b: Float64Array): void {
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * d + k]! * b[k]!;
    b[i] = s / l[i * d + i]!;
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < d; k++) s -= l[k * d + i]! * b[k]!;
    b[i] = s / l[i * d + i]!;
  }
}

/** The inverse of a symmetric positive definite matrix (d × d), or null when it is not positive definite. */
export function spdInverse(a: Float64Array, d: number): Float64Array | null {
  const l = a.slice();
  if (!choleskyInPlace(l, d)) return null;
  const inv = new Float64Array(d * d);
  const col = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    col.fill(0);
    col[j] = 1;
    choleskySolve(l, d, col);
    for (let i = 0; i < d; i++) inv[i * d + j] = col[i]!;
  }
  return inv;
}
