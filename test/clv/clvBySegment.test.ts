import { describe, expect, it } from 'vitest';
import { clvBySegment, highValueThreshold } from '../../src';

describe('highValueThreshold', () => {
  it('is the lowest CLV of the top share of the finite values (at least one customer; ties at the edge are in)', () => {
    const clv = Float64Array.from([10, NaN, 50, 30, 40, 20]);
    expect(highValueThreshold(clv, 0.2)).toBe(50); // ceil(0.2 × 5) = 1 customer
    expect(highValueThreshold(clv, 0.4)).toBe(40);
    expect(highValueThreshold(clv, 1)).toBe(10);
    expect(highValueThreshold(Float64Array.from([NaN]), 0.2)).toBeNull();
    expect(() => highValueThreshold(clv, 0)).toThrow(/Invalid highValueThreshold share: got 0/);
  });
});

describe('clvBySegment', () => {
  it('sums, means and shares per segment by hand; counts the top band with P(alive) below the threshold', () => {
    const labels = [0, 0, 1, 1, 1, -1];
    const clv = Float64Array.from([100, 300, 50, NaN, 150, 400]);
    const pAlive = Float64Array.from([0.9, 0.2, 0.5, NaN, 0.4, 0.1]);
    const expectedPurchases = Float64Array.from([2, 1, 1, NaN, 3, 4]);
    const s = clvBySegment(labels, { clv, pAlive, expectedPurchases }, { share: 0.4, threshold: 150, leavingBelow: 0.5 });
    expect(s.map((x) => x.id)).toEqual([-1, 0, 1]);
    const [noise, a, b] = s;
    // Total 1,000: noise 400, segment 0 400, segment 1 200.
    expect(a).toEqual({ id: 0, customers: 2, withClv: 2, customerShare: 2 / 6, totalClv: 400, valueShare: 0.4, meanClv: 200, meanPAlive: 0.55, meanExpectedPurchases: 1.5, highValueLeaving: 1 });
    expect(b).toEqual({ id: 1, customers: 3, withClv: 2, customerShare: 0.5, totalClv: 200, valueShare: 0.2, meanClv: 100, meanPAlive: 0.45, meanExpectedPurchases: 2, highValueLeaving: 1 });
    expect(noise!.highValueLeaving).toBe(1);
    expect(noise!.valueShare).toBe(0.4);
  });

  it('no CLV anywhere: shares and means are null, nobody is counted', () => {
    const nan = Float64Array.from([NaN, NaN]);
    const [s] = clvBySegment([3, 3], { clv: nan, pAlive: nan, expectedPurchases: nan }, { share: 0.2, threshold: null, leavingBelow: 0.5 });
    expect(s).toMatchObject({ id: 3, customers: 2, withClv: 0, valueShare: null, meanClv: null, meanPAlive: null, highValueLeaving: 0 });
  });

  it('refuses per-customer arrays that do not match the labels', () => {
    const v = Float64Array.from([1]);
    expect(() => clvBySegment([0, 1], { clv: v, pAlive: v, expectedPurchases: v }, { share: 0.2, threshold: 1, leavingBelow: 0.5 })).toThrow(/clvBySegment values\.clv/);
  });
});
