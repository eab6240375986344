import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { calibratedProbability, calibrationMethodOf, calibratorFromJSON, fitCalibrator } from '../../../src/models/evaluation/Calibrator';
import { IsotonicCalibrator } from '../../../src/models/evaluation/IsotonicCalibration';
import { PlattCalibrator } from '../../../src/models/evaluation/PlattScaling';
import type { FittedModel } from '../../../src/models/ModelEntry';

describe('fitCalibrator and the saved calibrator', () => {
  const raw = [-2, -1, 0, 1, 2, 3];
  const y = [0, 1, 0, 0, 1, 1];

  it('none is no calibrator; isotonic pools the violators by hand', () => {
    expect(fitCalibrator('none', raw, y)).toBeNull();
    const iso = fitCalibrator('isotonic', raw, y)!;
    expect(iso).toBeInstanceOf(IsotonicCalibrator);
    // PAVA on 0,1,0,0,1,1: (0), (1,0,0) → 1/3, (1), (1): points -2→0, -1→1/3, 1→1/3, 2→1, 3→1 (flat interiors dropped).
    expect(Array.from((iso as IsotonicCalibrator).x)).toEqual([-2, -1, 1, 2, 3]);
    expect(Array.from((iso as IsotonicCalibrator).y)).toEqual([0, 1 / 3, 1 / 3, 1, 1]);
    const expected = [0, 1 / 6, 1 / 3, 2 / 3, 1];
    iso.predict([-5, -1.5, 0, 1.5, 9]).forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 15));
    expect(calibrationMethodOf(iso)).toBe('isotonic');
    expect(calibrationMethodOf(null)).toBe('none');
  });

  it('platt is a logistic of an affine map that round-trips through JSON', () => {
    const platt = fitCalibrator('platt', raw, y)!;
    expect(platt).toBeInstanceOf(PlattCalibrator);
    expect(calibrationMethodOf(platt)).toBe('platt');
    const { slope, intercept } = platt as PlattCalibrator;
    expect(slope).toBeGreaterThan(0);
    expect(platt.predict([0.5])[0]).toBeCloseTo(1 / (1 + Math.exp(-(slope * 0.5 + intercept))), 15);
    const back = calibratorFromJSON(JSON.parse(JSON.stringify(platt.toJSON())));
    expect(Array.from(back.predict(raw))).toEqual(Array.from(platt.predict(raw)));
    expect(() => calibratorFromJSON({ kind: 'sigmoid' })).toThrow(/calibrator JSON: kind is "sigmoid", expected "platt" or "isotonic"/);
  });

  it('calibratedProbability maps the raw score, or keeps the model probability without a calibrator', () => {
    const model = { predictProba: () => Float64Array.of(0.25), decisionFunction: () => Float64Array.of(1.5) } as unknown as FittedModel;
    const X = new Matrix(new Float64Array(1), 1, 1);
    expect(Array.from(calibratedProbability(model, null, X))).toEqual([0.25]);
    expect(Array.from(calibratedProbability(model, new IsotonicCalibrator(Float64Array.of(1, 2), Float64Array.of(0.2, 0.4)), X))).toEqual([0.30000000000000004]);
  });
});
