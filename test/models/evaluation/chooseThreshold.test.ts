import { describe, expect, it } from 'vitest';
import { chooseThreshold } from '../../../src/models/evaluation/chooseThreshold';

describe('chooseThreshold', () => {
  const y = [1, 0, 1, 0, 0, 1, 0, 0, 0, 0];
  const p = [0.9, 0.8, 0.8, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];

  it('by budget: contacts the top share, never more; a tied group straddling the edge stays out', () => {
    const top10 = chooseThreshold(y, p, { by: 'budget', share: 0.1 });
    expect(top10.threshold).toBe(0.9);
    expect(top10.confusion.predictedPositiveShare).toBe(0.1);
    expect(top10.cost).toBeNull();
    // 20% = 2 rows, but 0.8 holds two rows: contacting them would make 3
    expect(chooseThreshold(y, p, { by: 'budget', share: 0.2 }).threshold).toBe(0.9);
    const top30 = chooseThreshold(y, p, { by: 'budget', share: 0.3 });
    expect(top30.threshold).toBe(0.8);
    expect([top30.confusion.truePositive, top30.confusion.falsePositive]).toEqual([2, 1]);
    expect(chooseThreshold(y, p, { by: 'budget', share: 0 }).threshold).toBe(Infinity);
    expect(chooseThreshold(y, p, { by: 'budget', share: 1 }).threshold).toBe(0.05);
  });

  it('by cost: the threshold of least FP·cost + FN·cost − TP·value, scanning every distinct score', () => {
    // FP 1, FN 5: contacting down to 0.4 gives FP 3, FN 0 → 3; down to 0.8: FP 1, FN 1 → 6; nobody: 15
    const c = chooseThreshold(y, p, { by: 'cost', falsePositive: 1, falseNegative: 5 });
    expect(c.threshold).toBe(0.4);
    expect(c.cost).toBe(3);
    // a contact costing 10 and a miss 1: only the sure 0.9 row (cost 2 against 3 for nobody)
    expect(chooseThreshold(y, p, { by: 'cost', falsePositive: 10, falseNegative: 1 }).cost).toBe(2);
    // a miss costing nothing: contact nobody (0.9 costs 0 too; the higher threshold wins the tie)
    expect(chooseThreshold(y, p, { by: 'cost', falsePositive: 10, falseNegative: 0 }).threshold).toBe(Infinity);
    // a value per churner reached (5) against a wasted contact (4): 0.9 → −5, 0.8 → 4 − 10 = −6, 0.7 → −2, 0.4 → −3
    const v = chooseThreshold(y, p, { by: 'cost', falsePositive: 4, falseNegative: 0, truePositiveValue: 5 });
    expect(v.threshold).toBe(0.8);
    expect(v.cost).toBe(-6);
  });

  it('an equal cost keeps the higher threshold (fewer contacts)', () => {
    expect(chooseThreshold([1, 0], [0.9, 0.1], { by: 'cost', falsePositive: 0, falseNegative: 1 }).threshold).toBe(0.9);
  });

  it('refuses bad rules with what was expected', () => {
    expect(() => chooseThreshold(y, p, { by: 'budget', share: 1.5 })).toThrow(/Invalid chooseThreshold share: got 1.5, expected a share of rows from 0 to 1/);
    expect(() => chooseThreshold(y, p, { by: 'cost', falsePositive: -1, falseNegative: 1 })).toThrow(/Invalid chooseThreshold falsePositive/);
    expect(() => chooseThreshold(y, p, { by: 'top' } as never)).toThrow(/unknown rule "top"; use by: 'budget' or by: 'cost'/);
  });
});
