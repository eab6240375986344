import { describe, expect, it } from 'vitest';
import { confusionMatrix } from '../../../src/models/evaluation/confusionMatrix';

describe('confusionMatrix', () => {
  const y = [1, 1, 0, 1, 0, 0];
  const p = [0.9, 0.6, 0.6, 0.3, 0.2, 0.1];

  it('predicts 1 at score >= threshold and derives precision, recall, F1, accuracy', () => {
    const c = confusionMatrix(y, p, 0.6);
    expect([c.truePositive, c.falsePositive, c.trueNegative, c.falseNegative]).toEqual([2, 1, 2, 1]);
    expect(c.precision).toBeCloseTo(2 / 3, 15);
    expect(c.recall).toBeCloseTo(2 / 3, 15);
    expect(c.f1).toBeCloseTo(2 / 3, 15);
    expect(c.accuracy).toBeCloseTo(4 / 6, 15);
    expect(c.predictedPositiveShare).toBe(0.5);
  });

  it('precision 0 when nothing is predicted 1 (scikit-learn zero_division), weights as counts', () => {
    const none = confusionMatrix(y, p, 0.95);
    expect([none.precision, none.recall, none.f1]).toEqual([0, 0, 0]);
    const w = confusionMatrix(y, p, 0.6, { sampleWeight: [2, 1, 1, 1, 1, 1] });
    expect([w.truePositive, w.falsePositive, w.trueNegative, w.falseNegative]).toEqual([3, 1, 2, 1]);
  });

  it('refuses a NaN threshold', () => {
    expect(() => confusionMatrix(y, p, NaN)).toThrow(/Invalid confusionMatrix threshold: got null/);
  });
});
