import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { crossValidate } from '../../../src/models/evaluation/crossValidate';
import { logLoss } from '../../../src/models/evaluation/logLoss';
import { outOfTimeSplit } from '../../../src/models/evaluation/outOfTimeSplit';
import { rocAuc } from '../../../src/models/evaluation/rocAuc';
import { stratifiedKFold } from '../../../src/models/evaluation/stratifiedKFold';
import { centroidData, centroidEntry, fitCalls } from './centroidModelEntry';

describe('crossValidate', () => {
  const { X, y } = centroidData(500, 11);

  it('fits once per fold on the training rows; the fold metrics are the metrics of the out-of-fold probabilities', async () => {
    fitCalls.length = 0;
    const cv = await crossValidate(centroidEntry, {}, X, y, 5, { seed: 4 });
    expect(fitCalls.map((c) => c.rows)).toEqual([400, 400, 400, 400, 400]);
    expect(cv.folds).toHaveLength(5);
    expect([...cv.oof].every((v) => v > 0 && v < 1)).toBe(true);
    const splits = stratifiedKFold(y, { folds: 5, seed: 4 });
    cv.folds.forEach((f, k) => {
      const rows = [...splits[k]!.test];
      expect(f.metrics['roc-auc']).toBeCloseTo(rocAuc(rows.map((i) => y[i]!), rows.map((i) => cv.oof[i]!)), 14);
      expect(f.metrics['log-loss']).toBeCloseTo(logLoss(rows.map((i) => y[i]!), rows.map((i) => cv.oof[i]!)), 14);
    });
    expect(cv.mean['roc-auc']).toBeGreaterThan(0.7);
    expect(cv.sd['roc-auc']).toBeGreaterThan(0);
    expect(cv.pooled['roc-auc']).toBeCloseTo(rocAuc(y, cv.oof), 14);
    // the raw out-of-fold scores are the log-odds of the out-of-fold probabilities (what a calibrator is fitted on)
    for (let i = 0; i < y.length; i++) expect(1 / (1 + Math.exp(-cv.oofRaw[i]!))).toBeCloseTo(cv.oof[i]!, 12);
    // the same seed gives the same folds and results
    expect((await crossValidate(centroidEntry, {}, X, y, 5, { seed: 4 })).mean).toEqual(cv.mean);
  });

  it('takes splits: out of time leaves the training rows without an out-of-fold probability', async () => {
    const snapshot = Int32Array.from({ length: 500 }, (_, i) => (i < 300 ? 0 : 1));
    const cv = await crossValidate(centroidEntry, { feature: 0 }, X, y, [outOfTimeSplit(snapshot)]);
    expect(cv.folds).toHaveLength(1);
    expect(cv.folds[0]!.trainRows).toBe(300);
    expect(Number.isNaN(cv.oof[0]!)).toBe(true);
    expect(Number.isNaN(cv.oof[300]!)).toBe(false);
    expect(Number.isNaN(cv.oofRaw[0]!)).toBe(true);
    expect(Number.isNaN(cv.oofRaw[300]!)).toBe(false);
    expect(cv.sd['roc-auc']).toBe(0);
  });

  it('refuses overlapping test rows, a label count that does not match X, and bad params', async () => {
    const s = outOfTimeSplit(Int32Array.from({ length: 500 }, (_, i) => (i < 300 ? 0 : 1)));
    await expect(crossValidate(centroidEntry, {}, X, y, [s, { ...s, fold: 1 }])).rejects.toThrow(/row 301 is in the test rows of splits 1 and 2/);
    await expect(crossValidate(centroidEntry, {}, X, y.subarray(1), 5)).rejects.toThrow(/y has 499 labels but X has 500 rows/);
    await expect(crossValidate(centroidEntry, {}, X, y, 1)).rejects.toThrow(/Invalid crossValidate folds: got 1/);
    await expect(crossValidate(centroidEntry, { temperature: -1 }, X, y, 3)).rejects.toThrow(/Invalid CentroidModel temperature: got -1, expected a number > 0/);
    await expect(crossValidate(centroidEntry, {}, Matrix.fromRows([[1]]), [1], 2)).rejects.toThrow(/single class: 1/);
  });
});
