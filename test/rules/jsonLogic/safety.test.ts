import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors';
import { compileJsonLogic, InvalidRuleError, RuleLimitError, UnsupportedOperatorError } from '../../../src/rules';

const PROTO_PATHS = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'constructor.prototype', '__proto__.polluted', 'constructor.name', 'toString.call'];

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('var reads own properties only', () => {
  const plain = { a: 1, nested: { b: 2 } };
  const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1, nested: Object.assign(Object.create(null) as object, { b: 2 }) });
  const list = ['x', 'y'];
  const datasets: Array<[string, unknown]> = [
    ['a plain object', plain],
    ['an Object.create(null) object', bare],
    ['an array', list],
    ['a string', 'text'],
    ['a number', 42],
    ['null', null],
  ];

  for (const [label, data] of datasets) {
    it(`prototype names on ${label} give null, or the default`, () => {
      for (const path of PROTO_PATHS) {
        expect(compileJsonLogic({ var: path }).evaluate(data), path).toBeNull();
        expect(compileJsonLogic({ var: [path, 'fallback'] }).evaluate(data), path).toBe('fallback');
        expect(compileJsonLogic({ var: `nested.${path}` }).evaluate(data), path).toBeNull();
        // a path computed at run time goes through the same lookup
        expect(compileJsonLogic({ var: { cat: ['', path] } }).evaluate(data), path).toBeNull();
        expect(compileJsonLogic({ missing: [path] }).evaluate(data), path).toEqual([path]);
      }
    });
  }

  it('own data still reads, including keys named like prototype members', () => {
    expect(compileJsonLogic({ var: 'nested.b' }).evaluate(plain)).toBe(2);
    expect(compileJsonLogic({ var: 'nested.b' }).evaluate(bare)).toBe(2);
    expect(compileJsonLogic({ var: 1 }).evaluate(list)).toBe('y');
    const own = JSON.parse('{"constructor": "mine", "__proto__": {"x": 1}, "toString": 5}') as unknown;
    expect(compileJsonLogic({ var: 'constructor' }).evaluate(own)).toBe('mine');
    expect(compileJsonLogic({ var: '__proto__.x' }).evaluate(own)).toBe(1);
    expect(compileJsonLogic({ '+': [{ var: 'toString' }, 1] }).evaluate(own)).toBe(6);
  });

  it('nothing is written to Object.prototype, whatever the rule and data', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const rules: unknown[] = [
      { merge: [{ var: '__proto__' }, { var: 'constructor.prototype' }] },
      { map: [{ var: 'items' }, { var: '__proto__' }] },
      { reduce: [{ var: 'items' }, { cat: [{ var: 'accumulator' }, { var: 'current.__proto__' }] }, ''] },
      { missing_some: [1, ['__proto__', 'constructor.prototype.polluted']] },
      { var: '__proto__.polluted' },
    ];
    const data = JSON.parse('{"__proto__": {"polluted": true}, "items": [{"__proto__": {"polluted": 1}}]}') as unknown;
    for (const r of rules) compileJsonLogic(r).evaluate(data);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('operator names that are prototype members are unknown operators, not lookups', () => {
    for (const op of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const rule = JSON.parse(`{${JSON.stringify(op)}: [1]}`) as unknown;
      const e = thrown(() => compileJsonLogic(rule));
      expect(e, op).toBeInstanceOf(UnsupportedOperatorError);
      expect(e.message).toContain(`unknown operator ${JSON.stringify(op)}`);
    }
  });

  it('data is never interpreted as logic', () => {
    const data = { keys: [{ var: 'secret' }], secret: 'x', rule: { '==': [1, 1] } };
    expect(compileJsonLogic({ var: 'rule' }).evaluate(data)).toEqual({ '==': [1, 1] });
    expect(compileJsonLogic({ missing: { var: 'keys' } }).evaluate(data)).toEqual([{ var: 'secret' }]);
  });
});

describe('size limits', () => {
  const nested = (levels: number): unknown => {
    let r: unknown = true;
    for (let i = 0; i < levels; i++) r = { '!': [r] };
    return r;
  };

  it('accepts 64 nested operators and refuses 65 with the limit and how to raise it', () => {
    expect(compileJsonLogic(nested(64)).evaluate(null)).toBe(true);
    const e = thrown(() => compileJsonLogic(nested(65)));
    expect(e).toBeInstanceOf(RuleLimitError);
    expect(e).toBeInstanceOf(InputError);
    expect((e as RuleLimitError).limit).toBe('maxDepth');
    expect(e.message).toContain('maxDepth = 64');
    expect(e.message).toContain('{ maxDepth: 128 }');
    expect(compileJsonLogic(nested(65), { maxDepth: 65 }).evaluate(null)).toBe(false);
  });

  it('counts nested arrays as depth too, and stops deep or cyclic input without a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(thrown(() => compileJsonLogic(deep))).toBeInstanceOf(RuleLimitError);
    const cyclic: Record<string, unknown[]> = { and: [] };
    cyclic.and!.push(cyclic);
    expect((thrown(() => compileJsonLogic(cyclic)) as RuleLimitError).limit).toBe('maxDepth');
  });

  it('a large maxDepth never ends in a JavaScript stack overflow: deep input gets the limit error', () => {
    // 2,000 levels overflowed the stack with { maxDepth: 100000 } (RangeError instead of the limit error).
    expect(() => compileJsonLogic(nested(2000), { maxDepth: 100_000 })).toThrow(/options\.maxDepth.*from 1 to 1000/);
    const e = thrown(() => compileJsonLogic(nested(5000), { maxDepth: 1000 }));
    expect(e).toBeInstanceOf(RuleLimitError);
    expect(e.message).toContain('maxDepth = 1000');
    expect(e.message).toContain('the largest limit'); // no advice to raise it past what the stack holds
    // The depth is measured before compiling: the path names the first node too deep.
    expect((e as RuleLimitError).problems[0]!.location!.field).toBe(`rule${'["!"][0]'.repeat(1000)}`);
    // Up to the largest limit, rules compile and evaluate (inside a test runner's deeper stack too).
    expect(compileJsonLogic(nested(999), { maxDepth: 1000 }).evaluate(null)).toBe(false);
    let and: unknown = { '>': [{ var: 'x' }, 1] };
    for (let i = 0; i < 998; i++) and = { and: [and, true] }; // depth 1000 with the comparison and its var
    expect(compileJsonLogic(and, { maxDepth: 1000 }).evaluate({ x: 2 })).toBe(true);
  });

  it('refuses more than maxNodes nodes and says how to raise it', () => {
    const rule = { and: Array.from({ length: 3000 }, (_, i) => ({ '>': [{ var: `f${i}` }, i] })) };
    const e = thrown(() => compileJsonLogic(rule));
    expect(e).toBeInstanceOf(RuleLimitError);
    expect((e as RuleLimitError).limit).toBe('maxNodes');
    expect(e.message).toContain('maxNodes = 10000');
    expect(e.message).toContain('{ maxNodes: 100000 }');
    expect(compileJsonLogic(rule, { maxNodes: 20_000 }).vars).toHaveLength(3000);
    expect(() => compileJsonLogic([1, 2, 3], { maxNodes: 3 })).toThrow(/maxNodes = 3/);
    expect(compileJsonLogic([1, 2, 3], { maxNodes: 4 }).evaluate(null)).toEqual([1, 2, 3]);
  });
});

describe('rules that are refused at compile time', () => {
  it('names an unknown operator and its path', () => {
    const e = thrown(() => compileJsonLogic({ and: [{ '>': [{ var: 'x' }, 1] }, { frobnicate: [1] }] }));
    expect(e).toBeInstanceOf(UnsupportedOperatorError);
    expect((e as UnsupportedOperatorError).operators).toEqual(['frobnicate']);
    expect(e.message).toContain('unknown operator "frobnicate" at rule.and[1]');
    expect((e as InputError).problems[0]!.location?.field).toBe('rule.and[1]');
    expect((e as InputError).problems[0]!.hint).toContain('supported operators: var missing');
  });

  it('reports every problem, with paths in accessor syntax', () => {
    const e = thrown(() => compileJsonLogic({ or: [{ log: 'x' }, { '>=': [{ nope: 1 }, { a: 1, b: 2 }] }, { '!': { method: [] } }] }));
    expect(e).toBeInstanceOf(UnsupportedOperatorError);
    expect((e as UnsupportedOperatorError).operators).toEqual(['log', 'nope', 'method']);
    expect((e as InputError).problems.map((p) => [p.check, p.location?.field])).toEqual([
      ['unsupported-operator', 'rule.or[0]'],
      ['unsupported-operator', 'rule.or[1][">="][0]'],
      ['not-an-operation', 'rule.or[1][">="][1]'],
      ['unsupported-operator', 'rule.or[2]["!"]'],
    ]);
    expect(e.message).toContain('operator "log" is not supported: it writes to the console');
  });

  it('refuses an operator outside options.operators', () => {
    const e = thrown(() => compileJsonLogic({ map: [{ var: 'xs' }, 1] }, { operators: ['var', 'and'] }));
    expect(e).toBeInstanceOf(UnsupportedOperatorError);
    expect(e.message).toContain('operator "map" is not allowed by options.operators at rule');
    expect(compileJsonLogic({ and: [{ var: 'x' }] }, { operators: ['var', 'and'] }).evaluate({ x: 3 })).toBe(3);
  });

  it('refuses objects that are not one-key operations, and values that are not JSON', () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [{ '==': [1, 1], '!=': [1, 2] }, 'rule', /exactly one key .* has 2: "==", "!="/],
      [{}, 'rule', /empty object/],
      [{ in: ['a', { x: [] , y: [] }] }, 'rule.in[1]', /has 2/],
      [{ '==': [undefined, 1] }, 'rule["=="][0]', /undefined is not a JSON value/],
      [{ var: () => 'x' }, 'rule.var', /a function is not a JSON value/],
      [{ '==': [new Date(0), 1] }, 'rule["=="][0]', /a Date object is not a JSON value/],
      [{ '*': [] }, 'rule', /"\*" needs at least one argument/],
      [{ reduce: [{ var: 'xs' }, { var: 'current' }, { var: 'start' }] }, 'rule.reduce[2]', /initial value of "reduce" must be a literal/],
    ];
    for (const [rule, path, message] of cases) {
      const e = thrown(() => compileJsonLogic(rule));
      expect(e, path).toBeInstanceOf(InvalidRuleError);
      expect(e, path).not.toBeInstanceOf(UnsupportedOperatorError);
      expect((e as InputError).problems[0]!.location?.field).toBe(path);
      expect(e.message).toMatch(message);
    }
  });

  it('validates its options', () => {
    expect(() => compileJsonLogic(true, { maxDepth: 0 })).toThrow(/options.maxDepth.*an integer from 1 to 1000/);
    expect(() => compileJsonLogic(true, { maxNodes: 1.5 })).toThrow(/options.maxNodes/);
    expect(() => compileJsonLogic(true, { operators: ['var', 'log' as 'var'] })).toThrow(/options.operators/);
  });
});
