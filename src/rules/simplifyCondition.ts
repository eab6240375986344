import { canonicalJson } from './bundleChecksum';
import type { Condition, ConditionOperator, FieldRef } from './Condition';

export interface SimplifyConditionOptions {
  /**
   * Number fields whose missing value reads as +Infinity in `<`, `<=`, `>`, `>=` ("never happened":
   * fields with unit days, see Condition.ts); every other field's missing value reads as 0.
   */
  missingAsInfinity?: Iterable<string>;
}

/** The bounds and missing-value tests on one field inside one `and`. */
interface FieldGroup {
  field: string;
  comparisons: number;
  lo: number | null;
  loInclusive: boolean;
  hi: number | null;
  hiInclusive: boolean;
  /** `{"==": [f, null]}` seen: the value must be missing. */
  mustBeMissing: boolean;
  /** `{"!=": [f, null]}` seen: the value must be present. */
  mustBePresent: boolean;
}

type Bound = { field: string; lo: number | null; loInclusive: boolean; hi: number | null; hiInclusive: boolean } | { field: string; missing: boolean };

/**
 * The same condition, simpler, and explicit about missing values:
 * - `and` / `or` are flattened, `true` / `false` folded, repeated operands dropped, `!!c` is `c`, an
 *   empty `in` list is `false`;
 * - inside one `and`, the comparisons on a field are merged into one interval (the tightest bounds);
 *   an interval that no value can meet (`pdays > 200 and pdays <= 200`) makes the `and` false, so a
 *   rule that can match nobody comes back as `false`;
 * - a field of `missingAsInfinity` gets its reading written out: where +Infinity and 0 would answer
 *   differently, the interval is joined with `{"==": [f, null]}` (`f >= 90` → `f is missing or
 *   f >= 90`) or with `{"!=": [f, null]}` (`f <= 30` → `f is present and f <= 30`), so that engines
 *   reading a missing number as 0 (JSON Logic, the SQL) give the +Infinity answer. The result means the
 *   same under either reading, and simplifying it again changes nothing.
 * Every other atom (`==`, `!=` and `in` with literals) is kept as it is. The input is trusted to be a
 * condition of the subset (parseCondition).
 */
export function simplifyCondition(condition: Condition, options: SimplifyConditionOptions = {}): Condition {
  const infinite = new Set(options.missingAsInfinity ?? []);
  return simplify(condition, infinite);
}

function entry(c: Exclude<Condition, boolean>): [ConditionOperator, unknown] {
  return Object.entries(c)[0] as [ConditionOperator, unknown];
}

function simplify(c: Condition, infinite: ReadonlySet<string>): Condition {
  if (typeof c === 'boolean') return c;
  const [op, args] = entry(c);
  if (op !== 'and' && boundOf(c, infinite)) return simplifyAnd([c], infinite); // comparisons and missing tests, even alone
  switch (op) {
    case 'and': {
      // Bounds are merged before they are written out, so nested `and`s are opened first.
      const operands: Condition[] = [];
      const open = (xs: Condition[]): void => {
        for (const x of xs) {
          if (typeof x !== 'boolean' && entry(x)[0] === 'and') open(entry(x)[1] as Condition[]);
          else operands.push(x);
        }
      };
      open(args as Condition[]);
      return simplifyAnd(operands.map((o) => (boundOf(o, infinite) ? o : simplify(o, infinite))), infinite);
    }
    case 'or':
      return simplifyOr((args as Condition[]).map((a) => simplify(a, infinite)));
    case '!': {
      const inner = simplify((Array.isArray(args) ? args[0] : args) as Condition, infinite);
      if (typeof inner === 'boolean') return !inner;
      const [innerOp, innerArgs] = entry(inner);
      // Every atom is two-valued, so not-not is the condition itself.
      if (innerOp === '!') return (Array.isArray(innerArgs) ? innerArgs[0] : innerArgs) as Condition;
      return { '!': [inner] };
    }
    case 'in':
      return (args as [FieldRef, unknown[]])[1].length === 0 ? false : c;
    default:
      return c;
  }
}

/**
 * A comparison or a missing-value test as a bound on its field; null for every other condition. For a
 * field of `infinite`, the explicit form `{"or": [{"==": [f, null]}, <lower bound on f>]}` is read back
 * as that lower bound (which under the +Infinity reading includes a missing value), so that it merges
 * with other bounds on f.
 */
function boundOf(c: Condition, infinite: ReadonlySet<string>): Bound | null {
  if (typeof c === 'boolean') return null;
  const [op, args] = entry(c);
  const a = args as unknown[];
  switch (op) {
    case 'or': {
      if (a.length !== 2) return null;
      const missing = boundOf(a[0] as Condition, infinite);
      const lower = boundOf(a[1] as Condition, infinite);
      if (!missing || !lower || !('missing' in missing) || !missing.missing || 'missing' in lower || !infinite.has(missing.field)) return null;
      return lower.field === missing.field && lower.hi === null && lower.lo !== null ? lower : null;
    }
    case '==':
    case '!=':
      return a[1] === null ? { field: (a[0] as FieldRef).var, missing: op === '==' } : null;
    case '<':
    case '<=':
      if (a.length === 3) return { field: (a[1] as FieldRef).var, lo: a[0] as number, loInclusive: op === '<=', hi: a[2] as number, hiInclusive: op === '<=' };
      return { field: (a[0] as FieldRef).var, lo: null, loInclusive: false, hi: a[1] as number, hiInclusive: op === '<=' };
    case '>':
    case '>=':
      return { field: (a[0] as FieldRef).var, lo: a[1] as number, loInclusive: op === '>=', hi: null, hiInclusive: false };
    default:
      return null;
  }
}

function addBound(g: FieldGroup, b: Bound): void {
  if ('missing' in b) {
    if (b.missing) g.mustBeMissing = true;
    else g.mustBePresent = true;
    return;
  }
  g.comparisons++;
  if (b.lo !== null) {
    if (g.lo === null || b.lo > g.lo) {
      g.lo = b.lo;
      g.loInclusive = b.loInclusive;
    } else if (b.lo === g.lo) g.loInclusive &&= b.loInclusive;
  }
  if (b.hi !== null) {
    if (g.hi === null || b.hi < g.hi) {
      g.hi = b.hi;
      g.hiInclusive = b.hiInclusive;
    } else if (b.hi === g.hi) g.hiInclusive &&= b.hiInclusive;
  }
}

function contains(g: FieldGroup, v: number): boolean {
  const aboveLo = g.lo === null || v > g.lo || (v === g.lo && g.loInclusive);
  const belowHi = g.hi === null || v < g.hi || (v === g.hi && g.hiInclusive);
  return aboveLo && belowHi;
}

/** The group as conditions that hold exactly when the group's atoms all hold; false when nothing can. */
function emitGroup(g: FieldGroup, infinite: ReadonlySet<string>): Condition[] | false {
  const ref = { var: g.field };
  const isInfinite = infinite.has(g.field);
  // Some present (finite) value passes every bound.
  const realOk = !g.mustBeMissing && (g.lo === null || g.hi === null || g.lo < g.hi || (g.lo === g.hi && g.loInclusive && g.hiInclusive));
  // A missing value passes the comparisons as the value it reads as.
  const missingReadPasses = g.comparisons === 0 || (isInfinite ? g.hi === null : contains(g, 0));
  const missingOk = !g.mustBePresent && missingReadPasses;
  if (!realOk && !missingOk) return false;
  if (!realOk) return [{ '==': [ref, null] }];
  if (g.comparisons === 0) return missingOk ? [] : [{ '!=': [ref, null] }];
  const bounds = rangeAtoms(g);
  // Bare bounds are enough when an engine reading missing as 0 (and, for an infinite field, one
  // reading it as +Infinity) already gives a missing value the answer it should get.
  const asZero = contains(g, 0);
  const asInfinity = g.hi === null;
  if (asZero === missingOk && (!isInfinite || asInfinity === missingOk)) return bounds;
  if (missingOk) return [{ or: [{ '==': [ref, null] }, bounds.length === 1 ? bounds[0]! : { and: bounds }] }];
  return [{ '!=': [ref, null] }, ...bounds];
}

/** The interval as atoms: `a < x < b` / `a <= x <= b` when both sides have the same strictness, else one atom per side. */
function rangeAtoms(g: FieldGroup): Condition[] {
  const x = { var: g.field };
  if (g.lo !== null && g.hi !== null && g.loInclusive === g.hiInclusive) {
    return [g.loInclusive ? { '<=': [g.lo, x, g.hi] } : { '<': [g.lo, x, g.hi] }];
  }
  const out: Condition[] = [];
  if (g.lo !== null) out.push(g.loInclusive ? { '>=': [x, g.lo] } : { '>': [x, g.lo] });
  if (g.hi !== null) out.push(g.hiInclusive ? { '<=': [x, g.hi] } : { '<': [x, g.hi] });
  return out;
}

function simplifyAnd(parts: Condition[], infinite: ReadonlySet<string>): Condition {
  const flat: Condition[] = [];
  for (const p of parts) {
    if (p === false) return false;
    if (p === true) continue;
    const [op, args] = entry(p);
    if (op === 'and') flat.push(...(args as Condition[]));
    else flat.push(p);
  }
  // Field groups and other operands, in the order they first appear.
  const order: ({ group: FieldGroup } | { other: Condition })[] = [];
  const groups = new Map<string, FieldGroup>();
  const seen = new Set<string>();
  for (const p of flat) {
    const b = boundOf(p, infinite);
    if (b) {
      let g = groups.get(b.field);
      if (!g) {
        g = { field: b.field, comparisons: 0, lo: null, loInclusive: false, hi: null, hiInclusive: false, mustBeMissing: false, mustBePresent: false };
        groups.set(b.field, g);
        order.push({ group: g });
      }
      addBound(g, b);
      continue;
    }
    const key = canonicalJson(p);
    if (seen.has(key)) continue;
    seen.add(key);
    order.push({ other: p });
  }
  const out: Condition[] = [];
  for (const item of order) {
    if ('other' in item) {
      out.push(item.other);
      continue;
    }
    const emitted = emitGroup(item.group, infinite);
    if (emitted === false) return false;
    out.push(...emitted);
  }
  return out.length === 0 ? true : out.length === 1 ? out[0]! : { and: out };
}

function simplifyOr(parts: Condition[]): Condition {
  const out: Condition[] = [];
  const seen = new Set<string>();
  for (const p of parts) {
    if (p === true) return true;
    if (p === false) continue;
    const [op, args] = entry(p);
    for (const q of op === 'or' ? (args as Condition[]) : [p]) {
      const key = canonicalJson(q);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(q);
    }
  }
  return out.length === 0 ? false : out.length === 1 ? out[0]! : { or: out };
}
