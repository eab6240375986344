import { describe, expect, it } from 'vitest';
import { chiSquareGoodnessOfFit } from '../../src';
import { reference } from '../drift/reference';

describe('chiSquareGoodnessOfFit equals scipy.stats.chisquare', () => {
  it.each(reference.chiSquareGof.map((c, i) => [i, c] as const))('case %d', (_i, c) => {
    const r = chiSquareGoodnessOfFit(c.observed, c.expected ?? undefined);
    expect(Math.abs(r.chi2 - c.chi2)).toBeLessThanOrEqual(1e-9 * Math.max(1, c.chi2));
    expect(Math.abs(r.pValue - c.pValue)).toBeLessThanOrEqual(1e-9);
    expect(r.degreesOfFreedom).toBe(c.observed.length - 1);
  });
  it('by hand: 10, 20, 30 against equal counts gives chi2 = 10, 2 df', () => {
    const r = chiSquareGoodnessOfFit([10, 20, 30]);
    expect(r.chi2).toBeCloseTo(10, 12);
    expect(r.pValue).toBeCloseTo(Math.exp(-5), 12);
  });
  it('bad input: one category, a negative count, an empty expected category, mismatched lengths, ddof', () => {
    expect(() => chiSquareGoodnessOfFit([5])).toThrow(/at least 2 categories/);
    expect(() => chiSquareGoodnessOfFit([5, -1])).toThrow(/Invalid chiSquareGoodnessOfFit observed\[1\]: got -1/);
    expect(() => chiSquareGoodnessOfFit([5, 1], [1, 0])).toThrow(/Invalid chiSquareGoodnessOfFit expected\[1\]: got 0/);
    expect(() => chiSquareGoodnessOfFit([5, 1], [1, 1, 1])).toThrow(/expected 2 categories/);
    expect(() => chiSquareGoodnessOfFit([5, 1, 3], undefined, 2)).toThrow(/Invalid chiSquareGoodnessOfFit ddof: got 2/);
  });
});
