import { constantNode, dynamicNode, type Compiled, type Evaluator } from './Compiled';
import type { OperatorArgs } from './OperatorArgs';
import { truthy } from './truthy';

/**
 * `{"if": [c1, v1, c2, v2, ..., else]}` (also `?:`): the value after the first truthy condition, else the
 * last odd argument, else null. Only the branches taken are evaluated.
 */
export function compileIf(args: OperatorArgs): Compiled {
  const parts = args.compileAll();
  const n = parts.length;
  if (n === 0) return constantNode(null);
  if (n === 1) return parts[0]!;
  if (n === 2 || n === 3) {
    const test = parts[0]!.evaluate;
    const then = parts[1]!.evaluate;
    if (n === 2) return dynamicNode((data) => (truthy(test(data)) ? then(data) : null));
    const otherwise = parts[2]!.evaluate;
    if (parts[0]!.boolean) return dynamicNode((data) => (test(data) ? then(data) : otherwise(data)));
    return dynamicNode((data) => (truthy(test(data)) ? then(data) : otherwise(data)));
  }
  const fns = parts.map((p) => p.evaluate);
  const hasElse = n % 2 === 1;
  const pairs = hasElse ? n - 1 : n;
  const last = hasElse ? fns[n - 1]! : null;
  return dynamicNode((data) => {
    for (let i = 0; i < pairs; i += 2) {
      if (truthy(fns[i]!(data))) return fns[i + 1]!(data);
    }
    return last === null ? null : last(data);
  });
}

/** `{"and": [...]}`: the first falsy value, else the last value (undefined with no arguments). */
export function compileAnd(args: OperatorArgs): Compiled {
  const parts = args.compileAll();
  const n = parts.length;
  if (n === 0) return constantNode(undefined);
  if (n === 1) return parts[0]!;
  const allBoolean = parts.every((p) => p.boolean);
  if (n === 2) {
    const a = parts[0]!.evaluate;
    const b = parts[1]!.evaluate;
    if (allBoolean) return dynamicNode((data) => (a(data) as boolean) && (b(data) as boolean), true);
    return dynamicNode((data) => {
      const x = a(data);
      return truthy(x) ? b(data) : x;
    });
  }
  const fns: readonly Evaluator[] = parts.map((p) => p.evaluate);
  if (allBoolean) {
    return dynamicNode((data) => {
      for (let i = 0; i < n; i++) if (!fns[i]!(data)) return false;
      return true;
    }, true);
  }
  return dynamicNode((data) => {
    let x: unknown;
    for (let i = 0; i < n; i++) {
      x = fns[i]!(data);
      if (!truthy(x)) return x;
    }
    return x;
  });
}

/** `{"or": [...]}`: the first truthy value, else the last value (undefined with no arguments). */
export function compileOr(args: OperatorArgs): Compiled {
  const parts = args.compileAll();
  const n = parts.length;
  if (n === 0) return constantNode(undefined);
  if (n === 1) return parts[0]!;
  const allBoolean = parts.every((p) => p.boolean);
  if (n === 2) {
    const a = parts[0]!.evaluate;
    const b = parts[1]!.evaluate;
    if (allBoolean) return dynamicNode((data) => (a(data) as boolean) || (b(data) as boolean), true);
    return dynamicNode((data) => {
      const x = a(data);
      return truthy(x) ? x : b(data);
    });
  }
  const fns: readonly Evaluator[] = parts.map((p) => p.evaluate);
  if (allBoolean) {
    return dynamicNode((data) => {
      for (let i = 0; i < n; i++) if (fns[i]!(data)) return true;
      return false;
    }, true);
  }
  return dynamicNode((data) => {
    let x: unknown;
    for (let i = 0; i < n; i++) {
      x = fns[i]!(data);
      if (truthy(x)) return x;
    }
    return x;
  });
}

/** `{"!": x}` and `{"!!": x}`: the negated / plain JSON Logic truthiness of the first argument. */
export function compileNot(args: OperatorArgs, negate: boolean): Compiled {
  const parts = args.compileAll();
  const first = parts[0] ?? constantNode(undefined);
  const a = first.evaluate;
  if (first.boolean) return dynamicNode(negate ? (data) => !a(data) : a, true);
  return dynamicNode(negate ? (data) => !truthy(a(data)) : (data) => truthy(a(data)), true);
}
