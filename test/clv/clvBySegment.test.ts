import { describe, expect, it } from 'vitest';
import { clvBySegment, UsageError } from '../../src';

describe('clvBySegment', () => {
  it('sums and averages per segment, largest total first, shares of customers and of value', () => {
    const rows = clvBySegment(['a', 'b', 'a', 'c'], { clv: [10, 50, 30, 0], probabilityAlive: [0.5, 1, 0.7, 0.2], expectedPurchases: [1, 4, 2, 0] });
    expect(rows.map((r) => r.segment)).toEqual(['b', 'a', 'c']);
    const a = rows[1]!;
    expect(a).toEqual({ segment: 'a', customers: 2, share: 0.5, totalClv: 40, valueShare: 40 / 90, meanClv: 20, meanProbabilityAlive: 0.6, expectedPurchases: 3 });
    expect(rows.reduce((s, r) => s + r.valueShare, 0)).toBeCloseTo(1, 12);
  });

  it('predictions of another length are a UsageError', () => {
    expect(() => clvBySegment(['a', 'b'], { clv: [1], probabilityAlive: [1, 1], expectedPurchases: [1, 1] })).toThrow(UsageError);
    expect(() => clvBySegment(['a', 'b'], { clv: [1], probabilityAlive: [1, 1], expectedPurchases: [1, 1] })).toThrow(/predictions\.clv has 1 values and segments 2/);
  });
});
