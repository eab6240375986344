import type { Problem } from '../../core/errors';
import { InvalidRuleError, RuleLimitError, UnsupportedOperatorError } from './errors';
import { JSON_LOGIC_OPERATORS } from './operators';

/**
 * The largest maxDepth allowed: compiling and evaluating recurse once per level, and about 1,400 levels
 * exhaust Node's default stack. 1000 leaves room for the caller's own frames.
 */
export const MAX_DEPTH_LIMIT = 1000;

/** Problems collected before compilation gives up and reports them all. */
const MAX_PROBLEMS = 20;

/** Why the operators of json-logic-js that are left out are left out. */
const EXCLUDED: Readonly<Record<string, string>> = {
  log: 'it writes to the console',
  method: 'it calls methods of values and is unsafe (json-logic-js removed it)',
};

/** State of one compilation: limits, the allowlist, what the rule uses, and the problems found. */
export class CompileContext {
  readonly operatorsUsed = new Set<string>();
  readonly varsRead = new Set<string>();
  private nodes = 0;
  private readonly problems: Problem[] = [];
  private readonly unsupported = new Set<string>();

  constructor(
    readonly maxDepth: number,
    readonly maxNodes: number,
    private readonly allowed: ReadonlySet<string>,
  ) {}

  isAllowed(operator: string): boolean {
    return this.allowed.has(operator);
  }

  /** Count one node; throws as soon as the rule has more than maxNodes nodes. */
  countNode(path: string): void {
    if (++this.nodes <= this.maxNodes) return;
    throw new RuleLimitError(
      {
        severity: 'error',
        check: 'too-many-nodes',
        message: `the rule has more than maxNodes = ${this.maxNodes} nodes (operators, arrays and values)`,
        location: { field: path },
        hint: `split the rule, or raise the limit for a trusted rule: compileJsonLogic(rule, { maxNodes: ${this.maxNodes * 10} })`,
      },
      'maxNodes',
      this.maxNodes,
    );
  }

  /** Check the nesting depth of an operator or array at `path` (the root is depth 1). */
  checkDepth(depth: number, path: string): void {
    if (depth <= this.maxDepth) return;
    throw new RuleLimitError(
      {
        severity: 'error',
        check: 'too-deep',
        message: `the rule nests operators / arrays deeper than maxDepth = ${this.maxDepth}`,
        location: { field: path },
        hint:
          this.maxDepth >= MAX_DEPTH_LIMIT
            ? `flatten the rule (e.g. one "and" with many arguments): ${MAX_DEPTH_LIMIT} is the largest limit the JavaScript stack allows`
            : `flatten the rule (e.g. one "and" with many arguments), or raise the limit for a trusted rule: compileJsonLogic(rule, { maxDepth: ${Math.min(this.maxDepth * 2, MAX_DEPTH_LIMIT)} })`,
      },
      'maxDepth',
      this.maxDepth,
    );
  }

  problem(check: string, path: string, message: string, hint?: string): void {
    this.problems.push({ severity: 'error', check, message, location: { field: path }, ...(hint ? { hint } : {}) });
    if (this.problems.length >= MAX_PROBLEMS) this.throwIfProblems();
  }

  unsupportedOperator(operator: string, path: string): void {
    this.unsupported.add(operator);
    const known = (JSON_LOGIC_OPERATORS as readonly string[]).includes(operator);
    const excluded = Object.prototype.hasOwnProperty.call(EXCLUDED, operator) ? EXCLUDED[operator] : undefined;
    const message = known
      ? `operator ${JSON.stringify(operator)} is not allowed by options.operators`
      : excluded
        ? `operator ${JSON.stringify(operator)} is not supported: ${excluded}`
        : `unknown operator ${JSON.stringify(operator)}`;
    const hint = known
      ? `add ${JSON.stringify(operator)} to options.operators, or rewrite the rule without it`
      : `supported operators: ${[...this.allowed].join(' ')}`;
    this.problem('unsupported-operator', path, message, hint);
  }

  recordVar(path: string): void {
    this.varsRead.add(path);
  }

  throwIfProblems(): void {
    if (!this.problems.length) return;
    const problems = [...this.problems];
    if (this.unsupported.size) throw new UnsupportedOperatorError(problems, [...this.unsupported]);
    throw new InvalidRuleError(problems);
  }
}
