const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Follow a dot path through `data`, reading own properties only. Returns `notFound` when a step meets
 * null / undefined, a key that is not an own property, or an undefined value; a null found at the end is
 * returned as null (as json-logic-js does). `constructor`, `__proto__`, `toString` etc. are therefore
 * never read from a prototype. Array indices and a string's characters are own properties, so "items.0"
 * works; so is an array's or string's `length`.
 */
export function lookupPath(data: unknown, segments: readonly string[], notFound: unknown): unknown {
  let current = data;
  for (let i = 0; i < segments.length; i++) {
    if (current === null || current === undefined) return notFound;
    const key = segments[i]!;
    if (!hasOwn.call(current, key)) return notFound;
    current = (current as Record<string, unknown>)[key];
    if (current === undefined) return notFound;
  }
  return current;
}

/** One step of `lookupPath`, for the common single-key path. */
export function lookupKey(data: unknown, key: string, notFound: unknown): unknown {
  if (data === null || data === undefined || !hasOwn.call(data, key)) return notFound;
  const value = (data as Record<string, unknown>)[key];
  return value === undefined ? notFound : value;
}

/**
 * The key segments of a `var` argument, or `null` for "the whole data" (undefined, null or "", as in
 * json-logic-js), or `undefined` when the argument cannot be a path. json-logic-js uses String(a): numbers
 * and booleans become their text ({"var": 1} reads index 1); objects and arrays are refused here (their
 * String() would call code of the value) and read as not found.
 */
export function pathSegments(path: unknown): string[] | null | undefined {
  if (path === undefined || path === null || path === '') return null;
  if (typeof path === 'string') return path.split('.');
  if (typeof path === 'number' || typeof path === 'boolean') return String(path).split('.');
  return undefined;
}

/** `{"var": [path, default]}` with a path known only at run time. */
export function lookupVar(data: unknown, path: unknown, notFound: unknown): unknown {
  const segments = pathSegments(path);
  if (segments === null) return data;
  if (segments === undefined) return notFound;
  return lookupPath(data, segments, notFound);
}
