import { describe, expect, it } from 'vitest';
import { compileJsonLogic, JSON_LOGIC_OPERATORS, jsonLogicTruthy } from '../../../src/rules';

describe('compileJsonLogic', () => {
  it('reports the operators used and the literal data paths read', () => {
    const rule = {
      and: [
        { '>=': [{ var: 'monetary_total' }, 500] },
        { '<=': [{ var: ['recency_days', 999] }, 90] },
        { missing_some: [1, ['email', 'phone']] },
        { some: [{ var: 'orders' }, { '>': [{ var: 'amount' }, 100] }] }, // "amount" is read from each order
        { '==': [{ var: { cat: ['seg', '_a'] } }, 1] }, // computed path: not listed
        { in: [{ var: 1 }, { var: '' }] },
      ],
    };
    const compiled = compileJsonLogic(rule);
    expect(compiled.operators).toEqual(['and', '>=', 'var', '<=', 'missing_some', 'some', '>', '==', 'cat', 'in']);
    expect(compiled.vars).toEqual(['monetary_total', 'recency_days', 'email', 'phone', 'orders', '1', '']);
  });

  it('compiles once: changing the rule object afterwards changes nothing', () => {
    const rule = { and: [{ '>=': [{ var: 'm' }, 500] }, { '<=': [{ var: 'r' }, 90] }] };
    const compiled = compileJsonLogic(rule);
    rule.and[0] = { '>=': [{ var: 'm' }, 0] };
    (rule as Record<string, unknown>).or = [];
    expect(compiled.evaluate({ m: 100, r: 10 })).toBe(false);
    expect(compiled.evaluate({ m: 600, r: 10 })).toBe(true);
  });

  it('returns literal arrays frozen, so a caller cannot change the next result', () => {
    const compiled = compileJsonLogic({ if: [{ var: 'x' }, ['a', ['b']], []] });
    const out = compiled.evaluate({ x: 1 }) as string[];
    expect(out).toEqual(['a', ['b']]);
    expect(Object.isFrozen(out) && Object.isFrozen(out[1])).toBe(true);
    expect(() => out.push('c')).toThrow(TypeError);
    expect(compiled.evaluate({ x: 1 })).toEqual(['a', ['b']]);
    // operators that build arrays return fresh ones
    const merged = compileJsonLogic({ merge: [['a'], { var: 'x' }] });
    const first = merged.evaluate({ x: 1 }) as unknown[];
    first.push('z');
    expect(merged.evaluate({ x: 1 })).toEqual(['a', 1]);
  });

  it('follows json-logic-js on the edge cases the suite does not cover', () => {
    const run = (rule: unknown, data: unknown = {}) => compileJsonLogic(rule).evaluate(data);
    expect(run({ '*': ['1'] })).toBe('1'); // a one-element reduce returns the element unparsed
    expect(run({ '*': ['2', '3', 4] })).toBe(24);
    expect(run({ '+': [] })).toBe(0);
    expect(run({ '+': ['3px', true] })).toBeNaN();
    expect(run({ and: [] })).toBeUndefined();
    expect(run({ or: [] })).toBeUndefined();
    expect(run({ min: [] })).toBe(Infinity);
    expect(run({ max: ['3', null] })).toBe(3);
    expect(run({ '-': [] })).toBeNaN();
    expect(run({ in: ['', ''] })).toBe(false);
    expect(run({ in: [1, { var: 'o' }] }, { o: { indexOf: 1 } })).toBe(false);
    expect(run({ var: ['a', 'dflt'] }, { a: null })).toBeNull(); // a stored null is a value
    expect(run({ var: 'a.length' }, { a: [1, 2, 3] })).toBe(3); // an own property of arrays
    expect(run({ var: 'a.1' }, { a: 'xyz' })).toBe('y');
    expect(run({ reduce: [{ var: 'xs' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }] }, { xs: [1, 2] })).toBeNaN(); // no initial value: null, and parseFloat(null) is NaN
  });

  it('uses a Set for long literal lists with the same answers as indexOf', () => {
    const list = Array.from({ length: 40 }, (_, i) => (i % 2 ? `c${i}` : i));
    const compiled = compileJsonLogic({ in: [{ var: 'x' }, list] });
    for (const x of [0, 2, 'c1', 'c39', '0', 1, 'c2', -0, null, [0]]) expect(compiled.evaluate({ x }), String(x)).toBe(list.indexOf(x as never) !== -1);
  });

  it('converts JSON objects and arrays like JavaScript, without calling their methods', () => {
    const run = (rule: unknown, data: unknown) => compileJsonLogic(rule).evaluate(data);
    // JSON data may have keys named toString / valueOf: JavaScript's own conversion would throw here
    const odd = JSON.parse('{"o": {"toString": 1, "valueOf": 2}, "xs": [{"toString": 0}, 2]}') as unknown;
    expect(run({ '==': [{ var: 'o' }, '[object Object]'] }, odd)).toBe(true);
    expect(run({ cat: [{ var: 'xs' }, '!'] }, odd)).toBe('[object Object],2!');
    expect(run({ '<': [{ var: 'o' }, 1] }, odd)).toBe(false);
    expect(run({ '+': [{ var: 'o' }, 1] }, odd)).toBeNaN();
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = Object.create(null);
    expect(run({ '==': [{ var: 'k' }, '[object Object]'] }, bare)).toBe(true);
    expect(run({ '!=': [{ var: '' }, 1] }, bare)).toBe(true);
    expect(run({ in: [{ var: 'k' }, 'x[object Object]'] }, bare)).toBe(true);
    // and as json-logic-js does for ordinary arrays
    expect(run({ '==': [{ var: 'a' }, '1,2'] }, { a: [1, 2] })).toBe(true);
    expect(run({ '==': [{ var: 'a' }, 1] }, { a: [1] })).toBe(true);
    expect(run({ '==': [{ var: 'a' }, [1]] }, { a: [1] })).toBe(false); // two arrays: identity
    expect(run({ '>': [{ var: 'a' }, 1] }, { a: [2] })).toBe(true);
    expect(run({ '+': [{ var: 'a' }, 1] }, { a: [2] })).toBe(3);
  });

  it('exports the operator list and JSON Logic truthiness', () => {
    expect(JSON_LOGIC_OPERATORS).toHaveLength(34);
    expect([[], [0], '', '0', 0, null].map(jsonLogicTruthy)).toEqual([false, true, false, true, false, false]);
  });
});
