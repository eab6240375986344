import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileJsonLogic } from '../../../src/rules';

// json-logic-js is not installed here, so the property compares against this small, obviously-direct
// interpreter of json-logic-js's semantics for the grammar below (re-reading the rule on every call).
// Its `var` reads own properties only, as the compiled evaluator does by design.
type Any = any;
const truthy = (v: unknown): boolean => (Array.isArray(v) && v.length === 0 ? false : !!v);

function reference(rule: unknown, data: unknown): unknown {
  if (Array.isArray(rule)) return rule.map((r) => reference(r, data));
  if (rule === null || typeof rule !== 'object') return rule;
  const op = Object.keys(rule)[0]!;
  let values = (rule as Record<string, unknown>)[op];
  if (!Array.isArray(values)) values = [values];
  const vs = values as unknown[];
  if (op === 'and' || op === 'or') {
    let current: unknown;
    for (const v of vs) {
      current = reference(v, data);
      if (truthy(current) === (op === 'or')) return current;
    }
    return current;
  }
  const [a, b, c] = vs.map((v) => reference(v, data)) as [Any, Any, Any];
  switch (op) {
    case 'var': {
      const notFound = b === undefined ? null : b;
      if (a === undefined || a === '' || a === null) return data;
      let d: Any = data;
      for (const key of String(a).split('.')) {
        if (d === null || d === undefined) return notFound;
        d = Object.prototype.hasOwnProperty.call(d, key) ? d[key] : undefined;
        if (d === undefined) return notFound;
      }
      return d;
    }
    case '==': return a == b;
    case '===': return a === b;
    case '!=': return a != b;
    case '!==': return a !== b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return c === undefined ? a < b : a < b && b < c;
    case '<=': return c === undefined ? a <= b : a <= b && b <= c;
    case '!': return !truthy(a);
    case '!!': return truthy(a);
    case 'in': return !b || typeof b.indexOf === 'undefined' ? false : b.indexOf(a) !== -1;
    default: throw new Error(`reference: no operator ${op}`);
  }
}

// ---- the grammar ----
const primitive = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -1.5),
  fc.constantFrom('', '0', '1', '2', 'a', 'ab', 'b', ' '),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof({ weight: 4, arbitrary: primitive }, { weight: 1, arbitrary: fc.array(primitive, { maxLength: 3 }) });
const record = fc.record(
  { a: value, b: value, c: value, o: fc.oneof(fc.record({ x: value, y: value }, { requiredKeys: [] }), value) },
  { requiredKeys: [] },
);
const path = fc.constantFrom('a', 'b', 'c', 'd', 'o.x', 'o.y', 'o', '', 'a.0', 'constructor', 'o.toString');
const varRule = fc.oneof(
  path.map((p) => ({ var: p })),
  path.map((p) => ({ var: [p] })),
  fc.tuple(path, primitive).map(([p, dflt]) => ({ var: [p, dflt] })),
);
const leaf = fc.oneof({ weight: 3, arbitrary: varRule }, { weight: 2, arbitrary: primitive }, { weight: 1, arbitrary: fc.array(primitive, { maxLength: 3 }) });
const COMPARISONS = ['==', '===', '!=', '!==', '>', '>=', '<', '<='] as const;

function level(inner: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    fc.tuple(fc.constantFrom('and', 'or'), fc.array(inner, { maxLength: 4 })).map(([op, xs]) => ({ [op]: xs })),
    fc.tuple(fc.constantFrom('!', '!!'), inner, fc.boolean()).map(([op, x, wrap]) => ({ [op]: wrap ? [x] : x })),
    fc.tuple(fc.constantFrom(...COMPARISONS), inner, inner).map(([op, x, y]) => ({ [op]: [x, y] })),
    fc.tuple(fc.constantFrom('<', '<='), inner, inner, inner).map(([op, x, y, z]) => ({ [op]: [x, y, z] })),
    fc.tuple(inner, fc.oneof(inner, fc.array(primitive, { maxLength: 20 }))).map(([x, y]) => ({ in: [x, y] })),
  );
}
let ruleArb: fc.Arbitrary<unknown> = leaf;
for (let d = 0; d < 4; d++) ruleArb = level(ruleArb);

describe('compiled evaluator = straightforward interpreter (property)', () => {
  it('agrees on random rules and records', () => {
    let rowsChecked = 0;
    fc.assert(
      fc.property(ruleArb, fc.array(record, { minLength: 1, maxLength: 8 }), (rule, rows) => {
        const compiled = compileJsonLogic(rule);
        for (const row of rows) expect(compiled.evaluate(row)).toEqual(reference(rule, row));
        rowsChecked += rows.length;
      }),
      { numRuns: 3000, seed: 20240611 },
    );
    expect(rowsChecked).toBeGreaterThanOrEqual(3000);
  });

  it('an Object.create(null) record gives what the same plain record gives; no data is handled too', () => {
    // (the reference, using JavaScript's operators, would throw converting a null-prototype record)
    fc.assert(
      fc.property(ruleArb, record, (rule, row) => {
        const bare = Object.assign(Object.create(null) as object, row);
        const compiled = compileJsonLogic(rule);
        expect(compiled.evaluate(bare)).toEqual(compiled.evaluate(row));
        expect(compiled.evaluate(undefined)).toEqual(reference(rule, undefined));
        expect(compiled.evaluate(null)).toEqual(reference(rule, null));
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
