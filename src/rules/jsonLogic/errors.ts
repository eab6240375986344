import { InputError, type Problem } from '../../core/errors';

/**
 * A JSON Logic rule that cannot be compiled: not valid JSON Logic, an operator that is not supported or
 * not allowed, or a rule over a size limit. Carries every problem found (each with the path of the
 * offending part of the rule, e.g. `rule.and[1]`, in `location.field`). An InputError: the CLI exits with 2.
 */
export class InvalidRuleError extends InputError {
  override name = 'InvalidRuleError';
  constructor(problems: Problem[]) {
    const first = problems[0];
    const where = first?.location?.field ? ` at ${first.location.field}` : '';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super(`JSON Logic rule refused: ${first ? first.message : 'invalid rule'}${where}${more}`, problems);
  }
}

/**
 * The rule uses an operator this evaluator does not know or the caller did not allow. Thrown at compile
 * time, never while evaluating. `operators` names each one; `problems` also lists any other problem found.
 */
export class UnsupportedOperatorError extends InvalidRuleError {
  override name = 'UnsupportedOperatorError';
  readonly operators: string[];
  constructor(problems: Problem[], operators: string[]) {
    super(problems);
    this.operators = operators;
  }
}

/** The rule nests deeper than `maxDepth` or has more than `maxNodes` nodes. */
export class RuleLimitError extends InvalidRuleError {
  override name = 'RuleLimitError';
  readonly limit: 'maxDepth' | 'maxNodes';
  readonly value: number;
  constructor(problem: Problem, limit: 'maxDepth' | 'maxNodes', value: number) {
    super([problem]);
    this.limit = limit;
    this.value = value;
  }
}
