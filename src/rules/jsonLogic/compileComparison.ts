import { assertUnreachable } from '../../core/assertUnreachable';
import { constantNode, dynamicNode, type Compiled, type Evaluator } from './Compiled';
import { looseEquals, primitive } from './coerce';
import type { OperatorArgs } from './OperatorArgs';

export type ComparisonOperator = '==' | '===' | '!=' | '!==' | '>' | '>=' | '<' | '<=';

// JavaScript's relational operators on any values, as json-logic-js applies them (strings compare as
// strings, mixed types as numbers). Typed `any` because the coercion is the point.
type Any = any;

/** A closure for `a OP c` with c a constant, one per operator so each stays monomorphic. */
function againstConstant(op: ComparisonOperator, a: Evaluator, constant: unknown): Evaluator {
  const c: Any = op === '==' || op === '!=' || op === '===' || op === '!==' ? constant : primitive(constant);
  switch (op) {
    case '==': return (d) => looseEquals(a(d), c);
    case '===': return (d) => a(d) === c;
    case '!=': return (d) => !looseEquals(a(d), c);
    case '!==': return (d) => a(d) !== c;
    case '>': return (d) => (primitive(a(d)) as Any) > c;
    case '>=': return (d) => (primitive(a(d)) as Any) >= c;
    case '<': return (d) => (primitive(a(d)) as Any) < c;
    case '<=': return (d) => (primitive(a(d)) as Any) <= c;
    default: return assertUnreachable(op, 'comparison operator');
  }
}

/** A closure for `c OP b` with c a constant. */
function constantAgainst(op: ComparisonOperator, constant: unknown, b: Evaluator): Evaluator {
  const c: Any = op === '==' || op === '!=' || op === '===' || op === '!==' ? constant : primitive(constant);
  switch (op) {
    case '==': return (d) => looseEquals(c, b(d));
    case '===': return (d) => c === b(d);
    case '!=': return (d) => !looseEquals(c, b(d));
    case '!==': return (d) => c !== b(d);
    case '>': return (d) => c > (primitive(b(d)) as Any);
    case '>=': return (d) => c >= (primitive(b(d)) as Any);
    case '<': return (d) => c < (primitive(b(d)) as Any);
    case '<=': return (d) => c <= (primitive(b(d)) as Any);
    default: return assertUnreachable(op, 'comparison operator');
  }
}

function general(op: ComparisonOperator, a: Evaluator, b: Evaluator): Evaluator {
  switch (op) {
    case '==': return (d) => looseEquals(a(d), b(d));
    case '===': return (d) => a(d) === b(d);
    case '!=': return (d) => !looseEquals(a(d), b(d));
    case '!==': return (d) => a(d) !== b(d);
    case '>': return (d) => (primitive(a(d)) as Any) > (primitive(b(d)) as Any);
    case '>=': return (d) => (primitive(a(d)) as Any) >= (primitive(b(d)) as Any);
    case '<': return (d) => (primitive(a(d)) as Any) < (primitive(b(d)) as Any);
    case '<=': return (d) => (primitive(a(d)) as Any) <= (primitive(b(d)) as Any);
    default: return assertUnreachable(op, 'comparison operator');
  }
}

/**
 * `{"<": [a, b, c]}` / `{"<=": [a, b, c]}`: a < b < c (json-logic-js: the 2-argument form when c is
 * undefined at run time).
 */
function between(op: '<' | '<=', a: Evaluator, b: Evaluator, c: Evaluator): Evaluator {
  if (op === '<') {
    return (d) => {
      const x: Any = primitive(a(d)), y: Any = primitive(b(d)), z: Any = c(d);
      return z === undefined ? x < y : x < y && y < (primitive(z) as Any);
    };
  }
  return (d) => {
    const x: Any = primitive(a(d)), y: Any = primitive(b(d)), z: Any = c(d);
    return z === undefined ? x <= y : x <= y && y <= (primitive(z) as Any);
  };
}

/**
 * The comparison operators, with JavaScript's semantics as json-logic-js uses them: `==` / `!=` loose,
 * `===` / `!==` strict, `<` etc. on any values; array and object operands are converted without calling
 * their methods (see coerce.ts). Arguments beyond the operator's arity are checked but not evaluated
 * (evaluation has no side effects, so the result is the same).
 */
export function compileComparison(op: ComparisonOperator, args: OperatorArgs): Compiled {
  const parts = args.compileAll();
  const a = parts[0] ?? constantNode(undefined);
  const b = parts[1] ?? constantNode(undefined);
  if ((op === '<' || op === '<=') && parts.length >= 3) {
    return dynamicNode(between(op, a.evaluate, b.evaluate, parts[2]!.evaluate), true);
  }
  if (b.constant && !a.constant) return dynamicNode(againstConstant(op, a.evaluate, b.value), true);
  if (a.constant && !b.constant) return dynamicNode(constantAgainst(op, a.value, b.evaluate), true);
  return dynamicNode(general(op, a.evaluate, b.evaluate), true);
}
