import { describe, expect, it } from 'vitest';
import { PlattCalibrator, PlattScaling } from '../../../src/models/evaluation/PlattScaling';

describe('PlattScaling', () => {
  const scores = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, -0.2, 0.3];
  const y = [0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1];

  it('reaches the optimum: the gradient of the (prior-corrected) log loss is 0', () => {
    const m = new PlattScaling().fit(scores, y);
    const nPos = 6;
    const nNeg = 6;
    const t = y.map((v) => (v === 1 ? (nPos + 1) / (nPos + 2) : 1 / (nNeg + 2)));
    const p = m.predict(scores);
    const gA = scores.reduce((s, f, i) => s + (p[i]! - t[i]!) * f, 0);
    const gB = p.reduce((s, q, i) => s + (q - t[i]!), 0);
    expect(Math.abs(gA)).toBeLessThan(1e-10);
    expect(Math.abs(gB)).toBeLessThan(1e-10);
    expect(m.slope).toBeGreaterThan(0);
  });

  it('without the prior correction fits the plain targets; separable scores stay finite with it', () => {
    const plain = new PlattScaling({ priorCorrection: false }).fit(scores, y);
    const p = plain.predict(scores);
    expect(Math.abs(p.reduce((s, q, i) => s + (q - y[i]!), 0))).toBeLessThan(1e-10);
    const sep = new PlattScaling().fit([-1, -0.5, 0.5, 1], [0, 0, 1, 1]);
    expect(Number.isFinite(sep.slope)).toBe(true);
    expect(sep.predict([1])[0]).toBeLessThan(1);
  });

  it('round-trips through JSON to identical probabilities, and refuses a damaged JSON', () => {
    const m = new PlattScaling().fit(scores, y);
    const back = PlattCalibrator.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.predict(scores)).toEqual(m.predict(scores));
    expect(() => PlattCalibrator.fromJSON({ ...m.toJSON(), slope: 'x' })).toThrow(/Invalid Platt calibrator JSON: slope is "x", expected a finite number/);
    expect(() => PlattCalibrator.fromJSON({ ...m.toJSON(), kind: 'isotonic' })).toThrow(/kind is "isotonic", expected "platt"/);
    expect(() => new PlattScaling({ priorCorrection: 1 } as never)).toThrow(/Invalid PlattScaling priorCorrection: got 1, expected true or false/);
  });
});
