import { usageError, type Problem } from '../../core/errors';
import { parseCondition, type Condition, type FieldTypes } from '../Condition';
import { InvalidRuleError } from '../jsonLogic/errors';
import { assertSqlDialect, type SqlDialect } from './SqlDialect';
import { quoteIdentifier } from './quoteIdentifier';
import { quoteLiteral } from './quoteLiteral';
import { dialectNumber } from './sqlNumber';

export interface ConditionToSqlOptions {
  /** SQL expression for a field (default: the field name as a quoted identifier of the dialect). */
  column?: (field: string) => string;
  /**
   * Declared field types (required): the condition is checked with parseCondition against them first, so
   * every comparison is typed (a number literal against a text column is refused here, not by the warehouse).
   */
  fields: FieldTypes;
}

/**
 * A condition of the rule subset (see Condition.ts) as a SQL boolean expression of the dialect that is
 * never NULL and holds exactly when the JSON Logic evaluator's result is truthy:
 * - `<`, `<=`, `>`, `>=`: `COALESCE(f, 0) < 5` (a missing number counts as 0, as in JavaScript);
 *   `{"<": [1, f, 5]}` is `(1 < COALESCE(f, 0) AND COALESCE(f, 0) < 5)`;
 * - `==`: `COALESCE(f = v, FALSE)` (missing equals nothing); `!=`: `(f IS NULL OR f <> v)`;
 * - `{"==": [f, null]}`: `f IS NULL`; `{"!=": [f, null]}`: `f IS NOT NULL`;
 * - `in`: `COALESCE(f IN (a, b), FALSE)`; an empty list is `FALSE`;
 * - `and` / `or`: `(a AND b)` / `(a OR b)`; `!`: `NOT (a)`; `true` / `false`: `TRUE` / `FALSE`.
 * ClickHouse, whose comparisons return UInt8 and which has no TRUE / FALSE literals before 21.x (checked
 * on 18.16), gets `1` / `0` for them and `0` as COALESCE's default. Throws InvalidRuleError (with the path) for anything outside the subset or not of
 * the declared types, UsageError without `options.fields`.
 */
export function conditionToSql(condition: Condition, dialect: SqlDialect, options: ConditionToSqlOptions): string {
  assertSqlDialect(dialect);
  // Untyped SQL mixes types: {"==": [cat, 30]} on a text column gives `"cat" = 30`, which DuckDB refuses
  // while the evaluator answers loosely ("30" == 30). So the types are not optional.
  const fields = options?.fields;
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) {
    throw usageError('conditionToSql', `options.fields is required: the type of every field the condition reads, e.g. { fields: { recency_days: 'number', city: 'string' } } (got ${fields === undefined ? 'none' : JSON.stringify(fields)})`);
  }
  parseCondition(condition, fields);
  const column = options.column ?? ((field: string) => quoteIdentifier(field, dialect));
  const problems: Problem[] = [];
  const sql = new Writer(dialect, column, problems).condition(condition, 'condition');
  if (problems.length) throw new InvalidRuleError(problems);
  return sql;
}

type Operand = { field: string } | { number: number };

class Writer {
  private readonly falseDefault: string;
  /** The dialect's true / false: ClickHouse before 21.x has no TRUE / FALSE literals (its booleans are UInt8 1 / 0). */
  private readonly trueSql: string;
  private readonly falseSql: string;
  constructor(
    private readonly dialect: SqlDialect,
    private readonly column: (field: string) => string,
    private readonly problems: Problem[],
  ) {
    this.falseDefault = dialect === 'clickhouse' ? '0' : 'FALSE';
    this.trueSql = dialect === 'clickhouse' ? '1' : 'TRUE';
    this.falseSql = this.falseDefault;
  }

  /** `NOT …` texts this writer wrote, with what they negate. */
  private readonly negations = new Map<string, string>();

  /** Texts this writer wrapped in parentheses itself, so `NOT` adds none around them. */
  readonly groups = new Set<string>();
  private group(sql: string): string {
    this.groups.add(sql);
    return sql;
  }

  private fail(path: string, message: string): string {
    this.problems.push({ severity: 'error', check: 'rule', message, location: { field: path } });
    return this.falseSql;
  }

  condition(c: unknown, path: string): string {
    if (c === true) return this.trueSql;
    if (c === false) return this.falseSql;
    if (!c || typeof c !== 'object' || Array.isArray(c)) return this.fail(path, `expected a condition object or true/false, got ${JSON.stringify(c)}`);
    const keys = Object.keys(c);
    if (keys.length !== 1) return this.fail(path, `a condition has exactly one operator, got ${keys.length ? keys.join(', ') : 'none'}`);
    const op = keys[0]!;
    const args = (c as Record<string, unknown>)[op];
    const at = `${path}${/^[A-Za-z_]\w*$/.test(op) ? `.${op}` : `[${JSON.stringify(op)}]`}`;
    switch (op) {
      case 'and':
      case 'or': {
        if (!Array.isArray(args) || args.length === 0) return this.fail(at, `"${op}" needs a non-empty list of conditions`);
        const parts = args.map((a, i) => this.condition(a, `${at}[${i}]`));
        if (parts.length === 1) return parts[0]!;
        return this.group(`(${parts.join(op === 'and' ? ' AND ' : ' OR ')})`);
      }
      case '!': {
        const list = Array.isArray(args);
        if (list && args.length !== 1) return this.fail(at, '"!" takes one condition');
        const inner = this.condition(list ? args[0] : args, list ? `${at}[0]` : at);
        // ClickHouse 18.x loses `NOT (NOT (a AND b))` in a query over a Distributed table ("Not found
        // column not(not(and(…))) in block"); a condition is never NULL, so NOT NOT x is x.
        if (this.dialect === 'clickhouse' && this.negations.has(inner)) return this.negations.get(inner)!;
        const out = `NOT ${this.groups.has(inner) ? inner : `(${inner})`}`;
        this.negations.set(out, inner);
        return out;
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const three = (op === '<' || op === '<=') && Array.isArray(args) && args.length === 3;
        if (!Array.isArray(args) || !(args.length === 2 || three)) return this.fail(at, `"${op}" takes [field, number]${op === '<' || op === '<=' ? ' or [number, field, number]' : ''}`);
        const ops = args.map((a, i) => this.operand(a, `${at}[${i}]`));
        if (ops.some((o) => o === null)) return this.falseSql;
        if (!ops.some((o) => 'field' in o!)) return this.fail(at, `"${op}" compares a field with numbers`);
        const sides = (ops as Operand[]).map((o) => ('field' in o ? `COALESCE(${this.column(o.field)}, 0)` : dialectNumber(o.number, this.dialect)));
        if (sides.length === 2) return `${sides[0]} ${op} ${sides[1]}`;
        return this.group(`(${sides[0]} ${op} ${sides[1]} AND ${sides[1]} ${op} ${sides[2]})`);
      }
      case '==':
      case '!=': {
        if (!Array.isArray(args) || args.length !== 2) return this.fail(at, `"${op}" takes [field, literal]`);
        if (args[1] === null) {
          const missing = this.field(args[0], `${at}[0]`);
          if (missing === null) return this.falseSql;
          return `${this.column(missing)} ${op === '==' ? 'IS NULL' : 'IS NOT NULL'}`;
        }
        const field = this.field(args[0], `${at}[0]`);
        const literal = this.literal(args[1], `${at}[1]`);
        if (field === null || literal === null) return this.falseSql;
        const col = this.column(field);
        return op === '==' ? `COALESCE(${col} = ${literal}, ${this.falseDefault})` : this.group(`(${col} IS NULL OR ${col} <> ${literal})`);
      }
      case 'in': {
        if (!Array.isArray(args) || args.length !== 2 || !Array.isArray(args[1])) return this.fail(at, '"in" takes [field, [literal, …]]');
        const field = this.field(args[0], `${at}[0]`);
        const items = (args[1] as unknown[]).map((v, i) => this.literal(v, `${at}[1][${i}]`));
        if (field === null || items.some((v) => v === null)) return this.falseSql;
        const kinds = new Set((args[1] as unknown[]).map((v) => typeof v));
        if (kinds.size > 1) return this.fail(`${at}[1]`, '"in" needs a list of literals of one type');
        if (items.length === 0) return this.falseSql;
        // ClickHouse 18.x looks a float up in an IN set by its bits, so -0 is not IN (0); `+ 0` makes it +0.
        const col = this.dialect === 'clickhouse' && kinds.has('number') ? `(${this.column(field)} + 0)` : this.column(field);
        return `COALESCE(${col} IN (${items.join(', ')}), ${this.falseDefault})`;
      }
      default:
        return this.fail(at, `operator "${op}" is not allowed in segment rules`);
    }
  }

  private field(x: unknown, path: string): string | null {
    if (x && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 1 && typeof (x as { var?: unknown }).var === 'string' && (x as { var: string }).var !== '') {
      return (x as { var: string }).var;
    }
    this.fail(path, 'expected a field reference {"var": "<name>"}');
    return null;
  }

  private literal(x: unknown, path: string): string | null {
    if ((typeof x === 'number' && Number.isFinite(x)) || typeof x === 'string') {
      try {
        return quoteLiteral(x, this.dialect);
      } catch (e) {
        this.fail(path, (e as Error).message);
        return null;
      }
    }
    this.fail(path, `expected a finite number or a string literal, got ${JSON.stringify(x)}`);
    return null;
  }

  private operand(x: unknown, path: string): Operand | null {
    if (typeof x === 'number') {
      if (Number.isFinite(x)) return { number: x };
      this.fail(path, `expected a finite number, got ${String(x)}`);
      return null;
    }
    const field = this.field(x, path);
    return field === null ? null : { field };
  }
}
