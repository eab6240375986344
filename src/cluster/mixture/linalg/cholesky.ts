/**
 * In-place Cholesky factorisation A = L·Lᵀ of a symmetric d×d matrix stored row-major in
 * `a[offset .. offset + d*d)`. Only the lower triangle of A is read. On success the lower triangle
 * holds L, the strict upper triangle is set to 0, and -1 is returned. When A is not (numerically)
 * positive definite the 0-based index of the failing pivot is returned and `a` is left partly overwritten.
 */
export function choleskyInPlace(a: Float64Array, d: number, offset = 0): number {
  for (let j = 0; j < d; j++) {
    const rj = offset + j * d;
    let diag = a[rj + j]!;
    for (let t = 0; t < j; t++) diag -= a[rj + t]! * a[rj + t]!;
    // `!(diag > 0)` also catches NaN from a corrupt input.
    if (!(diag > 0)) return j;
    const ljj = Math.sqrt(diag);
    a[rj + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < d; i++) {
      const ri = offset + i * d;
      let s = a[ri + j]!;
      for (let t = 0; t < j; t++) s -= a[ri + t]! * a[rj + t]!;
      a[ri + j] = s * inv;
    }
    for (let i = j + 1; i < d; i++) a[rj + i] = 0;
  }
  return -1;
}
