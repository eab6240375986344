import { describe, expect, it } from 'vitest';
import { averagePrecision } from '../../../src/models/evaluation/averagePrecision';

describe('averagePrecision', () => {
  it('sums recall gained × precision at each score (scikit-learn docs example: 0.8333…)', () => {
    // 0.8: P 1, R ½ → ½; 0.4: no recall; 0.35: P ⅔, R 1 → ⅓
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 15);
  });

  it('takes a group of equal scores as one step (no optimistic order inside a tie)', () => {
    // 0.9 holds a 1 and a 0: R ½ at P ½ → ¼; 0.1: R 1 at P ⅔ → ⅓
    expect(averagePrecision([1, 0, 1], [0.9, 0.9, 0.1])).toBeCloseTo(7 / 12, 15);
    expect(averagePrecision([0, 1, 1], [0.9, 0.9, 0.1])).toBeCloseTo(7 / 12, 15);
  });

  it('weights rows as copies and is 1 for a perfect ranking', () => {
    expect(averagePrecision([1, 0, 1], [0.9, 0.9, 0.1], { sampleWeight: [1, 2, 1] })).toBeCloseTo(averagePrecision([1, 0, 0, 1], [0.9, 0.9, 0.9, 0.1]), 15);
    expect(averagePrecision([1, 1, 0, 0], [4, 3, 2, 1])).toBe(1);
  });

  it('needs both classes', () => {
    expect(() => averagePrecision([0, 0], [0.1, 0.2])).toThrow(/y contains a single class: 0/);
  });
});
