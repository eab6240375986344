import { dynamicNode, type Compiled } from './Compiled';
import { primitive } from './coerce';
import { lookupVar, pathSegments } from './lookupPath';
import type { OperatorArgs } from './OperatorArgs';

/** The value `missing` tests for one key: json-logic-js applies `{"var": key}` (a [path, default] pair too). */
function valueOfKey(data: unknown, key: unknown): unknown {
  if (Array.isArray(key)) {
    const fallback: unknown = key[1];
    return lookupVar(data, key[0], fallback === undefined ? null : fallback);
  }
  return lookupVar(data, key, null);
}

/** The keys among `keys` whose value is null, missing or "". */
export function missingKeys(data: unknown, keys: ArrayLike<unknown>): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = valueOfKey(data, key);
    if (value === null || value === '') out.push(key);
  }
  return out;
}

function recordKeys(args: OperatorArgs, keys: ArrayLike<unknown>): void {
  if (args.scoped) return;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const segments = pathSegments(Array.isArray(key) ? key[0] : key);
    if (segments !== undefined) args.ctx.recordVar(segments === null ? '' : segments.join('.'));
  }
}

/**
 * `{"missing": [k1, k2, ...]}` or `{"missing": <array-valued rule>}`: the keys whose value is missing,
 * null or "". As in json-logic-js, an array first argument is the list of keys.
 */
export function compileMissing(args: OperatorArgs): Compiled {
  const parts = args.compileAll();
  if (parts.every((p) => p.constant)) {
    const first = parts[0]?.value;
    const keys: readonly unknown[] = Array.isArray(first) ? first : parts.map((p) => p.value);
    recordKeys(args, keys);
    return dynamicNode((data) => missingKeys(data, keys));
  }
  const fns = parts.map((p) => p.evaluate);
  return dynamicNode((data) => {
    const first = fns[0]!(data);
    if (Array.isArray(first)) return missingKeys(data, first);
    const keys: unknown[] = [first];
    for (let i = 1; i < fns.length; i++) keys.push(fns[i]!(data));
    return missingKeys(data, keys);
  });
}

/** Keys `missing` would test for json-logic-js's `{"missing": options}` (options already evaluated). */
function optionKeys(options: unknown): ArrayLike<unknown> {
  if (!Array.isArray(options)) return [options];
  return Array.isArray(options[0]) ? (options[0] as unknown[]) : options;
}

function missingSome(data: unknown, need: unknown, options: unknown): unknown[] {
  const missing = missingKeys(data, optionKeys(options));
  // json-logic-js: options.length - missing.length >= need_count (a non-array, non-string has no length: NaN)
  const length = Array.isArray(options) || typeof options === 'string' ? options.length : NaN;
  return length - missing.length >= (primitive(need) as number) ? [] : missing;
}

/** `{"missing_some": [need, keys]}`: [] when at least `need` of the keys are present, else the missing keys. */
export function compileMissingSome(args: OperatorArgs): Compiled {
  const need = args.compile(0);
  const options = args.compile(1);
  for (let i = 2; i < args.length; i++) args.compile(i);
  if (options.constant) recordKeys(args, optionKeys(options.value));
  const needOf = need.evaluate;
  const optionsOf = options.evaluate;
  return dynamicNode((data) => missingSome(data, needOf(data), optionsOf(data)));
}
