import { readsMissingAsInfinity } from './Condition';
import type { BundleField, RuleBundle } from './RuleBundle';
import { simplifyCondition } from './simplifyCondition';

/** A bundle's fields whose missing value reads as +Infinity in comparisons (number fields with unit days). */
export function missingAsInfinityFields(fields: readonly Pick<BundleField, 'name' | 'type' | 'unit'>[] | undefined): string[] {
  return (fields ?? []).filter((f) => readsMissingAsInfinity(f)).map((f) => f.name);
}

/**
 * The bundle as the engines evaluate it: each condition simplified with its fields' reading of a missing
 * value (simplifyCondition), so that a field declared in days reads missing as +Infinity in the
 * evaluator, the typed-array scorer and the SQL alike. `seglab export` writes bundles in this form
 * already (simplifying again changes nothing); a bundle without such fields is returned as it is.
 * Conditions are trusted to be of the subset (readBundle and compileBundle check them first).
 */
export function explicitBundle<B extends Pick<RuleBundle, 'segments' | 'score'> & { fields?: RuleBundle['fields'] }>(bundle: B): B {
  const infinite = missingAsInfinityFields(bundle.fields);
  if (!infinite.length) return bundle;
  const simplify = <C extends { condition: RuleBundle['segments'][number]['condition'] }>(r: C): C => ({ ...r, condition: simplifyCondition(r.condition, { missingAsInfinity: infinite }) });
  return {
    ...bundle,
    segments: bundle.segments.map(simplify),
    score: bundle.score ? { ...bundle.score, rules: bundle.score.rules.map(simplify) } : bundle.score,
  };
}
