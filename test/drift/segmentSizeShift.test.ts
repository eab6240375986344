import { describe, expect, it } from 'vitest';
import { segmentSizeShift } from '../../src/drift/segmentSizeShift';
import { newcombeInterval } from '../../src/stats/newcombeInterval';

describe('segmentSizeShift', () => {
  const reference = [
    { id: 0, name: 'A', customers: 50 },
    { id: 1, name: 'B', customers: 30 },
    { id: 2, name: 'C', customers: 20 },
  ];
  const current = [
    { id: 0, name: 'A', customers: 40 },
    { id: 1, name: 'B', customers: 45 },
    { id: 2, name: 'C', customers: 15 },
    { id: 3, name: 'D', customers: 20 },
  ];
  const matching = { pairs: [0, 1, 2].map((i) => ({ referenceId: i, currentId: i })) };

  it('tests matched segments against last quarter shares (hand-computed) and leaves a new segment out, saying so', () => {
    const r = segmentSizeShift(reference, current, matching);
    // Matched current customers 100, expected 50/30/20: (10²/50) + (15²/30) + (5²/20) = 2 + 7.5 + 1.25.
    expect(r.chiSquare).toBeCloseTo(10.75, 12);
    expect(r.degreesOfFreedom).toBe(2);
    // Chi-square with 2 degrees of freedom: P(X > x) = exp(−x/2).
    expect(r.pValue).toBeCloseTo(Math.exp(-10.75 / 2), 14);
    expect(r.segments.map((s) => [s.referenceId, s.currentId])).toEqual([[0, 0], [1, 1], [2, 2], [null, 3]]);
    const a = r.segments[0]!;
    expect(a.referenceShare).toBe(0.5);
    expect(a.currentShare).toBeCloseTo(40 / 120, 15);
    expect(a.shareChange).toBeCloseTo(40 / 120 - 0.5, 15);
    const iv = newcombeInterval(40, 120, 50, 100);
    expect(a.shareChangeInterval).toEqual({ low: iv.low, high: iv.high, level: 0.95 });
    expect(a.shareChangeInterval.low).toBeLessThan(a.shareChange);
    expect(a.shareChangeInterval.high).toBeGreaterThan(a.shareChange);
    const d = r.segments[3]!;
    expect(d).toMatchObject({ name: 'D', referenceCustomers: 0, currentCustomers: 20, referenceShare: 0 });
    expect(r.notes?.join(' ')).toContain('New since the reference run, not in the test');
    expect(r.notes?.join(' ')).toContain('3 (D)');
  });

  it('lists a gone segment with its share lost, and identical sizes give chi-square 0 and p = 1', () => {
    const r = segmentSizeShift(reference, reference.slice(0, 2).map((s) => ({ ...s })), { pairs: [0, 1].map((i) => ({ referenceId: i, currentId: i })) });
    expect(r.segments[2]).toMatchObject({ referenceId: 2, currentId: null, currentCustomers: 0, referenceShare: 0.2 });
    expect(r.notes?.join(' ')).toContain('Gone since the reference run');
    const same = segmentSizeShift(reference, reference, matching);
    expect(same.chiSquare).toBe(0);
    expect(same.pValue).toBe(1);
    for (const s of same.segments) expect(s.shareChange).toBe(0);
    expect(same.segments).toHaveLength(3);
    expect(same.notes).toBeUndefined();
  });

  it('refuses pairs that name unknown segments', () => {
    expect(() => segmentSizeShift(reference, current, { pairs: [{ referenceId: 9, currentId: 0 }] })).toThrow(/pair referenceId/);
  });
});
