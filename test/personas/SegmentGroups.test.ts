import { describe, expect, it } from 'vitest';
import { SegmentGroups } from '../../src/personas/SegmentGroups';

describe('SegmentGroups', () => {
  const groups = new SegmentGroups([1, 0, 1, 1, -1, 0]);

  it('orders groups by segment id, noise first, and counts them', () => {
    expect(groups.ids).toEqual([-1, 0, 1]);
    expect(Array.from(groups.sizes)).toEqual([1, 2, 3]);
    expect(Array.from(groups.groupOf)).toEqual([2, 1, 2, 2, 0, 1]);
  });

  it('computes means and the population sd of the base, skipping missing values', () => {
    const m = groups.moments(Float64Array.from([1, 2, 3, NaN, 10, 4]));
    // segment 1: rows 0, 2 (row 3 missing) → mean 2; segment 0: rows 1, 5 → 3; noise: 10
    expect(Array.from(m.mean)).toEqual([10, 3, 2]);
    expect(m.baseN).toBe(5);
    expect(m.baseMean).toBe(4);
    // deviations from 4: -3, -2, -1, 6, 0 → sum of squares 50 → sd sqrt(10)
    expect(m.baseSd).toBeCloseTo(Math.sqrt(10), 12);
  });

  it('computes medians per group and for the base', () => {
    const m = groups.medians(Float64Array.from([1, 2, 3, 7, 10, 4]));
    expect(Array.from(m.median)).toEqual([10, 3, 3]);
    expect(m.base).toBe(3.5);
  });
});
