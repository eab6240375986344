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
 * finite samples (trusted). A constant reference (SD 0) is normed by the current's SD instead; both constant:
 * 0 when they are the same value, Infinity when the column jumped from one constant to another.
 */
export function wassersteinNormedSorted(referenceSorted: Float64Array, currentSorted: Float64Array): WassersteinResult {
  const distance = wassersteinSorted(referenceSorted, currentSorted);
  let scale = populationSd(referenceSorted);
  if (scale === 0) scale = populationSd(currentSorted);
  const normed = distance === 0 ? 0 : scale === 0 ? Infinity : distance / scale;
  return { distance, scale, normed };
}

/** Wasserstein distance over the reference's SD (Evidently's "wasserstein" drift test; threshold 0.1 = a tenth of an SD). */
export function wassersteinNormed(reference: ArrayLike<number>, current: ArrayLike<number>): WassersteinResult {
  return wassersteinNormedSorted(sortedFinite(reference, 'wassersteinNormed reference'), sortedFinite(current, 'wassersteinNormed current'));
}
