import { mean, sampleVariance } from 'simple-statistics';

/** Size, mean and unbiased variance (ddof = 1) of a sample, from simple-statistics (the design's descriptive statistics). */
export function sampleMoments(values: ArrayLike<number>): { n: number; mean: number; variance: number } {
  const xs = Array.from(values);
  return { n: xs.length, mean: mean(xs), variance: xs.length > 1 ? sampleVariance(xs) : NaN };
}
