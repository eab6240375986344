import type { Problem } from '../core/errors';
import { InvalidRuleError } from './jsonLogic/errors';

/**
 * The part of JSON Logic that segment rules use. Every condition in this subset means the same in
 * the TypeScript evaluator (compileJsonLogic), in the typed-array scorer and in the SQL of every
 * dialect, because its semantics are pinned down here:
 * - a field is `{"var": "<name>"}` of a declared field (number or string); a missing value is null;
 * - `<`, `<=`, `>`, `>=` compare a number field with number literals; a missing value counts as 0
 *   (JSON Logic's JavaScript comparison casts null to 0); the 3-argument form `a < x < b` is allowed;
 * - `==` / `!=` compare a field with a literal of its type; missing equals nothing, so `!=` is true;
 * - `{"==": [field, null]}` holds when the value is missing, `{"!=": [field, null]}` when it is present;
 * - `in` tests a field against a literal list; missing is in no list;
 * - `and`, `or` (at least one operand) and `!` combine; every atom is two-valued (never SQL NULL);
 * - `true` / `false` literals (a fallback segment's condition is `true`).
 *
 * Fields that count time since something happened. A number field with unit `days` (recency_days,
 * days_since_last_session, tenure_days, interpurchase_days) is NULL when the thing never happened,
 * which is longer than any window: in a rule as written (a rule file, an extracted rule, a bundle
 * field declared with that unit) its missing value reads as +Infinity in `<`, `<=`, `>`, `>=`, so a
 * customer who never had a session is "inactive for 90 days", not "active today". Bundles store this
 * explicitly (simplifyCondition): `days >= 90` is saved as `days is missing or days >= 90` and
 * `days < 30` as `days is present and days < 30`, so that any JSON Logic engine and every SQL dialect,
 * which read a missing number as 0, agree. `==`, `!=` and `in` are the same for every field.
 */
export type FieldRef = { var: string };
export type Literal = number | string;
export type CompareOp = '<' | '<=' | '>' | '>=';
export type Condition =
  | boolean
  | { and: Condition[] }
  | { or: Condition[] }
  | { '!': [Condition] }
  | { '==': [FieldRef, Literal | null] }
  | { '!=': [FieldRef, Literal | null] }
  | { '<': [FieldRef, number] | [number, FieldRef, number] }
  | { '<=': [FieldRef, number] | [number, FieldRef, number] }
  | { '>': [FieldRef, number] }
  | { '>=': [FieldRef, number] }
  | { in: [FieldRef, Literal[]] };

/** The unit that marks a "time since" field, whose missing value reads as +Infinity in comparisons. */
export const MISSING_AS_INFINITY_UNIT = 'days';

/** Whether a declared field's missing value reads as +Infinity in comparisons (a number field in days). */
export function readsMissingAsInfinity(field: { type: FieldType; unit?: string | null }): boolean {
  return field.type === 'number' && (field.unit ?? '').trim().toLowerCase() === MISSING_AS_INFINITY_UNIT;
}

export const CONDITION_OPERATORS = ['and', 'or', '!', '==', '!=', '<', '<=', '>', '>=', 'in'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export type FieldType = 'number' | 'string';
/** Field name → type: the columns a rule may read. */
export type FieldTypes = Readonly<Record<string, FieldType>>;

/**
 * Check that `rule` is a condition of the subset over the declared fields, collecting every problem
 * with its path (e.g. `segments[2].condition.and[1]`). Throws InvalidRuleError; returns the rule typed.
 */
export function parseCondition(rule: unknown, fields: FieldTypes, path = 'condition'): Condition {
  const problems: Problem[] = [];
  check(rule, fields, path, problems);
  if (problems.length) throw new InvalidRuleError(problems);
  return rule as Condition;
}

function problem(problems: Problem[], path: string, message: string, hint?: string): void {
  problems.push({ severity: 'error', check: 'rule', message, location: { field: path }, hint });
}

function fieldOf(x: unknown, fields: FieldTypes, path: string, problems: Problem[]): FieldType | null {
  if (!x || typeof x !== 'object' || Array.isArray(x) || Object.keys(x).length !== 1 || typeof (x as { var?: unknown }).var !== 'string') {
    problem(problems, path, 'expected a field reference {"var": "<name>"}');
    return null;
  }
  const name = (x as FieldRef).var;
  if (name.includes('.')) {
    // In JSON Logic "a.b" is a path into nested data; in SQL it would be one column: the two would disagree.
    problem(problems, path, `field "${name}" contains a dot, which JSON Logic reads as a nested path`, 'rename the column without dots');
    return null;
  }
  if (!Object.prototype.hasOwnProperty.call(fields, name)) {
    problem(problems, path, `unknown field "${name}"`, `declared fields: ${Object.keys(fields).join(', ') || '(none)'}`);
    return null;
  }
  return fields[name]!;
}

function literalOf(x: unknown, type: FieldType | null, path: string, problems: Problem[]): void {
  const ok = type === 'number' ? typeof x === 'number' && Number.isFinite(x) : type === 'string' ? typeof x === 'string' : typeof x === 'number' || typeof x === 'string';
  if (!ok) problem(problems, path, `expected a ${type === 'number' ? 'finite number' : (type ?? 'number or string')} literal, got ${typeof x === 'number' ? String(x) : JSON.stringify(x)}`);
}

function check(rule: unknown, fields: FieldTypes, path: string, problems: Problem[]): void {
  if (typeof rule === 'boolean') return;
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) {
    problem(problems, path, `expected a condition object or true/false, got ${JSON.stringify(rule)}`);
    return;
  }
  const keys = Object.keys(rule);
  if (keys.length !== 1) {
    problem(problems, path, `a condition has exactly one operator, got ${keys.length ? keys.join(', ') : 'none'}`);
    return;
  }
  const op = keys[0]!;
  const args = (rule as Record<string, unknown>)[op];
  const at = `${path}${/^[A-Za-z_]\w*$/.test(op) ? `.${op}` : `[${JSON.stringify(op)}]`}`;
  switch (op) {
    case 'and':
    case 'or':
      if (!Array.isArray(args) || args.length === 0) problem(problems, at, `"${op}" needs a non-empty list of conditions`);
      else args.forEach((a, i) => check(a, fields, `${at}[${i}]`, problems));
      return;
    case '!': {
      const inner = Array.isArray(args) ? (args.length === 1 ? args[0] : undefined) : args;
      if (inner === undefined) problem(problems, at, '"!" takes one condition');
      else check(inner, fields, Array.isArray(args) ? `${at}[0]` : at, problems);
      return;
    }
    case '==':
    case '!=': {
      if (!Array.isArray(args) || args.length !== 2) return problem(problems, at, `"${op}" takes [field, literal]`);
      const type = fieldOf(args[0], fields, `${at}[0]`, problems);
      if (args[1] !== null) literalOf(args[1], type, `${at}[1]`, problems); // null: "is missing" / "is present"
      return;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const between = (op === '<' || op === '<=') && Array.isArray(args) && args.length === 3;
      if (!Array.isArray(args) || !(args.length === 2 || between)) return problem(problems, at, `"${op}" takes [field, number]${op === '<' || op === '<=' ? ' or [number, field, number]' : ''}`);
      const fi = between ? 1 : 0;
      const type = fieldOf(args[fi], fields, `${at}[${fi}]`, problems);
      if (type === 'string') problem(problems, `${at}[${fi}]`, `"${op}" compares numbers; field "${(args[fi] as FieldRef).var}" is text`, 'use == or in for text fields');
      args.forEach((a, i) => i !== fi && literalOf(a, 'number', `${at}[${i}]`, problems));
      return;
    }
    case 'in': {
      if (!Array.isArray(args) || args.length !== 2 || !Array.isArray(args[1])) return problem(problems, at, '"in" takes [field, [literal, …]]');
      const type = fieldOf(args[0], fields, `${at}[0]`, problems);
      (args[1] as unknown[]).forEach((v, i) => literalOf(v, type, `${at}[1][${i}]`, problems));
      return;
    }
    default:
      problem(problems, at, `operator "${op}" is not allowed in segment rules`, `use ${CONDITION_OPERATORS.join(', ')}`);
  }
}

/** Fields a condition reads, in first-use order. */
export function conditionFields(c: Condition, out: string[] = []): string[] {
  if (typeof c === 'boolean') return out;
  const [op, args] = Object.entries(c)[0] as [ConditionOperator, unknown];
  const visit = (x: unknown): void => {
    if (x && typeof x === 'object' && !Array.isArray(x) && 'var' in x) {
      const name = (x as FieldRef).var;
      if (!out.includes(name)) out.push(name);
    } else if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === 'object') conditionFields(x as Condition, out);
  };
  if (op === '!') visit(Array.isArray(args) ? args : [args]);
  else visit(args);
  return out;
}
