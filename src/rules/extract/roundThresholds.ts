import { checkParam, usageError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import type { Condition, ConditionOperator } from '../Condition';
import type { SegmentRule } from '../RuleBundle';
import type { RuleSet } from './extractRules';
import { simplifyCondition } from '../simplifyCondition';
import { evaluateRules } from './evaluateRules';
import { niceCandidates, roundingKind, type RoundingKind } from './niceValues';

export interface RoundThresholdsOptions {
  /** Largest accuracy drop allowed against the unrounded rules (default 0.01 = 1 point). */
  tolerance?: number;
  /** Unit per field ('days', 'currency', 'share', 'rate', 'count', 'orders', …); other fields get significant digits. */
  units?: Readonly<Record<string, string>>;
  /**
   * Fields whose missing value reads as +Infinity (fields in days, see Condition.ts), as the tree the rules
   * came from read them (DecisionTree's missingAsInfinity); default none.
   */
  missingAsInfinity?: readonly string[];
}

export interface ThresholdChange {
  field: string;
  from: number;
  to: number;
  kind: RoundingKind;
  /** Accuracy against y just before and just after this change. */
  accuracyBefore: number;
  accuracyAfter: number;
}

export interface KeptThreshold {
  field: string;
  value: number;
  kind: RoundingKind;
  /** Every candidate tried, with the accuracy it would have given. */
  tried: { to: number; accuracy: number }[];
}

export interface RoundedRules<R extends RuleSet = RuleSet> {
  rules: R;
  /** Accuracy of the unrounded and of the rounded rules against y. */
  accuracyBefore: number;
  accuracyAfter: number;
  log: ThresholdChange[];
  /** Thresholds left as they were: every friendlier value cost more than the tolerance. */
  kept: KeptThreshold[];
}

/** A numeric literal of a comparison: its field and value, in walk order. */
interface Slot {
  field: string;
  value: number;
}

/**
 * Replace thresholds by business-friendly values, one threshold at a time: a threshold is a (field,
 * value) pair wherever it occurs in the rules (all its occurrences change together, so ranges that met
 * at it still meet). Candidates are tried most preferred first; the first whose rules stay within
 * `tolerance` of the unrounded rules' accuracy against y is kept, unless it would leave a segment's rule
 * matching nobody. Thresholds are visited in the order they first occur (the highest-priority rule first).
 * Rules are measured and returned simplified (simplifyCondition): a path that rounding left empty
 * (`pdays > 200 and pdays <= 200`) is gone, and fields in days read a missing value as +Infinity.
 */
export function roundThresholds<R extends RuleSet>(rules: R, X: Matrix, y: ArrayLike<number>, options: RoundThresholdsOptions = {}): RoundedRules<R> {
  const { tolerance = 0.01, units = {} } = options;
  checkParam(Number.isFinite(tolerance) && tolerance >= 0 && tolerance <= 1, 'roundThresholds tolerance', tolerance, 'a number from 0 to 1');
  if (y.length !== X.rows) throw usageError('roundThresholds', `y has ${y.length} labels, X has ${X.rows} rows`);
  const missingAsInfinity = options.missingAsInfinity ?? [];
  const fallbackId = rules.fallback.id;
  // Rules are measured, and returned, as they ship: simplified, missing days read as +Infinity.
  const simplified = (segments: SegmentRule[]): SegmentRule[] => segments.map((s) => ({ ...s, condition: simplifyCondition(s.condition, { missingAsInfinity }) }));
  const accuracy = (segments: SegmentRule[]): number => {
    const p = evaluateRules(segments, fallbackId, X);
    let ok = 0;
    for (let i = 0; i < p.length; i++) if (p[i] === y[i]) ok++;
    return p.length ? ok / p.length : 0;
  };

  const slots: Slot[] = [];
  rules.segments.forEach((s) => collectSlots(s.condition, slots));
  const values = slots.map((s) => s.value);
  const build = (): SegmentRule[] => {
    const counter = { i: 0 };
    return rules.segments.map((s) => ({ ...s, condition: substitute(s.condition, values, counter) }));
  };
  const groups = new Map<string, { field: string; value: number; slots: number[] }>();
  slots.forEach((s, i) => {
    const key = `${s.field}\u0000${s.value}`;
    const g = groups.get(key) ?? { field: s.field, value: s.value, slots: [] };
    g.slots.push(i);
    groups.set(key, g);
  });

  const start = simplified(build());
  const baseline = accuracy(start);
  // A segment whose rule matches somebody keeps a rule that can: a candidate emptying it is passed over.
  const alive = start.map((s) => s.condition !== false);
  const floor = baseline - tolerance - 1e-12;
  let current = baseline;
  const log: ThresholdChange[] = [];
  const kept: KeptThreshold[] = [];
  for (const g of groups.values()) {
    const kind = roundingKind(units[g.field]);
    const tried: { to: number; accuracy: number }[] = [];
    let done = false;
    for (const to of niceCandidates(g.value, kind)) {
      for (const i of g.slots) values[i] = to;
      const candidate = simplified(build());
      if (candidate.some((s, k) => alive[k] && s.condition === false)) continue;
      const acc = accuracy(candidate);
      tried.push({ to, accuracy: acc });
      if (acc >= floor) {
        log.push({ field: g.field, from: g.value, to, kind, accuracyBefore: current, accuracyAfter: acc });
        current = acc;
        done = true;
        break;
      }
    }
    if (!done) {
      for (const i of g.slots) values[i] = g.value;
      kept.push({ field: g.field, value: g.value, kind, tried });
    }
  }
  return { rules: { ...rules, segments: simplified(build()) }, accuracyBefore: baseline, accuracyAfter: current, log, kept };
}

function opOf(c: Exclude<Condition, boolean>): [ConditionOperator, unknown] {
  return Object.entries(c)[0] as [ConditionOperator, unknown];
}

function collectSlots(c: Condition, out: Slot[]): void {
  if (typeof c === 'boolean') return;
  const [op, args] = opOf(c);
  if (op === 'and' || op === 'or') (args as Condition[]).forEach((a) => collectSlots(a, out));
  else if (op === '!') collectSlots((Array.isArray(args) ? args[0] : args) as Condition, out);
  else if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    const a = args as unknown[];
    if (a.length === 3) {
      const field = (a[1] as { var: string }).var;
      out.push({ field, value: a[0] as number }, { field, value: a[2] as number });
    } else out.push({ field: (a[0] as { var: string }).var, value: a[1] as number });
  }
}

function substitute(c: Condition, values: number[], counter: { i: number }): Condition {
  if (typeof c === 'boolean') return c;
  const [op, args] = opOf(c);
  if (op === 'and' || op === 'or') return { [op]: (args as Condition[]).map((a) => substitute(a, values, counter)) } as Condition;
  if (op === '!') return { '!': [substitute((Array.isArray(args) ? args[0] : args) as Condition, values, counter)] };
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    const a = args as unknown[];
    if (a.length === 3) {
      const lo = values[counter.i++]!;
      const hi = values[counter.i++]!;
      return { [op]: [lo, a[1], hi] } as Condition;
    }
    return { [op]: [a[0], values[counter.i++]!] } as Condition;
  }
  return c;
}
