import { checkParam } from '../core/errors';
import { Rng } from '../core/rng';
import { checkSeed, DEFAULT_SEED } from '../core/seedParam';
import type { Interval } from './Interval';
import { checkLevel } from './checkCounts';
import { checkSample } from './checkSample';

export interface BootstrapOptions {
  /** Resamples (default 2,000). */
  resamples?: number;
  level?: number;
  seed?: number;
}

/**
 * The percentile bootstrap interval of mean(x) − mean(y): each group resampled with replacement on its own,
 * seeded. It makes no normality assumption, which matters for revenue (many zeros, a long tail).
 */
export function bootstrapMeanDifference(x: ArrayLike<number>, y: ArrayLike<number>, options: BootstrapOptions = {}): Interval & { resamples: number; seed: number } {
  checkSample(x, 'bootstrapMeanDifference x', 1);
  checkSample(y, 'bootstrapMeanDifference y', 1);
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  const seed = options.seed ?? DEFAULT_SEED;
  checkParam(Number.isInteger(resamples) && resamples >= 100, 'bootstrapMeanDifference resamples', resamples, 'a whole number ≥ 100');
  checkLevel(level, 'bootstrapMeanDifference level');
  checkSeed(seed, 'bootstrapMeanDifference seed');
  const rng = Rng.derive(seed, 'bootstrap-mean-difference');
  const diffs = new Float64Array(resamples);
  const mean = (v: ArrayLike<number>): number => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[rng.int(v.length)];
    return s / v.length;
  };
  for (let r = 0; r < resamples; r++) diffs[r] = mean(x) - mean(y);
  diffs.sort();
  const tail = (1 - level) / 2;
  return { low: quantileSorted(diffs, tail), high: quantileSorted(diffs, 1 - tail), level, resamples, seed };
}

/** Linear interpolation between order statistics (numpy's default quantile). */
function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}
