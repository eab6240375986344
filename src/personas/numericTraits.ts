import type { NumericTrait } from './PersonaResult';
import type { SegmentGroups } from './SegmentGroups';

/** Standardised difference of every numeric column for every group; the base of traits and archetypes. */
export interface NumericComparison {
  feature: string;
  baseMean: number;
  baseSd: number;
  /** Lift is only meaningful for non-negative measures. */
  nonNegative: boolean;
  /** Every value lies in [0, 1]: a rate that reads as a percentage. */
  unitInterval: boolean;
  mean: Float64Array;
  stdDiff: Float64Array;
  /** Customers with a value, per group. */
  n: Float64Array;
}

export function compareNumeric(numeric: Readonly<Record<string, Float64Array>>, features: readonly string[], groups: SegmentGroups): NumericComparison[] {
  const out: NumericComparison[] = [];
  for (const feature of features) {
    const m = groups.moments(numeric[feature]!);
    if (!(m.baseSd > 0)) continue; // constant or empty: nothing distinguishes a segment
    const stdDiff = new Float64Array(groups.count);
    for (let g = 0; g < groups.count; g++) stdDiff[g] = (m.mean[g]! - m.baseMean) / m.baseSd;
    out.push({ feature, baseMean: m.baseMean, baseSd: m.baseSd, nonNegative: m.min >= 0, unitInterval: m.min >= 0 && m.max <= 1, mean: m.mean, stdDiff, n: m.n });
  }
  return out;
}

/** Smallest |standardised difference| worth calling a trait (Cohen's "small" effect). */
export const MIN_STD_DIFF = 0.2;

/**
 * The group's most distinctive numeric features, largest |standardised difference| first. A trait rests on
 * the group's customers with a value: fewer than `minCustomers` (the publication threshold) and it is no
 * trait (a "days between orders" difference carried by 16 repeat buyers of 726 says nothing of the 726).
 */
export function numericTraits(
  comparisons: readonly NumericComparison[],
  g: number,
  max: number,
  label: (feature: string) => string,
  unit: (feature: string) => string | null,
  minCustomers = 1,
): NumericTrait[] {
  const families = new Set<string>();
  return comparisons
    .filter((c) => Number.isFinite(c.stdDiff[g]!) && Math.abs(c.stdDiff[g]!) >= MIN_STD_DIFF && c.n[g]! >= minCustomers)
    .sort((a, b) => Math.abs(b.stdDiff[g]!) - Math.abs(a.stdDiff[g]!) || (a.feature < b.feature ? -1 : 1))
    .filter((c) => {
      // orders_30d … orders_365d say the same thing five times: keep the strongest window of a family.
      const family = c.feature.replace(/_\d+d$/, '_window');
      if (families.has(family)) return false;
      families.add(family);
      return true;
    })
    .slice(0, max)
    .map((c) => ({
      feature: c.feature,
      label: label(c.feature),
      // A 'ratio' between 0 and 1 (cart abandonment, open rate) is a share: reports show it as a percentage.
      unit: unit(c.feature) === 'ratio' && c.unitInterval ? 'share' : unit(c.feature),
      segmentMean: c.mean[g]!,
      baseMean: c.baseMean,
      baseSd: c.baseSd,
      stdDiff: c.stdDiff[g]!,
      lift: c.nonNegative && c.baseMean > 0 ? c.mean[g]! / c.baseMean : null,
      direction: c.stdDiff[g]! > 0 ? 'higher' : 'lower',
      customers: c.n[g]!,
    }));
}
