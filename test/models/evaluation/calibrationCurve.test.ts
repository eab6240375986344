import { describe, expect, it } from 'vitest';
import { calibrationCurve } from '../../../src/models/evaluation/calibrationCurve';
import { expectedCalibrationError } from '../../../src/models/evaluation/expectedCalibrationError';

describe('calibrationCurve and expectedCalibrationError', () => {
  const y = [0, 0, 0, 0, 1, 1, 1, 1, 1];
  const p = [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1];

  it('bins as scikit-learn (docs example, 3 uniform bins) and counts each bin', () => {
    const c = calibrationCurve(y, p, { bins: 3 });
    expect(c.bins.map((b) => b.observed)).toEqual([0, 0.5, 1]);
    expect(c.bins.map((b) => b.meanPredicted)).toEqual([expect.closeTo(0.2, 15), expect.closeTo(0.525, 15), expect.closeTo(0.85, 15)]);
    expect(c.bins.map((b) => b.count)).toEqual([3, 2, 4]);
    // ECE = (3·0.2 + 2·0.025 + 4·0.15) / 9
    expect(c.ece).toBeCloseTo(1.25 / 9, 15);
    expect(expectedCalibrationError(y, p, { bins: 3 })).toBe(c.ece);
  });

  it('puts a value on an inner edge in the lower bin, drops empty bins, and keeps p = 0 and p = 1', () => {
    const c = calibrationCurve([0, 1, 1, 0], [0, 0.2, 1, 0.2], { bins: 5 });
    expect(c.bins.map((b) => [b.low, b.high, b.count])).toEqual([
      [0, 0.2, 3],
      [0.8, 1, 1],
    ]);
  });

  it('quantile bins hold equal numbers of rows', () => {
    const p10 = Array.from({ length: 100 }, (_, i) => (i + 0.5) / 100);
    const y10 = p10.map((v, i) => (i % 10 < v * 10 ? 1 : 0));
    const c = calibrationCurve(y10, p10, { bins: 4, strategy: 'quantile' });
    expect(c.bins.map((b) => b.count)).toEqual([25, 25, 25, 25]);
  });

  it('is 0 for a calibrated model and weights the bins by sample weight', () => {
    expect(calibrationCurve([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]).ece).toBe(0);
    const c = calibrationCurve([0, 1, 1], [0.5, 0.5, 0.9], { bins: 2, sampleWeight: [3, 1, 0] });
    expect(c.bins).toHaveLength(1);
    expect(c.bins[0]!.observed).toBe(0.25);
    expect(c.ece).toBe(0.25);
  });

  it('refuses bad params with what was expected', () => {
    expect(() => calibrationCurve(y, p, { bins: 0 })).toThrow(/Invalid calibrationCurve bins: got 0, expected a whole number from 1 to 1000/);
    expect(() => calibrationCurve(y, p, { strategy: 'kmeans' as never })).toThrow(/expected one of uniform, quantile/);
  });
});
