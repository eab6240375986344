import { constantNode, dynamicNode, type Compiled } from './Compiled';
import { lookupKey, lookupPath, lookupVar, pathSegments } from './lookupPath';
import type { OperatorArgs } from './OperatorArgs';

const NOT_FOUND: unique symbol = Symbol('not found');

/**
 * `{"var": path}` / `{"var": [path, default]}`: a dot path into the data, own properties only; "" (or
 * null, or no argument) is the whole data; the default (null when absent) replaces a missing value. A
 * literal path is split once here, so evaluation does no string work.
 */
export function compileVar(args: OperatorArgs): Compiled {
  const path = args.compile(0);
  const fallback = args.compile(1);
  if (!path.constant) {
    const pathOf = path.evaluate;
    if (fallback.constant) {
      const notFound = fallback.value === undefined ? null : fallback.value;
      return dynamicNode((data) => lookupVar(data, pathOf(data), notFound));
    }
    const fallbackOf = fallback.evaluate;
    return dynamicNode((data) => {
      const value = lookupVar(data, pathOf(data), NOT_FOUND);
      if (value !== NOT_FOUND) return value;
      const alt = fallbackOf(data);
      return alt === undefined ? null : alt;
    });
  }

  const segments = pathSegments(path.value);
  if (segments !== undefined && !args.scoped) args.ctx.recordVar(segments === null ? '' : segments.join('.'));
  if (segments === null) return dynamicNode((data) => data);
  if (fallback.constant) {
    const notFound = fallback.value === undefined ? null : fallback.value;
    if (segments === undefined) return constantNode(notFound);
    if (segments.length === 1) {
      const key = segments[0]!;
      return dynamicNode((data) => lookupKey(data, key, notFound));
    }
    return dynamicNode((data) => lookupPath(data, segments, notFound));
  }
  const fallbackOf = fallback.evaluate;
  const lookup: (data: unknown) => unknown =
    segments === undefined ? () => NOT_FOUND : (data) => lookupPath(data, segments, NOT_FOUND);
  return dynamicNode((data) => {
    const value = lookup(data);
    if (value !== NOT_FOUND) return value;
    const alt = fallbackOf(data);
    return alt === undefined ? null : alt;
  });
}
