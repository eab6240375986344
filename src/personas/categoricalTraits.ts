import { chiSquare2x2 } from '../stats/chiSquare2x2';
import type { CategoricalTrait } from './PersonaResult';
import type { SegmentGroups } from './SegmentGroups';

/** Counts of one categorical column: per value, per group. Missing ('' or null) values are left out. */
export interface CategoryCounts {
  feature: string;
  values: string[];
  /** counts[v][g]. */
  counts: Float64Array[];
  /** Customers with each value, over all groups: totals[v]. */
  totals: Float64Array;
  /** Known (non-missing) values per group. */
  known: Float64Array;
  totalKnown: number;
}

export function countCategories(column: readonly (string | null)[], feature: string, groups: SegmentGroups): CategoryCounts {
  const index = new Map<string, number>();
  const counts: Float64Array[] = [];
  const known = new Float64Array(groups.count);
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v === null || v === undefined || v === '') continue;
    let k = index.get(v);
    if (k === undefined) {
      k = counts.length;
      index.set(v, k);
      counts.push(new Float64Array(groups.count));
    }
    const g = groups.groupOf[i]!;
    counts[k]![g]!++;
    known[g]!++;
  }
  let totalKnown = 0;
  for (let g = 0; g < groups.count; g++) totalKnown += known[g]!;
  const totals = Float64Array.from(counts, (row) => row.reduce((sum, v) => sum + v, 0));
  return { feature, values: [...index.keys()], counts, totals, known, totalKnown };
}

/** A value must be this much more frequent in the segment than in the base to count as a trait. */
export const MIN_LIFT = 1.2;

/**
 * Values over-represented in group g: lift >= 1.2, Bonferroni-adjusted chi-square p < alpha over
 * every value tested for the group, and at least minGroupSize customers in the cell (smaller cells
 * are never published). Highest lift first.
 */
export function categoricalTraits(
  columns: readonly CategoryCounts[],
  g: number,
  options: { alpha: number; minGroupSize: number; max: number; label: (feature: string) => string; valueLabel?: (value: string) => string },
): CategoricalTrait[] {
  const tested: Omit<CategoricalTrait, 'pAdjusted'>[] = [];
  for (const col of columns) {
    const n1 = col.known[g]!;
    const n2 = col.totalKnown - n1;
    if (n1 < options.minGroupSize || n2 <= 0) continue;
    col.values.forEach((value, k) => {
      const c = col.totals[k]!;
      if (c < options.minGroupSize) return; // a value held by few customers is never shown
      const a = col.counts[k]![g]!;
      const { chi2, pValue } = chiSquare2x2(a, n1 - a, c - a, n2 - (c - a));
      const segmentShare = a / n1;
      const baseShare = c / col.totalKnown;
      tested.push({ feature: col.feature, label: options.label(col.feature), value, valueLabel: options.valueLabel?.(value) ?? value, count: a, segmentShare, baseShare, lift: segmentShare / baseShare, chi2, pValue });
    });
  }
  const m = tested.length;
  return tested
    .map((t) => ({ ...t, pAdjusted: Math.min(1, t.pValue * m) }))
    .filter((t) => t.lift >= MIN_LIFT && t.pAdjusted < options.alpha && t.count >= options.minGroupSize)
    .sort((a, b) => b.lift - a.lift || a.feature.localeCompare(b.feature) || a.value.localeCompare(b.value))
    .slice(0, options.max);
}
