/**
 * Mean over columns of the (population) column variances, unweighted: scikit-learn's `_tolerance`
 * scales `tol` by it so that the stopping rule does not depend on the data's units. One pass over
 * the rows, with values shifted by the first row to keep the sums of squares accurate.
 */
export function meanColumnVariance(data: Float64Array, rows: number, cols: number): number {
  const s1 = new Float64Array(cols);
  const s2 = new Float64Array(cols);
  for (let i = 0, p = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, p++) {
      const v = data[p]! - data[j]!;
      s1[j]! += v;
      s2[j]! += v * v;
    }
  }
  let total = 0;
  for (let j = 0; j < cols; j++) total += Math.max(0, (s2[j]! - (s1[j]! * s1[j]!) / rows) / rows);
  return total / cols;
}
