import { dynamicNode, type Compiled } from './Compiled';
import type { OperatorArgs } from './OperatorArgs';
import { truthy } from './truthy';

/** `merge`: one array of the arguments, arrays flattened one level (Array.prototype.concat). */
export function compileMerge(args: OperatorArgs): Compiled {
  const fns = args.compileAll().map((p) => p.evaluate);
  const n = fns.length;
  return dynamicNode((d) => {
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const v = fns[i]!(d);
      if (Array.isArray(v)) for (let j = 0; j < v.length; j++) out.push(v[j]);
      else out.push(v);
    }
    return out;
  });
}

/** The array argument and the per-item logic (compiled with the item as its data). */
function scopedParts(args: OperatorArgs): [Compiled, Compiled] {
  const list = args.compile(0);
  const logic = args.compile(1, true);
  return [list, logic];
}

/** `{"map": [array, logic]}`: logic applied to each item; [] when the first argument is not an array. */
export function compileMap(args: OperatorArgs): Compiled {
  const [list, logic] = scopedParts(args);
  for (let i = 2; i < args.length; i++) args.compile(i);
  const listOf = list.evaluate;
  const f = logic.evaluate;
  return dynamicNode((d) => {
    const items = listOf(d);
    if (!Array.isArray(items)) return [];
    const out = new Array<unknown>(items.length);
    for (let i = 0; i < items.length; i++) out[i] = f(items[i]);
    return out;
  });
}

/** `{"filter": [array, logic]}`: the items for which logic is truthy; [] for a non-array. */
export function compileFilter(args: OperatorArgs): Compiled {
  const [list, logic] = scopedParts(args);
  for (let i = 2; i < args.length; i++) args.compile(i);
  const listOf = list.evaluate;
  const f = logic.evaluate;
  return dynamicNode((d) => {
    const items = listOf(d);
    if (!Array.isArray(items)) return [];
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) if (truthy(f(items[i]))) out.push(items[i]);
    return out;
  });
}

/**
 * `{"reduce": [array, logic, initial]}`: logic applied with data {current, accumulator}; the initial
 * value (null when absent) for a non-array. json-logic-js uses the initial value unevaluated, so it must
 * be a literal here: a rule in its place is refused rather than silently returned as an object.
 */
export function compileReduce(args: OperatorArgs): Compiled {
  const [list, logic] = scopedParts(args);
  let initial: unknown = null;
  if (args.length > 2) {
    const start = args.compile(2);
    if (!start.constant) {
      args.ctx.problem(
        'non-literal-initial',
        args.pathOf(2),
        'the initial value of "reduce" must be a literal (json-logic-js does not evaluate it)',
        'write a number, string, boolean, null or array of those; compute a data-dependent start inside the reduce logic',
      );
    }
    initial = start.value === undefined ? null : start.value;
  }
  for (let i = 3; i < args.length; i++) args.compile(i);
  const listOf = list.evaluate;
  const f = logic.evaluate;
  const start = initial;
  return dynamicNode((d) => {
    const items = listOf(d);
    if (!Array.isArray(items)) return start;
    let accumulator = start;
    for (let i = 0; i < items.length; i++) accumulator = f({ current: items[i], accumulator });
    return accumulator;
  });
}

export type Quantifier = 'all' | 'none' | 'some';

/**
 * `all` / `none` / `some` over [array, logic]. An empty or non-array list: all → false, none → true,
 * some → false (json-logic-js).
 */
export function compileQuantifier(q: Quantifier, args: OperatorArgs): Compiled {
  const [list, logic] = scopedParts(args);
  for (let i = 2; i < args.length; i++) args.compile(i);
  const listOf = list.evaluate;
  const f = logic.evaluate;
  if (q === 'all') {
    return dynamicNode((d) => {
      const items = listOf(d);
      if (!Array.isArray(items) || items.length === 0) return false;
      for (let i = 0; i < items.length; i++) if (!truthy(f(items[i]))) return false;
      return true;
    }, true);
  }
  const whenFound = q === 'some';
  return dynamicNode((d) => {
    const items = listOf(d);
    if (!Array.isArray(items)) return !whenFound;
    for (let i = 0; i < items.length; i++) if (truthy(f(items[i]))) return whenFound;
    return !whenFound;
  }, true);
}
