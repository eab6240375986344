/**
 * Mean and population standard deviation (divide by n) of finite values, without overflow: the
 * values are scaled by a power of two before summing, which is exact, so values near ±1.8e308 give
 * finite results, tiny ones a non-zero sd, and for ordinary data the result is bit-identical to the
 * plain two-pass formula.
 * A constant column gives its value and sd 0 exactly (a rounded mean would leave a tiny sd).
 */
export function meanAndSd(values: ArrayLike<number>): { mean: number; sd: number } {
  const n = values.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (lo === hi) return { mean: lo, sd: 0 };
  // 2^e ≥ max |x| (e in -1022..1023): scaled values lie in [-2, 2], so no sum below overflows and
  // no squared deviation of tiny values (1e-300) underflows to 0.
  const e = Math.min(1023, Math.max(-1022, Math.ceil(Math.log2(Math.max(-lo, hi)))));
  const down = 2 ** -e;
  const up = 2 ** e;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i]! * down;
  const m = s / n;
  // Two passes: the mean first, then squared deviations (no catastrophic cancellation).
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! * down - m;
    ss += d * d;
  }
  const mean = Math.min(hi, Math.max(lo, m * up));
  // The true sd is at most max |x|; only rounding at the very top of the range could overflow.
  return { mean, sd: Math.min(Number.MAX_VALUE, Math.sqrt(ss / n) * up) };
}
