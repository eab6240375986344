import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { evaluateRules, fidelityReport, firstMatchingRule, type SegmentRule } from '../../../src/rules';

/** The evaluator reads only id and condition; a rule still carries its names in both languages. */
const names = (name: string) => ({ en: name, fr: name });

describe('evaluateRules', () => {
  const X = Matrix.fromColumns({ a: [1, 5, NaN, 10, 3], b: [0, 2, 2, 7, 1] });
  const a = { var: 'a' };
  const b = { var: 'b' };
  it('first match wins; NaN counts as 0 in comparisons; unmatched rows get the fallback', () => {
    const rules: SegmentRule[] = [
      { id: 1, names: names('high a'), condition: { '>=': [a, 5] } },
      { id: 2, names: names('low a or b = 2'), condition: { or: [{ '<': [a, 2] }, { '==': [b, 2] }] } },
      { id: 3, names: names('between'), condition: { '<=': [2, a, 3] } },
    ];
    expect(Array.from(evaluateRules(rules, 9, X))).toEqual([2, 1, 2, 1, 3]);
    expect(Array.from(firstMatchingRule(rules.slice(0, 1), X))).toEqual([-1, 0, -1, 0, -1]);
    expect(Array.from(evaluateRules([{ id: 4, names: names(''), condition: { '!': [{ '<': [0, a, 4] }] } }], 0, X))).toEqual([0, 4, 4, 4, 0]);
    expect(Array.from(evaluateRules([{ id: 4, names: names(''), condition: { in: [b, [1, 7]] } }], 0, X))).toEqual([0, 0, 0, 4, 4]);
    expect(Array.from(evaluateRules([{ id: 4, names: names(''), condition: { '!=': [a, 1] } }], 0, X))).toEqual([0, 4, 4, 4, 4]);
  });
  it('refuses text literals and unknown fields', () => {
    expect(() => evaluateRules([{ id: 1, names: names(''), condition: { '==': [a, 'x'] } }], 0, X)).toThrow(/read "a" as text/);
    expect(() => evaluateRules([{ id: 1, names: names(''), condition: { '>': [{ var: 'zz' }, 1] } }], 0, X)).toThrow(/"zz"/);
  });
});

describe('fidelityReport', () => {
  it('matches the numbers computed by hand', () => {
    const predicted = [0, 0, 1, 1, 2, 2];
    const actual = [0, 1, 1, 1, 2, 0];
    const r = fidelityReport(predicted, actual, [0, 1, 2], { matched: [1, 1, 1, 1, 0, 1] });
    expect(r.accuracy).toBeCloseTo(4 / 6, 12);
    expect(r.coverage).toBeCloseTo(5 / 6, 12);
    expect(r.perSegment).toEqual([
      { id: 0, precision: 0.5, recall: 0.5, support: 2 },
      { id: 1, precision: 1, recall: 2 / 3, support: 3 },
      { id: 2, precision: 0.5, recall: 1, support: 1 },
    ]);
    expect(r.confusion).toEqual({ ids: [0, 1, 2], counts: [[1, 0, 1], [1, 2, 0], [0, 0, 1]] });
    // Without `matched`, the fallback id marks the rows no rule took.
    expect(fidelityReport(predicted, actual, [0, 1, 2], { fallbackId: 2 }).coverage).toBeCloseTo(4 / 6, 12);
  });
  it('gives 0 precision / recall for a segment nobody is put in or belongs to', () => {
    const r = fidelityReport([1, 1], [1, 1], [1, 5]);
    expect(r.perSegment[1]).toEqual({ id: 5, precision: 0, recall: 0, support: 0 });
    expect(r.confusion.ids).toEqual([1, 5]);
  });
});
