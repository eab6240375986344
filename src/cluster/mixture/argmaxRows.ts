/** Index of the largest value in every row of an n×k row-major matrix (the first one on ties). */
export function argmaxRows(a: Float64Array, n: number, k: number): Int32Array {
  const labels = new Int32Array(n);
  for (let i = 0, o = 0; i < n; i++, o += k) {
    let best = 0;
    for (let c = 1; c < k; c++) if (a[o + c]! > a[o + best]!) best = c;
    labels[i] = best;
  }
  return labels;
}
