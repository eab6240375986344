import { describe, expect, it } from 'vitest';
import { chiSquare2x2, erfc } from '../../src/personas/chiSquare2x2';

describe('chiSquare2x2', () => {
  it('matches the hand computation and scipy.stats.chi2_contingency(correction=False)', () => {
    // [[10, 20], [30, 40]]: χ² = 100 · (10·40 − 20·30)² / (30 · 70 · 40 · 60) = 4,000,000 / 5,040,000
    const { chi2, pValue } = chiSquare2x2(10, 20, 30, 40);
    expect(chi2).toBeCloseTo(4_000_000 / 5_040_000, 12);
    expect(pValue).toBeCloseTo(0.37299, 4); // scipy: 0.3729984...
  });

  it('gives χ² = 0 and p = 1 for independent or degenerate tables', () => {
    expect(chiSquare2x2(10, 10, 20, 20)).toEqual({ chi2: 0, pValue: 1 });
    expect(chiSquare2x2(0, 0, 5, 5)).toEqual({ chi2: 0, pValue: 1 });
  });

  it('erfc has the textbook values', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(1)).toBeCloseTo(0.157299207, 7);
    expect(erfc(-1)).toBeCloseTo(1.842700793, 7);
    // χ² = 3.841 is the 95% critical value with 1 degree of freedom.
    expect(erfc(Math.sqrt(3.841458820694124 / 2))).toBeCloseTo(0.05, 6);
  });
});
