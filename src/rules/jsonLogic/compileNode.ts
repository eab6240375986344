import type { CompileContext } from './CompileContext';
import { constantNode, dynamicNode, type Compiled } from './Compiled';
import { compileOperator } from './compileOperator';
import { OperatorArgs } from './OperatorArgs';
import { isJsonLogicOperator } from './operators';
import { indexPath } from './rulePath';

const INVALID = constantNode(undefined);

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  const ctor = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor;
  return typeof ctor?.name === 'string' && ctor.name ? `a ${ctor.name} object` : 'an object with a custom prototype';
}

/**
 * Compile one node of a rule: a JSON primitive (itself), an array (each element evaluated, as in
 * json-logic-js; a literal array becomes one frozen constant), or an operator object `{"op": args}`.
 * `depth` counts operator objects and arrays from the root (= 1).
 */
export function compileNode(rule: unknown, path: string, depth: number, scoped: boolean, ctx: CompileContext): Compiled {
  ctx.countNode(path);
  switch (typeof rule) {
    case 'string':
    case 'number':
    case 'boolean':
      return constantNode(rule);
    case 'object':
      break;
    default:
      ctx.problem('not-json', path, `${rule === undefined ? 'undefined' : `a ${typeof rule}`} is not a JSON value`, 'a rule holds only objects, arrays, strings, numbers, booleans and null');
      return INVALID;
  }
  if (rule === null) return constantNode(null);
  ctx.checkDepth(depth, path);

  if (Array.isArray(rule)) {
    const items: Compiled[] = [];
    for (let i = 0; i < rule.length; i++) items.push(compileNode(rule[i], indexPath(path, i), depth + 1, scoped, ctx));
    if (items.every((c) => c.constant)) return constantNode(Object.freeze(items.map((c) => c.value)));
    const fns = items.map((c) => c.evaluate);
    const n = fns.length;
    return dynamicNode((data) => {
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) out[i] = fns[i]!(data);
      return out;
    });
  }

  const proto: unknown = Object.getPrototypeOf(rule);
  if (proto !== Object.prototype && proto !== null) {
    ctx.problem('not-json', path, `${describe(rule)} is not a JSON value`, 'pass the parsed JSON of the rule (plain objects and arrays)');
    return INVALID;
  }
  const keys = Object.keys(rule);
  if (keys.length !== 1) {
    const shown = keys.slice(0, 4).map((k) => JSON.stringify(k)).join(', ') + (keys.length > 4 ? ', ...' : '');
    ctx.problem(
      'not-an-operation',
      path,
      keys.length === 0
        ? 'an empty object is not a JSON Logic operation'
        : `an operation object has exactly one key (the operator); this one has ${keys.length}: ${shown}`,
      'write {"operator": [arguments]}; combine conditions with {"and": [...]} or {"or": [...]}; literal data goes in arrays or primitives',
    );
    return INVALID;
  }
  const op = keys[0]!;
  const args = new OperatorArgs(op, (rule as Record<string, unknown>)[op], path, depth, scoped, ctx, compileNode);
  if (!isJsonLogicOperator(op) || !ctx.isAllowed(op)) {
    ctx.unsupportedOperator(op, path);
    args.compileAll(); // find the problems inside too
    return INVALID;
  }
  ctx.operatorsUsed.add(op);
  return compileOperator(op, args);
}
