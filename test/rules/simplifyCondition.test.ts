import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCondition, type Condition } from '../../src/rules/Condition';
import { conditionText } from '../../src/rules/conditionText';
import { simplifyCondition } from '../../src/rules/simplifyCondition';
import { conditionArb, DAYS_FIELDS, FIELDS, holds, recordArb, reference } from './sql/arbitraries';

const v = (name: string) => ({ var: name });

describe('simplifyCondition', () => {
  it('refuses bounds that leave nothing (Bank: pdays > 200 and pdays <= 200), also inside a path of an or', () => {
    const empty: Condition = { and: [{ '<=': [v('housing'), 0] }, { '>': [v('pdays'), 200] }, { '<=': [v('pdays'), 200] }, { '>': [v('age'), 44] }] };
    expect(simplifyCondition(empty)).toBe(false);
    expect(simplifyCondition({ or: [empty, { '>': [v('age'), 60] }] })).toEqual({ '>': [v('age'), 60] });
    expect(simplifyCondition({ '<': [5, v('x'), 5] })).toBe(false);
    expect(simplifyCondition({ '<=': [5, v('x'), 5] })).toEqual({ '<=': [5, v('x'), 5] });
    expect(simplifyCondition({ and: [{ '==': [v('x'), null] }, { '>': [v('x'), 1] }] })).toBe(false); // missing reads 0
    expect(simplifyCondition({ and: [{ '==': [v('x'), null] }, { '!=': [v('x'), null] }] })).toBe(false);
    expect(simplifyCondition({ in: [v('s'), []] })).toBe(false);
  });

  it('merges bounds on a field to the tightest, folds true/false, drops repeats and double negation', () => {
    expect(simplifyCondition({ and: [{ '>': [v('x'), 1] }, { '>=': [v('y'), 0] }, { '>': [v('x'), 3] }, { '<=': [v('x'), 9] }, true] })).toEqual({ and: [{ '>': [v('x'), 3] }, { '<=': [v('x'), 9] }, { '>=': [v('y'), 0] }] });
    expect(simplifyCondition({ and: [{ '>=': [v('x'), 3] }, { '<=': [v('x'), 9] }] })).toEqual({ '<=': [3, v('x'), 9] });
    expect(simplifyCondition({ and: [{ '>=': [v('x'), 3] }, { '>': [v('x'), 3] }] })).toEqual({ '>': [v('x'), 3] });
    expect(simplifyCondition({ or: [false, { '==': [v('s'), 'a'] }, { or: [{ '==': [v('s'), 'a'] }, { '==': [v('s'), 'b'] }] }] })).toEqual({ or: [{ '==': [v('s'), 'a'] }, { '==': [v('s'), 'b'] }] });
    expect(simplifyCondition({ or: [{ '>': [v('x'), 1] }, true] })).toBe(true);
    expect(simplifyCondition({ '!': [{ '!': [{ '>': [v('x'), 1] }] }] })).toEqual({ '>': [v('x'), 1] });
    expect(simplifyCondition({ '!': [{ and: [true, false] }] })).toBe(true);
    // A plain field needs no missing test where reading missing as 0 already answers right.
    expect(simplifyCondition({ and: [{ '!=': [v('x'), null] }, { '>': [v('x'), 5] }] })).toEqual({ '>': [v('x'), 5] });
    expect(simplifyCondition({ and: [{ '!=': [v('x'), null] }, { '<': [v('x'), 5] }] })).toEqual({ and: [{ '!=': [v('x'), null] }, { '<': [v('x'), 5] }] });
  });

  it('writes out that a missing days value is longer than any window', () => {
    const days = { missingAsInfinity: ['days_since_last_session', 'recency_days'] };
    const inactive: Condition = { and: [{ '>=': [v('days_since_last_session'), 90] }, { '>=': [v('recency_days'), 90] }] };
    const explicit = simplifyCondition(inactive, days);
    expect(explicit).toEqual({
      and: [
        { or: [{ '==': [v('days_since_last_session'), null] }, { '>=': [v('days_since_last_session'), 90] }] },
        { or: [{ '==': [v('recency_days'), null] }, { '>=': [v('recency_days'), 90] }] },
      ],
    });
    expect(conditionText(explicit)).toBe('(days_since_last_session is missing or days_since_last_session ≥ 90) and (recency_days is missing or recency_days ≥ 90)');
    // A customer who never had a session nor an order: plain JSON Logic (missing = 0) now says "inactive".
    expect(holds(inactive, {})).toBe(false);
    expect(holds(explicit, {})).toBe(true);
    expect(holds(explicit, { days_since_last_session: 10, recency_days: 200 })).toBe(false);
    expect(simplifyCondition({ '<=': [v('recency_days'), 30] }, days)).toEqual({ and: [{ '!=': [v('recency_days'), null] }, { '<=': [v('recency_days'), 30] }] });
    // A window that starts above 0 excludes a missing value under either reading: no test needed.
    expect(simplifyCondition({ and: [{ '>': [v('recency_days'), 30] }, { '<=': [v('recency_days'), 90] }] }, days)).toEqual({ and: [{ '>': [v('recency_days'), 30] }, { '<=': [v('recency_days'), 90] }] });
    expect(simplifyCondition({ and: [{ '==': [v('recency_days'), null] }, { '<': [v('recency_days'), 90] }] }, days)).toBe(false);
    expect(simplifyCondition({ and: [{ '==': [v('recency_days'), null] }, { '>': [v('recency_days'), 90] }] }, days)).toEqual({ '==': [v('recency_days'), null] });
  });

  it('keeps the meaning (plain and days readings), stays in the subset, and is a fixed point (property)', () => {
    fc.assert(
      fc.property(conditionArb, fc.array(recordArb, { minLength: 1, maxLength: 20 }), (c, records) => {
        const plain = simplifyCondition(c);
        const days = simplifyCondition(c, { missingAsInfinity: DAYS_FIELDS });
        parseCondition(plain, FIELDS);
        parseCondition(days, FIELDS);
        expect(simplifyCondition(plain)).toEqual(plain);
        expect(simplifyCondition(days, { missingAsInfinity: DAYS_FIELDS })).toEqual(days);
        for (const r of records) {
          const want = reference(c, r);
          expect(holds(c, r), `reference vs evaluator: ${JSON.stringify(c)} on ${JSON.stringify(r)}`).toBe(want);
          expect(holds(plain, r), `${JSON.stringify(c)} → ${JSON.stringify(plain)} on ${JSON.stringify(r)}`).toBe(want);
          const wantDays = reference(c, r, DAYS_FIELDS);
          // The explicit form gives the +Infinity answer to an engine reading missing as 0 ...
          expect(holds(days, r), `${JSON.stringify(c)} → ${JSON.stringify(days)} on ${JSON.stringify(r)}`).toBe(wantDays);
          // ... and means the same when read with +Infinity again.
          expect(reference(days, r, DAYS_FIELDS)).toBe(wantDays);
        }
      }),
      { numRuns: 3000, seed: 20261202 },
    );
  });
});
