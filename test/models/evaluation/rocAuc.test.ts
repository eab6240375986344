import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors';
import { rocAuc } from '../../../src/models/evaluation/rocAuc';

describe('rocAuc', () => {
  it('counts correctly ordered positive-negative pairs (scikit-learn docs example: 0.75)', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 15);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    // pairs: (0.5⁺, 0.5⁻) ½, (0.5⁺, 0.2⁻) 1, (0.9⁺, 0.5⁻) 1, (0.9⁺, 0.2⁻) 1 → 3.5 / 4
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBe(0.875);
    expect(rocAuc([1, 0], [0.3, 0.3])).toBe(0.5);
  });

  it('weights a row as that many copies of it', () => {
    // weight 2 on the negative at 0.5: (½ + 1)·2 + (1 + 1)·1 = 5 over 2 × 3 pairs
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9], { sampleWeight: [2, 1, 1, 1] })).toBeCloseTo(5 / 6, 15);
    expect(rocAuc([0, 1, 0, 0, 1], [0.5, 0.5, 0.2, 0.5, 0.9])).toBeCloseTo(5 / 6, 15);
    // weight 0 = the row is not there
    expect(rocAuc([0, 1, 0, 1, 1], [0.5, 0.5, 0.2, 0.9, 0.01], { sampleWeight: [1, 1, 1, 1, 0] })).toBe(0.875);
  });

  it('takes raw scores of any sign, and is 0 for a perfectly reversed ranking', () => {
    expect(rocAuc([1, 1, 0], [-3, -2.5, 7])).toBe(0);
    expect(rocAuc(Uint8Array.from([1, 0]), Float64Array.from([1e9, -1e9]))).toBe(1);
  });

  it('refuses one class, labels other than 0/1, non-finite scores and a length mismatch, naming the row', () => {
    expect(() => rocAuc([1, 1], [0.2, 0.3])).toThrow(/y contains a single class: 1/);
    expect(() => rocAuc([0, 1], [0.2, 0.3], { sampleWeight: [1, 0] })).toThrow(/single class: 0 \(among rows of positive weight\)/);
    expect(() => rocAuc([0, 2, 1], [0.2, 0.3, 0.4])).toThrow(InputError);
    expect(() => rocAuc([0, 2, 1], [0.2, 0.3, 0.4])).toThrow(/row 2.*label 2 is not 0 or 1|label 2 is not 0 or 1/);
    expect(() => rocAuc([0, 1, 1], [0.2, NaN, 0.4])).toThrow(/scores NaN is not a finite number[\s\S]*row 2/);
    expect(() => rocAuc([0, 1], [0.2])).toThrow(/scores has 1 values but y has 2/);
    expect(() => rocAuc([], [])).toThrow(/y has 0 rows/);
    expect(() => rocAuc([0, 1], [0.2, 0.3], { sampleWeight: [1, -1] })).toThrow(/weight -1 is not a finite non-negative number/);
  });
});
