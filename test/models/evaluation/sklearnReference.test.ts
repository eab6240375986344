import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { averagePrecision } from '../../../src/models/evaluation/averagePrecision';
import { brierScore } from '../../../src/models/evaluation/brierScore';
import { calibrationCurve, type CalibrationStrategy } from '../../../src/models/evaluation/calibrationCurve';
import { IsotonicCalibration } from '../../../src/models/evaluation/IsotonicCalibration';
import { logLoss } from '../../../src/models/evaluation/logLoss';
import { PlattScaling } from '../../../src/models/evaluation/PlattScaling';
import { rocAuc } from '../../../src/models/evaluation/rocAuc';

/** scikit-learn 1.2.1 on 400 seeded rows with ties, written once by sklearnReference.py (tests need no Python). */
interface Reference {
  sklearn: string;
  y: number[];
  p: number[];
  scores: number[];
  w: number[];
  rocAuc: { p: number; pWeighted: number; scores: number };
  averagePrecision: { p: number; pWeighted: number; scores: number };
  logLoss: { p: number; pWeighted: number };
  brier: { p: number; pWeighted: number };
  calibration: { strategy: CalibrationStrategy; bins: number; observed: number[]; meanPredicted: number[] }[];
  isotonic: { grid: number[]; X: number[]; y: number[]; predict: number[]; XWeighted: number[]; yWeighted: number[]; predictWeighted: number[] };
  platt: { a: number; b: number; aWeighted: number; bWeighted: number };
}
const ref = JSON.parse(readFileSync(join(__dirname, 'sklearnReference.json'), 'utf8')) as Reference;
const { y, p, scores, w } = ref;

const close = (got: ArrayLike<number>, want: readonly number[], tol: number): void => {
  expect(got.length).toBe(want.length);
  const worst = want.reduce((m, v, i) => Math.max(m, Math.abs(got[i]! - v)), 0);
  expect(worst).toBeLessThan(tol);
};

describe('evaluation metrics equal scikit-learn 1.2.1 (400 rows, tied scores, weights with zeros)', () => {
  it('the fixture is what it claims: 1.2.1, ties in both classes, zero weights, p of exactly 0 and 1', () => {
    expect(ref.sklearn).toBe('1.2.1');
    expect(y.length).toBe(400);
    expect(new Set(p).size).toBeLessThan(150);
    expect(w.filter((v) => v === 0).length).toBeGreaterThan(10);
    expect(p.filter((v) => v === 0 || v === 1).length).toBeGreaterThanOrEqual(6);
  });

  it('roc_auc_score, unweighted and weighted, on probabilities and raw scores', () => {
    expect(Math.abs(rocAuc(y, p) - ref.rocAuc.p)).toBeLessThan(1e-12);
    expect(Math.abs(rocAuc(y, p, { sampleWeight: w }) - ref.rocAuc.pWeighted)).toBeLessThan(1e-12);
    expect(Math.abs(rocAuc(y, scores) - ref.rocAuc.scores)).toBeLessThan(1e-12);
  });

  it('average_precision_score', () => {
    expect(Math.abs(averagePrecision(y, p) - ref.averagePrecision.p)).toBeLessThan(1e-12);
    expect(Math.abs(averagePrecision(y, p, { sampleWeight: w }) - ref.averagePrecision.pWeighted)).toBeLessThan(1e-12);
    expect(Math.abs(averagePrecision(y, scores) - ref.averagePrecision.scores)).toBeLessThan(1e-12);
  });

  it('log_loss (p of 0 and 1 clipped at 2.2e-16) and brier_score_loss', () => {
    expect(Math.abs(logLoss(y, p) - ref.logLoss.p)).toBeLessThan(1e-12);
    expect(Math.abs(logLoss(y, p, { sampleWeight: w }) - ref.logLoss.pWeighted)).toBeLessThan(1e-12);
    expect(Math.abs(brierScore(y, p) - ref.brier.p)).toBeLessThan(1e-12);
    expect(Math.abs(brierScore(y, p, { sampleWeight: w }) - ref.brier.pWeighted)).toBeLessThan(1e-12);
  });

  it('calibration_curve, uniform and quantile, 5, 7 and 10 bins (same bins kept, same means)', () => {
    expect(ref.calibration).toHaveLength(6);
    for (const c of ref.calibration) {
      const curve = calibrationCurve(y, p, { bins: c.bins, strategy: c.strategy });
      close(curve.bins.map((b) => b.observed), c.observed, 1e-12);
      close(curve.bins.map((b) => b.meanPredicted), c.meanPredicted, 1e-12);
      expect(curve.bins.reduce((s, b) => s + b.count, 0)).toBe(400);
    }
  });

  it('IsotonicRegression(out_of_bounds="clip"): same kept points, same predictions in and beyond the range', () => {
    const iso = new IsotonicCalibration().fit(scores, y);
    close(iso.x, ref.isotonic.X, 1e-12);
    close(iso.y, ref.isotonic.y, 1e-12);
    close(iso.predict(ref.isotonic.grid), ref.isotonic.predict, 1e-12);
    const isoW = new IsotonicCalibration().fit(scores, y, { sampleWeight: w });
    close(isoW.x, ref.isotonic.XWeighted, 1e-12);
    close(isoW.y, ref.isotonic.yWeighted, 1e-12);
    close(isoW.predict(ref.isotonic.grid), ref.isotonic.predictWeighted, 1e-12);
  });

  it('Platt scaling reaches the optimum scikit-learn BFGS approaches (a = −slope, b = −intercept, to its tolerance)', () => {
    const m = new PlattScaling().fit(scores, y);
    expect(Math.abs(-m.slope - ref.platt.a)).toBeLessThan(1e-4);
    expect(Math.abs(-m.intercept - ref.platt.b)).toBeLessThan(1e-4);
    const mw = new PlattScaling().fit(scores, y, { sampleWeight: w });
    expect(Math.abs(-mw.slope - ref.platt.aWeighted)).toBeLessThan(1e-4);
    expect(Math.abs(-mw.intercept - ref.platt.bWeighted)).toBeLessThan(1e-4);
  });
});
