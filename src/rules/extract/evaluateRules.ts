import { assertUnreachable } from '../../core/assertUnreachable';
import { UsageError } from '../../core/errors';
import type { Matrix } from '../../core/Matrix';
import type { Condition, ConditionOperator, FieldRef, Literal } from '../Condition';
import type { SegmentRule } from '../RuleBundle';

/**
 * Rows of a Matrix where a condition holds, as a 0/1 mask, on the Condition subset's semantics: a
 * missing number (NaN) counts as 0 in `<`, `<=`, `>`, `>=`; missing equals nothing (`==` false, `!=`
 * true) and is in no list. A Matrix holds numbers only, so a text literal (`"=="` with a string, `in`
 * a list of strings) is refused: score text fields with ColumnarScorer.
 */
export function conditionMask(condition: Condition, X: Matrix): Uint8Array {
  const n = X.rows;
  const columnIndex = new Map<string, number>(X.columns.map((c, j) => [c, j]));
  const column = (ref: FieldRef): Float64Array => {
    const j = columnIndex.get(ref.var);
    if (j === undefined) throw new UsageError(`evaluateRules: the rules read "${ref.var}", which is not a column of X (${X.columns.join(', ')}).`);
    return X.column(j);
  };
  const numberLiteral = (v: Literal, ref: FieldRef): number => {
    if (typeof v !== 'number') throw new UsageError(`evaluateRules: "${ref.var}" is compared with text ${JSON.stringify(v)}; a Matrix holds numbers only.`);
    return v;
  };
  const visit = (c: Condition): Uint8Array => {
    if (typeof c === 'boolean') return new Uint8Array(n).fill(c ? 1 : 0);
    const [op, args] = Object.entries(c)[0] as [ConditionOperator, unknown];
    switch (op) {
      case 'and':
      case 'or': {
        const parts = args as Condition[];
        const acc = visit(parts[0]!);
        for (let p = 1; p < parts.length; p++) {
          const m = visit(parts[p]!);
          if (op === 'and') for (let i = 0; i < n; i++) acc[i]! &= m[i]!;
          else for (let i = 0; i < n; i++) acc[i]! |= m[i]!;
        }
        return acc;
      }
      case '!': {
        const m = visit((Array.isArray(args) ? args[0] : args) as Condition);
        for (let i = 0; i < n; i++) m[i] = m[i]! ^ 1;
        return m;
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const a = args as unknown[];
        const m = new Uint8Array(n);
        if (a.length === 3) {
          const lo = a[0] as number;
          const x = column(a[1] as FieldRef);
          const hi = a[2] as number;
          for (let i = 0; i < n; i++) {
            const v = x[i]! === x[i]! ? x[i]! : 0;
            m[i] = op === '<' ? (lo < v && v < hi ? 1 : 0) : lo <= v && v <= hi ? 1 : 0;
          }
          return m;
        }
        const x = column(a[0] as FieldRef);
        const t = a[1] as number;
        for (let i = 0; i < n; i++) {
          const v = x[i]! === x[i]! ? x[i]! : 0;
          m[i] = (op === '<' ? v < t : op === '<=' ? v <= t : op === '>' ? v > t : v >= t) ? 1 : 0;
        }
        return m;
      }
      case '==':
      case '!=': {
        const [ref, lit] = args as [FieldRef, Literal];
        const x = column(ref);
        const t = numberLiteral(lit, ref);
        const neg = op === '!=' ? 1 : 0;
        const m = new Uint8Array(n);
        for (let i = 0; i < n; i++) m[i] = (x[i] === t ? 1 : 0) ^ neg;
        return m;
      }
      case 'in': {
        const [ref, list] = args as [FieldRef, Literal[]];
        const x = column(ref);
        const set = new Set(list.map((v) => numberLiteral(v, ref)));
        const m = new Uint8Array(n);
        for (let i = 0; i < n; i++) m[i] = set.has(x[i]!) ? 1 : 0;
        return m;
      }
      default:
        return assertUnreachable(op, 'condition operator');
    }
  };
  return visit(condition);
}

/** Index (in list order) of the first rule each row matches, -1 where none does. */
export function firstMatchingRule(rules: readonly SegmentRule[], X: Matrix): Int32Array {
  const n = X.rows;
  const out = new Int32Array(n).fill(-1);
  rules.forEach((rule, r) => {
    const m = conditionMask(rule.condition, X);
    for (let i = 0; i < n; i++) if (out[i] === -1 && m[i]) out[i] = r;
  });
  return out;
}

/**
 * Segment id per row under first-match-wins: the first rule (in list order) whose condition holds,
 * else fallbackId. Numeric fields only (the Matrix's columns, looked up by name).
 */
export function evaluateRules(rules: readonly SegmentRule[], fallbackId: number, X: Matrix): Int32Array {
  const first = firstMatchingRule(rules, X);
  const out = new Int32Array(X.rows);
  for (let i = 0; i < out.length; i++) out[i] = first[i]! >= 0 ? rules[first[i]!]!.id : fallbackId;
  return out;
}
