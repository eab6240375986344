import { constantNode, dynamicNode, type Compiled } from './Compiled';
import { primitive } from './coerce';
import type { OperatorArgs } from './OperatorArgs';

// JavaScript conversions of any value, as json-logic-js applies them.
type Any = any;

/** Lists at least this long that are literals are looked up in a Set instead of scanned. */
const SET_FROM = 16;

/**
 * `{"in": [a, b]}`: b.indexOf(a) !== -1 for a string b (a substring test) or an array b (strict
 * equality), false for anything else — json-logic-js would call an `indexOf` method of any object;
 * only strings and arrays are searched here.
 */
export function inside(a: unknown, b: unknown): boolean {
  if (typeof b === 'string') return b !== '' && b.indexOf(primitive(a) as string) !== -1;
  if (Array.isArray(b)) return b.indexOf(a) !== -1;
  return false;
}

export function compileIn(args: OperatorArgs): Compiled {
  const parts = args.compileAll();
  const a = (parts[0] ?? constantNode(undefined)).evaluate;
  const list = parts[1] ?? constantNode(undefined);
  if (list.constant) {
    const b = list.value;
    // indexOf and Set.has agree (=== with +0 equal to -0) unless the list holds NaN, which indexOf never finds
    if (Array.isArray(b) && b.length >= SET_FROM && !b.some((x) => Number.isNaN(x))) {
      const set = new Set<unknown>(b);
      return dynamicNode((d) => set.has(a(d)), true);
    }
    return dynamicNode((d) => inside(a(d), b), true);
  }
  const b = list.evaluate;
  return dynamicNode((d) => inside(a(d), b(d)), true);
}

/** `cat`: the arguments joined as Array.prototype.join does (null and undefined as "", [1, 2] as "1,2"). */
export function compileCat(args: OperatorArgs): Compiled {
  const fns = args.compileAll().map((p) => p.evaluate);
  const n = fns.length;
  return dynamicNode((d) => {
    let s = '';
    for (let i = 0; i < n; i++) {
      const v = fns[i]!(d);
      s += v === null || v === undefined ? '' : String(primitive(v));
    }
    return s;
  });
}

/**
 * `{"substr": [source, start, length]}`: String.prototype.substr; a negative length drops that many
 * characters from the end (json-logic-js emulates PHP).
 */
export function substr(source: unknown, start: unknown, length: unknown): string {
  const s = String(primitive(source));
  const from: Any = primitive(start);
  const count: Any = primitive(length);
  if (count < 0) {
    const tail = s.substr(from);
    return tail.substr(0, tail.length + count);
  }
  return s.substr(from, count);
}

export function compileSubstr(args: OperatorArgs): Compiled {
  const parts = args.compileAll();
  const source = (parts[0] ?? constantNode(undefined)).evaluate;
  const start = (parts[1] ?? constantNode(undefined)).evaluate;
  const length = (parts[2] ?? constantNode(undefined)).evaluate;
  return dynamicNode((d) => substr(source(d), start(d), length(d)));
}
