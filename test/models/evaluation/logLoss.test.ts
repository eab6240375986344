import { describe, expect, it } from 'vitest';
import { LOG_LOSS_EPS, logLoss } from '../../../src/models/evaluation/logLoss';

describe('logLoss', () => {
  it('is the mean negative log-likelihood', () => {
    expect(logLoss([1, 0], [0.8, 0.3])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 15);
    expect(logLoss([1, 0], [0.8, 0.3], { sampleWeight: [3, 1] })).toBeCloseTo(-(3 * Math.log(0.8) + Math.log(0.7)) / 4, 15);
  });

  it('clips a confident mistake at 2.2e-16 (scikit-learn 1.2): -log(eps) ≈ 36.04, not Infinity', () => {
    expect(LOG_LOSS_EPS).toBe(Number.EPSILON);
    expect(logLoss([0], [1])).toBeCloseTo(-Math.log(Number.EPSILON), 12);
    expect(logLoss([1, 0], [1, 0])).toBeLessThan(1e-15);
  });

  it('refuses probabilities outside [0, 1] (a raw score passed by mistake), naming the row', () => {
    expect(() => logLoss([1, 0], [0.5, 1.5])).toThrow(/p 1.5 is outside \[0, 1\][\s\S]*row 2[\s\S]*decisionFunction/);
  });
});
