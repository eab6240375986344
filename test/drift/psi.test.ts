import { describe, expect, it } from 'vitest';
import { psi, psiLevels, PSI_FLOOR } from '../../src';

describe('psi', () => {
  it('by hand: 4 reference-quantile bins of 1..8, current shares 0.1 / 0.2 / 0.3 / 0.4', () => {
    const reference = [1, 2, 3, 4, 5, 6, 7, 8];
    // Edges at the 25/50/75% quantiles of 1..8: 2.75, 4.5, 6.25.
    const current = [1, 3, 4, 5, 5, 6, 7, 7, 8, 9];
    const r = psi(reference, current, 4);
    expect(r.distribution.bins).toEqual(['(-inf, 2.75)', '[2.75, 4.5)', '[4.5, 6.25)', '[6.25, inf)']);
    expect(r.distribution.reference).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(r.distribution.current).toEqual([0.1, 0.2, 0.3, 0.4]);
    // (0.1−0.25)ln(0.4) + (0.2−0.25)ln(0.8) + (0.3−0.25)ln(1.2) + (0.4−0.25)ln(1.6)
    expect(r.psi).toBeCloseTo(0.13744360 + 0.01115718 + 0.00911608 + 0.07050054, 7);
  });
  it('an empty bin counts as the 1e-4 floor, not as infinity', () => {
    expect(PSI_FLOOR).toBe(1e-4);
    const r = psiLevels(['a', 'b'], ['a', 'a']);
    // (1 − 0.5)·ln(2) + (1e-4 − 0.5)·ln(1e-4 / 0.5)
    expect(r.psi).toBeCloseTo(0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5), 12);
    expect(r.psi).toBeCloseTo(4.604318, 5);
  });
  it('identical samples: 0; a constant reference still shows a move off its value', () => {
    const x = [5, 1, 4, 2, 3, 3, 9];
    expect(psi(x, x).psi).toBe(0);
    const moved = psi([2, 2, 2, 2], [2, 2, 7, 7]);
    expect(moved.distribution).toEqual({ bins: ['(-inf, 2)', '2', '(2, inf)'], reference: [0, 1, 0], current: [0, 0.5, 0.5] });
    expect(moved.psi).toBeGreaterThan(1);
  });
  it('a reference nearly all at its minimum (zero-inflated): the minimum gets a bin of its own', () => {
    const reference = [...Array(95).fill(0), 1, 2, 3, 4, 5];
    const r = psi(reference, [...Array(50).fill(0), ...Array(50).fill(3)]);
    expect(r.distribution).toEqual({ bins: ['(-inf, 0]', '(0, inf)'], reference: [0.95, 0.05], current: [0.5, 0.5] });
    expect(r.psi).toBeCloseTo((0.5 - 0.95) * Math.log(0.5 / 0.95) + (0.5 - 0.05) * Math.log(0.5 / 0.05), 12);
  });
  it('bad input: empty, NaN, bins', () => {
    expect(() => psi([], [1])).toThrow(/Invalid psi reference: got "0 values"/);
    expect(() => psi([1], [NaN])).toThrow(/Invalid psi current\[0\]: got NaN/);
    expect(() => psi([1], [1], 1)).toThrow(/Invalid psi bins: got 1/);
  });
});
