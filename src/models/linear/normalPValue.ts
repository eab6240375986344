import { normalSf } from '../../stats/distributionTails';

/** Two-sided p-value of a standard normal z, P(|Z| ≥ |z|), from stdlib's erfc (full double precision). */
export function normalPValue(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}
