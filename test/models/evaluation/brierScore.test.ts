import { describe, expect, it } from 'vitest';
import { brierScore } from '../../../src/models/evaluation/brierScore';

describe('brierScore', () => {
  it('is the mean squared gap between probability and outcome', () => {
    expect(brierScore([1, 0, 1], [0.9, 0.2, 0.4])).toBeCloseTo((0.01 + 0.04 + 0.36) / 3, 15);
    expect(brierScore([1, 0, 1], [0.9, 0.2, 0.4], { sampleWeight: [0, 1, 1] })).toBeCloseTo((0.04 + 0.36) / 2, 15);
    expect(brierScore([0, 1], [0, 1])).toBe(0);
  });

  it('refuses a probability below 0', () => {
    expect(() => brierScore([1, 0], [-0.1, 0.5])).toThrow(/outside \[0, 1\]/);
  });
});
