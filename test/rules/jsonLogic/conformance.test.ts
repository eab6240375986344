import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileJsonLogic, isJsonLogicOperator, UnsupportedOperatorError } from '../../../src/rules';

// The official JSON Logic test suite (json-logic-js's tests.json), read where it is shared, not copied.
// Each entry is [rule, data, expected]; a string is a section comment.
const SUITE = join(__dirname, '..', '..', '..', '..', 'shared', 'conformance', 'jsonlogic-tests.json');

interface Case {
  section: string;
  index: number;
  rule: unknown;
  data: unknown;
  expected: unknown;
}

function loadCases(): Case[] {
  const entries = JSON.parse(readFileSync(SUITE, 'utf8')) as unknown[];
  const cases: Case[] = [];
  let section = '(top)';
  entries.forEach((entry, index) => {
    if (typeof entry === 'string') section = entry;
    else {
      const [rule, data, expected] = entry as [unknown, unknown, unknown];
      cases.push({ section, index, rule, data, expected });
    }
  });
  return cases;
}

/** Every operator name a rule uses (one-key objects, anywhere in it). */
function operatorsOf(rule: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(rule)) for (const r of rule) operatorsOf(r, out);
  else if (rule !== null && typeof rule === 'object') {
    const keys = Object.keys(rule);
    if (keys.length === 1) out.add(keys[0]!);
    for (const v of Object.values(rule)) operatorsOf(v, out);
  }
  return out;
}

const cases = loadCases();
const unsupportedOf = (c: Case) => [...operatorsOf(c.rule)].filter((op) => !isJsonLogicOperator(op));

/**
 * Cases refused by design, each with its reason. Currently none: the suite uses only operators this
 * evaluator supports (it leaves out `log`, which prints, and `method`, which is unsafe; the suite
 * tests neither).
 */
const EXPECTED_REFUSED: ReadonlyArray<{ index: number; operator: string; why: string }> = [];

describe('official JSON Logic suite (../shared/conformance/jsonlogic-tests.json)', () => {
  it('has the cases we expect to read', () => {
    expect(cases.length).toBeGreaterThan(250);
  });

  it.each(cases.map((c) => [`#${c.index} ${c.section}: ${JSON.stringify(c.rule).slice(0, 90)}`, c] as const))('%s', (_name, c) => {
    const unsupported = unsupportedOf(c);
    if (unsupported.length === 0) {
      expect(compileJsonLogic(c.rule).evaluate(c.data)).toEqual(c.expected);
    } else {
      let error: unknown;
      try {
        compileJsonLogic(c.rule);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnsupportedOperatorError);
      expect((error as UnsupportedOperatorError).operators).toEqual(expect.arrayContaining(unsupported));
      for (const op of unsupported) expect((error as Error).message).toContain(JSON.stringify(op));
    }
  });

  it('passes every supported case and refuses only the justified ones', () => {
    let passed = 0;
    const refused: Array<{ index: number; operators: string[] }> = [];
    for (const c of cases) {
      const unsupported = unsupportedOf(c);
      if (unsupported.length) {
        expect(() => compileJsonLogic(c.rule)).toThrow(UnsupportedOperatorError);
        refused.push({ index: c.index, operators: unsupported });
      } else {
        const rule = compileJsonLogic(c.rule);
        // evaluated twice: a compiled rule keeps no state between rows
        expect(rule.evaluate(c.data)).toEqual(c.expected);
        expect(rule.evaluate(c.data)).toEqual(c.expected);
        passed++;
      }
    }
    console.log(`JSON Logic conformance: ${passed} of ${cases.length} cases pass, ${refused.length} refused at compile time` +
      (refused.length ? `: ${refused.map((r) => `#${r.index} (${r.operators.join(', ')})`).join('; ')}` : ''));
    expect(refused.map((r) => r.index)).toEqual(EXPECTED_REFUSED.map((r) => r.index));
    expect(passed + refused.length).toBe(cases.length);
  });
});
