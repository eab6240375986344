import { describe, expect, it } from 'vitest';
import { IsotonicCalibration, IsotonicCalibrator } from '../../../src/models/evaluation/IsotonicCalibration';

describe('IsotonicCalibration', () => {
  it('pools adjacent violators (hand-computed) and clips beyond the fitted range', () => {
    // y by score: 0, 1, 0, 1, 1 → (1, 0) pooled to ½ ½ → 0, ½, ½, 1, 1; flat interior points dropped
    const m = new IsotonicCalibration().fit([1, 2, 3, 4, 5], [0, 1, 0, 1, 1]);
    expect([...m.x]).toEqual([1, 2, 3, 4, 5]);
    expect([...m.y]).toEqual([0, 0.5, 0.5, 1, 1]);
    expect([...m.predict([0, 1.5, 2.5, 3.5, 9])]).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('averages equal scores (weighted) before pooling, and drops rows of weight 0', () => {
    const m = new IsotonicCalibration().fit([1, 1, 1, 2, 3], [0, 1, 1, 0, 1], { sampleWeight: [1, 1, 2, 1, 0] });
    // score 1: (0 + 1 + 2) / 4 = ¾; score 2: 0 → pooled (3 + 0) / 5 = 0.6; score 3 has weight 0
    expect([...m.x]).toEqual([1, 2]);
    expect([...m.y]).toEqual([0.6, 0.6]);
    expect([...m.predict([5])]).toEqual([0.6]);
  });

  it('round-trips through JSON to identical probabilities and refuses points out of order', () => {
    const m = new IsotonicCalibration().fit([0.1, 0.4, 0.35, 0.8, 0.2], [0, 1, 0, 1, 1]);
    const back = IsotonicCalibrator.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predict([0, 0.3, 0.5, 1])).toEqual(m.predict([0, 0.3, 0.5, 1]));
    expect(() => IsotonicCalibrator.fromJSON({ schemaVersion: 1, kind: 'isotonic', x: [0, 0], y: [0, 1] })).toThrow(/Invalid isotonic calibrator JSON: x\[1\] is 0, expected finite numbers in increasing order/);
    expect(() => new IsotonicCalibration({ increasing: false } as never)).toThrow(/unknown key "increasing"/);
  });
});
