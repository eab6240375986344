/**
 * JavaScript's ToPrimitive for the objects JSON data holds, without calling any method of the value.
 *
 * json-logic-js applies JavaScript's operators to whatever `var` returns, so an array or object operand
 * is converted through its `toString` / `valueOf`: [1, 2] becomes "1,2", {} becomes "[object Object]".
 * Done natively, that looks methods up on the value's prototype chain, so an Object.create(null) record,
 * or JSON data with a key named "toString" or "valueOf", makes the operator throw a TypeError in the
 * middle of a batch. This function gives the result the default methods give, for arrays and plain
 * objects, without looking anything up. Other objects (Date, class instances the caller put in the
 * data) are returned unchanged, so the operator converts them as JavaScript does.
 */
export function objectToPrimitive(value: object): unknown {
  if (Array.isArray(value)) return joinArray(value, 0);
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? '[object Object]' : value;
}

/** Array.prototype.join(",") with the elements converted as above; nesting deeper than 32 reads as "". */
function joinArray(items: readonly unknown[], depth: number): string {
  if (depth > 32) return '';
  let out = '';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    const x = items[i];
    if (x === null || x === undefined) continue;
    if (Array.isArray(x)) out += joinArray(x, depth + 1);
    else if (typeof x === 'object') out += String(objectToPrimitive(x));
    else out += String(x);
  }
  return out;
}

/** The value an operator should see: primitives as they are, JSON objects and arrays converted safely. */
export function primitive(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? objectToPrimitive(value) : value;
}

type Any = any;

/**
 * JavaScript's `a == b` (the JSON Logic "=="), with objects converted by `primitive`: two objects are
 * equal only when they are the same object; an object never equals null or undefined.
 */
export function looseEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null) {
    if (typeof b === 'object' || b === undefined) return a === b;
    return (objectToPrimitive(a) as Any) == b;
  }
  if (typeof b === 'object' && b !== null) {
    if (a === undefined) return false;
    return (a as Any) == objectToPrimitive(b);
  }
  return (a as Any) == b;
}
