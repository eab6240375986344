/** Mean and unbiased variance (ddof = 1) in one pass over the values, with a shifted sum for stability. */
export function sampleMoments(values: ArrayLike<number>): { n: number; mean: number; variance: number } {
  const n = values.length;
  const shift = n > 0 ? values[0] : 0;
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - shift;
    sum += d;
    sum2 += d * d;
  }
  const mean = shift + sum / n;
  const variance = n > 1 ? (sum2 - (sum * sum) / n) / (n - 1) : NaN;
  return { n, mean, variance: Math.max(0, variance) };
}
