/** A compiled rule node: a closure from data to value, built once and called per row. */
export type Evaluator = (data: unknown) => unknown;

/** What the compiler knows about a node besides its closure, used to pick faster closures for its parent. */
export interface Compiled {
  readonly evaluate: Evaluator;
  /** The node ignores the data: `value` is its result (primitives and frozen arrays of them). */
  readonly constant: boolean;
  readonly value: unknown;
  /** The node always returns true or false, so a parent `and`/`or` may skip the truthiness check. */
  readonly boolean: boolean;
}

export function constantNode(value: unknown): Compiled {
  return { evaluate: () => value, constant: true, value, boolean: typeof value === 'boolean' };
}

export function dynamicNode(evaluate: Evaluator, boolean = false): Compiled {
  return { evaluate, constant: false, value: undefined, boolean };
}

/** The result of compileJsonLogic. */
export interface CompiledRule {
  /** Evaluate the rule for one record; never throws for JSON data (operators coerce like json-logic-js). */
  evaluate(data: unknown): unknown;
  /** The operators the rule uses, each once, in order of first appearance. */
  operators: string[];
  /**
   * The data paths the rule reads from the record (`var` paths and the keys of `missing` /
   * `missing_some`), each once, in order of first appearance; "" = the whole record. Only paths written
   * as literals are listed: a path computed at run time (`{"var": {"cat": [...]}}`) is not, and neither
   * are the paths read from array items inside map / filter / reduce / all / none / some.
   */
  vars: string[];
}
