import { assertUnreachable } from '../../core/assertUnreachable';
import { constantNode, dynamicNode, type Compiled, type Evaluator } from './Compiled';
import { objectToPrimitive, primitive } from './coerce';
import type { OperatorArgs } from './OperatorArgs';

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%' | 'min' | 'max';

// JavaScript's arithmetic on any values, as json-logic-js applies it; array and object operands are
// converted without calling their methods (see coerce.ts).
type Any = any;
const num = (x: unknown): Any => primitive(x);

/**
 * json-logic-js's `parseFloat(x)`, as used by `+` and `*`: numbers unchanged except -0 → 0 (parseFloat
 * reads String(-0) = "0"); anything else parsed from its text ("1" → 1, "3px" → 3, [2] → 2, true / null → NaN).
 */
export function toAddend(x: unknown): number {
  if (typeof x === 'number') return x === 0 ? 0 : x;
  if (typeof x === 'object' && x !== null) return parseFloat(objectToPrimitive(x) as string);
  return parseFloat(x as string);
}

/** `+`: the sum of the arguments parsed as numbers (0 with none). */
function compilePlus(fns: readonly Evaluator[]): Compiled {
  const n = fns.length;
  if (n === 0) return constantNode(0);
  const a = fns[0]!;
  if (n === 1) return dynamicNode((d) => 0 + toAddend(a(d)));
  const b = fns[1]!;
  if (n === 2) return dynamicNode((d) => 0 + toAddend(a(d)) + toAddend(b(d)));
  return dynamicNode((d) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += toAddend(fns[i]!(d));
    return sum;
  });
}

/**
 * `*`: the product of the arguments parsed as numbers. As in json-logic-js (a reduce without a start
 * value), a single argument is returned as it is ({"*": ["1"]} is "1"); no argument is refused at compile time.
 */
function compileTimes(fns: readonly Evaluator[]): Compiled {
  const n = fns.length;
  const a = fns[0]!;
  if (n === 1) return dynamicNode(a);
  const b = fns[1]!;
  if (n === 2) return dynamicNode((d) => toAddend(a(d)) * toAddend(b(d)));
  return dynamicNode((d) => {
    let product: unknown = a(d);
    for (let i = 1; i < n; i++) product = toAddend(product) * toAddend(fns[i]!(d));
    return product;
  });
}

/** `-`: a - b, or -a when b is undefined. */
function compileMinus(parts: readonly Compiled[]): Compiled {
  const a = (parts[0] ?? constantNode(undefined)).evaluate;
  if (parts.length <= 1) return dynamicNode((d) => -num(a(d)));
  const second = parts[1]!;
  if (second.constant && second.value !== undefined) {
    const c: Any = primitive(second.value);
    return dynamicNode((d) => num(a(d)) - c);
  }
  const b = second.evaluate;
  return dynamicNode((d) => {
    const y: unknown = b(d);
    return y === undefined ? -num(a(d)) : num(a(d)) - num(y);
  });
}

/** `min` / `max`: Math.min / Math.max of the arguments (Infinity / -Infinity with none). */
function compileExtreme(fns: readonly Evaluator[], max: boolean): Compiled {
  const n = fns.length;
  if (n === 0) return constantNode(max ? -Infinity : Infinity);
  const a = fns[0]!;
  if (n === 1) return dynamicNode((d) => Math.max(num(a(d)))); // Math.max(x) = Math.min(x) = Number(x)
  const b = fns[1]!;
  if (n === 2) {
    return dynamicNode(max ? (d) => Math.max(num(a(d)), num(b(d))) : (d) => Math.min(num(a(d)), num(b(d))));
  }
  return dynamicNode((d) => {
    let m = max ? -Infinity : Infinity;
    for (let i = 0; i < n; i++) m = max ? Math.max(m, num(fns[i]!(d))) : Math.min(m, num(fns[i]!(d)));
    return m;
  });
}

/** The arithmetic operators, with json-logic-js's coercions. */
export function compileArithmetic(op: ArithmeticOperator, args: OperatorArgs): Compiled {
  const parts = args.compileAll();
  const fns = parts.map((p) => p.evaluate);
  const a = (parts[0] ?? constantNode(undefined)).evaluate;
  const b = (parts[1] ?? constantNode(undefined)).evaluate;
  switch (op) {
    case '+':
      return compilePlus(fns);
    case '*':
      if (fns.length === 0) {
        args.ctx.problem('missing-argument', args.nodePath, 'operator "*" needs at least one argument', 'json-logic-js fails on {"*": []} at run time; give the factors');
        return constantNode(undefined);
      }
      return compileTimes(fns);
    case '-':
      return compileMinus(parts);
    case '/':
      return dynamicNode((d) => num(a(d)) / num(b(d)));
    case '%':
      return dynamicNode((d) => num(a(d)) % num(b(d)));
    case 'min':
      return compileExtreme(fns, false);
    case 'max':
      return compileExtreme(fns, true);
    default:
      return assertUnreachable(op, 'arithmetic operator');
  }
}
