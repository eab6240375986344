import { sortedFinite } from './ksTest';

export interface WassersteinResult {
  /** scipy.stats.wasserstein_distance of the two samples, in the column's units. */
  distance: number;
  /** The reference's standard deviation it is divided by (population, ddof 0, as np.std and Evidently). */
  scale: number;
  /** distance / scale: how far the distribution moved, in reference standard deviations. */
  normed: number;
}

/** ∫ |F_a − F_b| dx of two sorted samples, as scipy computes it (CDFs compared between consecutive pooled values). */
export function wassersteinSorted(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let total = 0;
  let prev = Math.min(a[0]!, b[0]!);
  while (i < n || j < m) {
    const v = i < n && (j >= m || a[i]! <= b[j]!) ? a[i]! : b[j]!;
    total += Math.abs(i / n - j / m) * (v - prev);
    prev = v;
    while (i < n && a[i]! <= v) i++;
    while (j < m && b[j]! <= v) j++;
  }
  return total;
}

/** Population standard deviation (ddof 0) of a sample, two passes. */
export function populationSd(x: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i]!;
  mean /= x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i]! - mean) ** 2;
  return Math.sqrt(ss / x.length);
}

/**
 * Wasserstein (earth mover's) distance normed by the reference's population standard deviation, on sorted
 * finite samples (trusted). A constant reference (SD 0) is normed by the current's SD instead; both constant,
 * by Evidently's floor 0.001 (so a jump from one constant to another is a large, finite distance that JSON can
 * hold: 3 → 4 gives 1000).
 */
export function wassersteinNormedSorted(referenceSorted: Float64Array, currentSorted: Float64Array): WassersteinResult {
  const distance = wassersteinSorted(referenceSorted, currentSorted);
  let scale = populationSd(referenceSorted);
  if (scale === 0) scale = populationSd(currentSorted);
  if (scale === 0) scale = SD_FLOOR;
  return { distance, scale, normed: distance / scale };
}

/** The scale of two constant samples (Evidently's floor on the reference SD). */
export const SD_FLOOR = 0.001;

/** Wasserstein distance over the reference's SD (Evidently's "wasserstein" drift test; threshold 0.1 = a tenth of an SD). */
export function wassersteinNormed(reference: ArrayLike<number>, current: ArrayLike<number>): WassersteinResult {
  return wassersteinNormedSorted(sortedFinite(reference, 'wassersteinNormed reference'), sortedFinite(current, 'wassersteinNormed current'));
}
