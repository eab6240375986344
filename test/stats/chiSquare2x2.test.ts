import { describe, expect, it } from 'vitest';
import { chiSquare2x2 } from '../../src/stats/chiSquare2x2';
import { normalSf } from '../../src/stats/distributionTails';

describe('chiSquare2x2', () => {
  it('matches the hand computation and scipy.stats.chi2_contingency(correction=False)', () => {
    // [[10, 20], [30, 40]]: χ² = 100 · (10·40 − 20·30)² / (30 · 70 · 40 · 60) = 4,000,000 / 5,040,000
    const { chi2, pValue } = chiSquare2x2(10, 20, 30, 40);
    expect(chi2).toBeCloseTo(4_000_000 / 5_040_000, 12);
    expect(pValue).toBeCloseTo(0.37299848361348686, 14); // scipy 1.10
  });

  it("with Yates' correction: |O − E| shrunk by 0.5 (scipy's default)", () => {
    // Expected [[12, 18], [28, 42]]; |O − E| = 2 → 1.5: χ² = 2.25 · (1/12 + 1/18 + 1/28 + 1/42).
    expect(chiSquare2x2(10, 20, 30, 40, true).chi2).toBeCloseTo(2.25 * (1 / 12 + 1 / 18 + 1 / 28 + 1 / 42), 12);
  });

  it('gives χ² = 0 and p = 1 for independent or degenerate tables', () => {
    expect(chiSquare2x2(10, 10, 20, 20)).toMatchObject({ chi2: 0, pValue: 1 });
    expect(chiSquare2x2(0, 0, 5, 5)).toMatchObject({ chi2: 0, pValue: 1 });
  });

  it('p of the 95% critical value is 0.05, and agrees with the normal tail (χ²₁ = Z²)', () => {
    expect(chiSquare2x2(1, 0, 0, 0).pValue).toBe(1);
    const z = 1.959963984540054;
    expect(normalSf(z) * 2).toBeCloseTo(0.05, 14);
  });
});
