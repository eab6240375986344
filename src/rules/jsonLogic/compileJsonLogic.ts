import { checkParam } from '../../core/errors';
import { checkRuleDepth } from './checkRuleDepth';
import { CompileContext, MAX_DEPTH_LIMIT } from './CompileContext';
import type { CompiledRule } from './Compiled';
import { compileNode } from './compileNode';
import { isJsonLogicOperator, JSON_LOGIC_OPERATORS, type JsonLogicOperator } from './operators';

export interface CompileJsonLogicOptions {
  /** Deepest nesting of operators and arrays (the root is 1). Default 64, at most MAX_DEPTH_LIMIT (1000). */
  maxDepth?: number;
  /** Most nodes (operators, arrays, values). Default 10 000. */
  maxNodes?: number;
  /** The operators the rule may use; default all of JSON_LOGIC_OPERATORS. */
  operators?: readonly JsonLogicOperator[];
}

export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_NODES = 10_000;
export { MAX_DEPTH_LIMIT };

/**
 * Compile a JSON Logic rule once into closures; `evaluate(record)` then runs them per row without
 * re-reading the rule. Semantics are those of the reference implementation json-logic-js 2.x
 * (coercions included: loose "==", [] falsy, "+" parsing strings), with these safety rules:
 * - `var` reads own properties only (`constructor`, `__proto__`, `toString` are null / the default);
 *   data is never interpreted as logic and no code is generated (no eval, no new Function);
 * - every problem of the rule is found here, not while evaluating: unknown or disallowed operators
 *   (UnsupportedOperatorError), objects that are not one-key operations, values that are not JSON
 *   (InvalidRuleError, with the path of each problem, e.g. `rule.and[1]`), nesting deeper than
 *   maxDepth (measured without recursion before compiling, so deep or cyclic input never overflows the
 *   stack) or more than maxNodes nodes (RuleLimitError, naming the option to raise);
 * - where json-logic-js would fail at run time or do something surprising, the rule is refused:
 *   `{"*": []}`, and a `reduce` initial value that is not a literal (json-logic-js returns it unevaluated).
 */
export function compileJsonLogic(rule: unknown, options: CompileJsonLogicOptions = {}): CompiledRule {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  checkParam(Number.isInteger(maxDepth) && maxDepth >= 1 && maxDepth <= MAX_DEPTH_LIMIT, 'options.maxDepth', maxDepth, `an integer from 1 to ${MAX_DEPTH_LIMIT} (deeper rules would overflow the JavaScript stack)`);
  checkParam(Number.isInteger(maxNodes) && maxNodes >= 1, 'options.maxNodes', maxNodes, 'an integer >= 1');
  const operators = options.operators ?? JSON_LOGIC_OPERATORS;
  checkParam(
    Array.isArray(operators) && operators.every((o) => typeof o === 'string' && isJsonLogicOperator(o)),
    'options.operators',
    operators,
    `an array of operators among: ${JSON_LOGIC_OPERATORS.join(' ')}`,
  );

  const ctx = new CompileContext(maxDepth, maxNodes, new Set<string>(operators));
  checkRuleDepth(rule, ctx);
  const root = compileNode(rule, 'rule', 1, false, ctx);
  ctx.throwIfProblems();
  return {
    evaluate: root.evaluate,
    operators: [...ctx.operatorsUsed],
    vars: [...ctx.varsRead],
  };
}
