/**
 * The JSON Logic operators this evaluator supports: every operator of the reference implementation
 * (json-logic-js 2.x) except `log` (writes to the console) and `method` (calls an arbitrary method of a
 * value; removed from json-logic-js itself because it is unsafe).
 */
export const JSON_LOGIC_OPERATORS = [
  // data access
  'var',
  'missing',
  'missing_some',
  // logic and conditionals
  'if',
  '?:',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'or',
  'and',
  // numeric comparison (`<` and `<=` also take 3 arguments: a < b < c)
  '>',
  '>=',
  '<',
  '<=',
  // arithmetic
  'max',
  'min',
  '+',
  '-',
  '*',
  '/',
  '%',
  // strings and membership
  'in',
  'cat',
  'substr',
  // arrays
  'merge',
  'map',
  'filter',
  'reduce',
  'all',
  'none',
  'some',
] as const;

export type JsonLogicOperator = (typeof JSON_LOGIC_OPERATORS)[number];

const KNOWN: ReadonlySet<string> = new Set(JSON_LOGIC_OPERATORS);

/** True for a name in JSON_LOGIC_OPERATORS (a Set lookup: "constructor" or "__proto__" are never operators). */
export function isJsonLogicOperator(name: string): name is JsonLogicOperator {
  return KNOWN.has(name);
}
