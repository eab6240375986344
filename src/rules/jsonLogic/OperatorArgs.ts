import type { CompileContext } from './CompileContext';
import { constantNode, type Compiled } from './Compiled';
import { indexPath, operatorPath } from './rulePath';

export type NodeCompiler = (rule: unknown, path: string, depth: number, scoped: boolean, ctx: CompileContext) => Compiled;

const UNDEFINED_NODE = constantNode(undefined);

/**
 * The arguments of one operator node, as json-logic-js sees them: `{"op": x}` with x not an array is
 * `{"op": [x]}`; a missing argument is undefined.
 */
export class OperatorArgs {
  readonly length: number;
  private readonly values: readonly unknown[];
  private readonly wrapped: boolean;
  /** Path of the operator's value, e.g. `rule.and`. */
  private readonly valuePath: string;

  constructor(
    readonly operator: string,
    raw: unknown,
    /** Path of the operator object, e.g. `rule` or `rule.or[0]`. */
    readonly nodePath: string,
    /** Depth of the operator node; its arguments sit one deeper. */
    private readonly depth: number,
    /** Inside the per-item logic of map / filter / reduce / all / none / some (data = the item). */
    readonly scoped: boolean,
    readonly ctx: CompileContext,
    private readonly compileNode: NodeCompiler,
  ) {
    this.values = Array.isArray(raw) ? raw : [raw];
    this.wrapped = !Array.isArray(raw);
    this.length = this.values.length;
    this.valuePath = operatorPath(nodePath, operator);
  }

  /** Path of argument i, e.g. `rule.and[1]` (or `rule["!"]` for the unwrapped form `{"!": x}`). */
  pathOf(i: number): string {
    return this.wrapped ? this.valuePath : indexPath(this.valuePath, i);
  }

  /** Compile argument i (a constant undefined when absent); `scoped` marks per-item logic. */
  compile(i: number, scoped = this.scoped): Compiled {
    if (i >= this.length) return UNDEFINED_NODE;
    return this.compileNode(this.values[i], this.pathOf(i), this.depth + 1, scoped, this.ctx);
  }

  compileAll(): Compiled[] {
    const out: Compiled[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.compile(i));
    return out;
  }
}
