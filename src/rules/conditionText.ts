import type { Condition, ConditionOperator, FieldRef, Literal } from './Condition';

const SYMBOL: Record<'<' | '<=' | '>' | '>=' | '==' | '!=', string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=', '!=': '≠' };

/**
 * A condition as a reader says it: `recency_days ≤ 30 and (city in {Paris, Lyon} or not spend > 50)`;
 * `{"==": [f, null]}` reads `f is missing`, `{"!=": [f, null]}` reads `f is present`.
 */
export function conditionText(c: Condition): string {
  return text(c, false);
}

function lit(v: Literal): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function text(c: Condition, nested: boolean): string {
  if (typeof c === 'boolean') return c ? 'everyone' : 'no one';
  const [op, args] = Object.entries(c)[0] as [ConditionOperator, unknown];
  switch (op) {
    case 'and':
    case 'or': {
      const parts = (args as Condition[]).map((a) => text(a, true));
      const joined = parts.join(` ${op} `);
      return nested && parts.length > 1 ? `(${joined})` : joined;
    }
    case '!':
      return `not ${text((Array.isArray(args) ? args[0] : args) as Condition, true)}`;
    case 'in': {
      const [ref, list] = args as [FieldRef, Literal[]];
      return `${ref.var} in {${list.map(lit).join(', ')}}`;
    }
    default: {
      const a = args as unknown[];
      if (a[1] === null && (op === '==' || op === '!=')) return `${(a[0] as FieldRef).var} is ${op === '==' ? 'missing' : 'present'}`;
      if (a.length === 3) return `${lit(a[0] as number)} ${SYMBOL[op]} ${(a[1] as FieldRef).var} ${SYMBOL[op]} ${lit(a[2] as number)}`;
      return `${(a[0] as FieldRef).var} ${SYMBOL[op]} ${lit(a[1] as Literal)}`;
    }
  }
}
