import type { CompileContext } from './CompileContext';
import { indexPath, operatorPath } from './rulePath';

interface Entry {
  value: unknown;
  depth: number;
  parent: Entry | null;
  /** How the parent's path extends to this node: `.op` (operator arguments), then `[i]` (array elements, listed arguments). */
  operator: string | null;
  index: number | null;
}

function pathOf(e: Entry): string {
  const steps: Entry[] = [];
  for (let x: Entry | null = e; x && x.parent; x = x.parent) steps.push(x);
  let path = 'rule';
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    if (s.operator !== null) path = operatorPath(path, s.operator);
    if (s.index !== null) path = indexPath(path, s.index);
  }
  return path;
}

/**
 * Measure a rule's nesting without recursion, before compileNode recurses into it: arrays and operator
 * objects count one level each (the root is 1), as compileNode counts them. A rule deeper than maxDepth
 * (or a cyclic one) gets the limit error here, naming the first node too deep, instead of a stack
 * overflow later. Stops looking after maxNodes nodes: compilation then refuses the rule for its size.
 */
export function checkRuleDepth(rule: unknown, ctx: CompileContext): void {
  const stack: Entry[] = [{ value: rule, depth: 1, parent: null, operator: null, index: null }];
  let visited = 0;
  while (stack.length) {
    const e = stack.pop()!;
    if (++visited > ctx.maxNodes) return;
    const v = e.value;
    if (typeof v !== 'object' || v === null) continue;
    if (e.depth > ctx.maxDepth) ctx.checkDepth(e.depth, pathOf(e)); // throws; the path is built only then
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: e.depth + 1, parent: e, operator: null, index: i });
      continue;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) continue;
    const keys = Object.keys(v);
    if (keys.length !== 1) continue;
    const op = keys[0]!;
    const args = (v as Record<string, unknown>)[op];
    if (Array.isArray(args)) {
      for (let i = args.length - 1; i >= 0; i--) stack.push({ value: args[i], depth: e.depth + 1, parent: e, operator: op, index: i });
    } else stack.push({ value: args, depth: e.depth + 1, parent: e, operator: op, index: null });
  }
}
