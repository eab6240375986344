import type { Condition } from '../Condition';
import type { TreePathStep } from '../tree/DecisionTreeModel';

/** The tightest bounds one path puts on one field: lower < x <= upper (either side may be open). */
export interface FieldBounds {
  field: string;
  /** x > lower (strict), or null. */
  lower: number | null;
  /** x <= upper (inclusive), or null. */
  upper: number | null;
}

/**
 * Merge a root-to-leaf path into one bound pair per field, in the order the fields first appear on
 * the path: repeated `<=` keep the smallest threshold, repeated `>` the largest.
 */
export function pathBounds(path: readonly TreePathStep[], featureNames: readonly string[]): FieldBounds[] {
  const byFeature = new Map<number, FieldBounds>();
  for (const step of path) {
    let b = byFeature.get(step.feature);
    if (!b) byFeature.set(step.feature, (b = { field: featureNames[step.feature]!, lower: null, upper: null }));
    if (step.op === '<=') b.upper = b.upper === null ? step.threshold : Math.min(b.upper, step.threshold);
    else b.lower = b.lower === null ? step.threshold : Math.max(b.lower, step.threshold);
  }
  return [...byFeature.values()];
}

/**
 * A range on one field as conditions of the subset. The 3-argument form exists only with the same
 * strictness on both sides (`a < x < b` or `a <= x <= b`); a tree's range is `a < x <= b`, so it
 * becomes the pair `{">": [x, a]}`, `{"<=": [x, b]}` (ANDed by the caller).
 */
export function rangeConditions(field: string, lower: number | null, lowerInclusive: boolean, upper: number | null, upperInclusive: boolean): Condition[] {
  const x = { var: field };
  if (lower !== null && upper !== null && lowerInclusive === upperInclusive) {
    return [lowerInclusive ? { '<=': [lower, x, upper] } : { '<': [lower, x, upper] }];
  }
  const out: Condition[] = [];
  if (lower !== null) out.push(lowerInclusive ? { '>=': [x, lower] } : { '>': [x, lower] });
  if (upper !== null) out.push(upperInclusive ? { '<=': [x, upper] } : { '<': [x, upper] });
  return out;
}

/** One path as a condition: the AND of its merged bounds (`true` for the root-only path). */
export function pathCondition(path: readonly TreePathStep[], featureNames: readonly string[]): Condition {
  const parts = pathBounds(path, featureNames).flatMap((b) => rangeConditions(b.field, b.lower, false, b.upper, true));
  return andOf(parts);
}

export function andOf(parts: Condition[]): Condition {
  return parts.length === 0 ? true : parts.length === 1 ? parts[0]! : { and: parts };
}

export function orOf(parts: Condition[]): Condition {
  if (parts.some((p) => p === true)) return true;
  return parts.length === 0 ? false : parts.length === 1 ? parts[0]! : { or: parts };
}
