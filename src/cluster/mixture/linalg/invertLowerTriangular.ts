/** Position of element (r, c), c <= r, of a lower-triangular d×d matrix stored packed row by row. */
export function packedLowerIndex(r: number, c: number): number {
  return (r * (r + 1)) / 2 + c;
}

/** Number of values in a packed lower-triangular d×d matrix. */
export function packedLowerSize(d: number): number {
  return (d * (d + 1)) / 2;
}

/**
 * M = L⁻¹ for a lower-triangular L (row-major d×d at `lOffset`, positive diagonal), written packed
 * row by row into `out` at `outOffset` (row r holds M[r][0..r]). Packed rows keep the hot
 * triangular products in the E-step contiguous.
 */
export function invertLowerTriangularPacked(L: Float64Array, d: number, lOffset: number, out: Float64Array, outOffset: number): void {
  // Column by column forward substitution: L·m_j = e_j, so m_j[i] = 0 for i < j.
  for (let j = 0; j < d; j++) {
    out[outOffset + packedLowerIndex(j, j)] = 1 / L[lOffset + j * d + j]!;
    for (let i = j + 1; i < d; i++) {
      const ri = lOffset + i * d;
      let s = 0;
      for (let t = j; t < i; t++) s += L[ri + t]! * out[outOffset + packedLowerIndex(t, j)]!;
      out[outOffset + packedLowerIndex(i, j)] = -s / L[ri + i]!;
    }
  }
}
