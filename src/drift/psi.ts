import { checkParam, paramError } from '../core/errors';
import type { DriftDistribution } from './DriftResult';
import { levelCounts } from './levelCounts';
import { quantileBins } from './quantileBins';
import { sortedFinite } from './ksTest';

/**
 * The share an empty bin counts as, in either period (Evidently's 0.0001): without it one empty bin makes
 * PSI infinite. It caps a bin that empties out at (share − 1e-4)·ln(share / 1e-4), e.g. 0.1 → 0.69.
 */
export const PSI_FLOOR = 1e-4;

export interface PsiResult {
  psi: number;
  distribution: DriftDistribution;
}

/** Σ (current − reference)·ln(current / reference) over bins, each share floored at PSI_FLOOR. */
export function psiOfShares(reference: ArrayLike<number>, current: ArrayLike<number>, floor = PSI_FLOOR): number {
  let psi = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.max(reference[i]!, floor);
    const c = Math.max(current[i]!, floor);
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}

/**
 * Population stability index of a numeric column: `bins` equal-frequency bins cut at the reference's
 * quantiles (default 10), shares floored at 1e-4; returns the value and the before/after shares. Rules of
 * thumb: < 0.1 stable, 0.1–0.25 a moderate shift, > 0.25 a major one.
 */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>, bins = 10): PsiResult {
  checkParam(Number.isInteger(bins) && bins >= 2, 'psi bins', bins, 'a whole number >= 2');
  return psiSorted(sortedFinite(reference, 'psi reference'), sortedFinite(current, 'psi current'), bins);
}

/** psi on sorted, finite samples (trusted). */
export function psiSorted(referenceSorted: Float64Array, currentSorted: Float64Array, bins: number): PsiResult {
  const b = quantileBins(referenceSorted, currentSorted, bins);
  return { psi: psiOfShares(b.reference, b.current), distribution: { bins: b.labels, reference: [...b.reference], current: [...b.current] } };
}

/** PSI of a categorical column, one bin per level (union of both periods' levels). */
export function psiLevels(reference: ReadonlyArray<string>, current: ReadonlyArray<string>): PsiResult {
  checkParam(reference.length >= 1, 'psi reference', `${reference.length} values`, 'at least 1 value');
  checkParam(current.length >= 1, 'psi current', `${current.length} values`, 'at least 1 value');
  for (const [name, values] of [['reference', reference], ['current', current]] as const) {
    for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'string') throw paramError(`psi ${name}[${i}]`, values[i], 'a level (string; drop missing values first)');
  }
  const c = levelCounts(reference, current);
  const ref = Array.from(c.reference, (v) => v / c.referenceTotal);
  const cur = Array.from(c.current, (v) => v / c.currentTotal);
  return { psi: psiOfShares(ref, cur), distribution: { bins: c.levels, reference: ref, current: cur } };
}
