import { usageError } from '../core/errors';
import { parseCondition, type FieldTypes } from './Condition';
import { explicitBundle } from './explicitBundle';
import { compileJsonLogic } from './jsonLogic/compileJsonLogic';
import { truthy } from './jsonLogic/truthy';
import type { RuleBundle } from './RuleBundle';

/** A bundle compiled for per-record use (an API answering one customer at a time). */
export interface CompiledBundle {
  kind: RuleBundle['kind'];
  /** kind 'segments': the id of the first segment whose condition holds, else the fallback's (null without one). */
  segment(record: unknown): number | null;
  /** kind 'score': base plus the points of every rule whose condition holds. */
  score(record: unknown): number;
}

/**
 * The per-record evaluator of a bundle: its conditions checked against its declared fields, written
 * out with the fields' reading of a missing value (explicitBundle: a field in days reads missing as
 * +Infinity) and compiled once with compileJsonLogic. Gives every record the segment or score that
 * ColumnarScorer and the bundle's SQL give it. A record is a plain object of field values (null or
 * absent = missing).
 */
export function compileBundle(bundle: RuleBundle): CompiledBundle {
  if (!bundle || typeof bundle !== 'object' || !Array.isArray(bundle.segments)) throw usageError('compileBundle', 'expected a rule bundle (readBundle or exportRun gives one)');
  const fields: FieldTypes = Object.fromEntries((bundle.fields ?? []).map((f) => [f.name, f.type]));
  bundle.segments.forEach((s, i) => parseCondition(s.condition, fields, `segments[${i}].condition`));
  bundle.score?.rules.forEach((r, i) => parseCondition(r.condition, fields, `score.rules[${i}].condition`));
  const explicit = explicitBundle(bundle);
  const segments = explicit.segments.map((s) => ({ id: s.id, rule: compileJsonLogic(s.condition) }));
  const rules = (explicit.score?.rules ?? []).map((r) => ({ points: r.points, rule: compileJsonLogic(r.condition) }));
  const fallback = bundle.fallback?.id ?? null;
  const base = bundle.score?.base ?? 0;
  return {
    kind: bundle.kind,
    segment(record: unknown): number | null {
      if (bundle.kind !== 'segments') throw usageError('compileBundle', `"${bundle.name}" is a ${bundle.kind} bundle; use score(record)`);
      for (const s of segments) if (truthy(s.rule.evaluate(record))) return s.id;
      return fallback;
    },
    score(record: unknown): number {
      if (bundle.kind !== 'score') throw usageError('compileBundle', `"${bundle.name}" is a ${bundle.kind} bundle; use segment(record)`);
      let total = base;
      for (const r of rules) if (truthy(r.rule.evaluate(record))) total += r.points;
      return total;
    },
  };
}
