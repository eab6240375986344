import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../src/models/ModelCard';
import { modelCardMarkdown } from '../../src/report/modelCardMarkdown';

const ci = (estimate: number) => ({ estimate, low: estimate - 0.01, high: estimate + 0.01, level: 0.95, resamples: 1000 });

function card(over: Partial<ModelCard> = {}): ModelCard {
  return {
    schemaVersion: 2,
    asOf: '2026-06-30',
    target: { kind: 'churn', horizonDays: 90 },
    label: { definition: 'no order within 90 days', population: 'customers with an order before the snapshot', snapshots: '2 snapshots' },
    snapshots: [{ index: 1, asOf: '2026-03-31', windowEnd: '2026-06-29', rows: 100, positives: 20 }],
    trainingRows: 100,
    positives: 20,
    negatives: 80,
    inputs: [{ name: 'recency_days', role: 'numeric' }],
    excluded: [],
    validation: { scheme: 'k-fold', folds: 5, trainRows: 100, testRows: 100, testPositives: 20 },
    candidates: [{ family: 'logistic-regression', rocAuc: 0.8, fitSeconds: 0.1 }],
    family: 'logistic-regression',
    chosenBy: 'config',
    params: {},
    backend: null,
    calibrator: { method: 'none', fittedOn: 'no calibration', uncalibrated: null },
    search: null,
    metrics: { rocAuc: ci(0.8), averagePrecision: ci(0.5), logLoss: ci(0.45), brier: ci(0.14), expectedCalibrationError: 0.021 },
    calibration: [],
    lift: [],
    baseRate: 0.2,
    budget: { share: 0.1, threshold: 0.5, contacted: 10, precision: 0.6, recall: 0.3, truePositives: 6, falsePositives: 4 },
    drivers: [],
    coefficients: null,
    explanations: 'coefficient × centred value',
    scored: { customers: 100, meanScore: 0.2 },
    notes: [],
    ...over,
  } as ModelCard;
}

describe('modelCardMarkdown', () => {
  it('says when the probabilities are not calibrated, and shows no search without one', () => {
    const md = modelCardMarkdown(card());
    expect(md).toContain('- Probabilities not calibrated (models.calibration: none)');
    expect(md).not.toContain('Hyperparameter search');
  });

  it('shows the calibrator with the held-out numbers before it, and every search candidate with the params chosen', () => {
    const md = modelCardMarkdown(
      card({
        calibrator: { method: 'platt', fittedOn: 'out-of-fold raw scores of the 100 training rows', uncalibrated: { logLoss: 0.4712, brier: 0.1523, expectedCalibrationError: 0.0614 } },
        search: {
          budget: 2,
          folds: 5,
          rows: 'the training rows (k-fold: the outer folds)',
          families: [{ family: 'logistic-regression', space: { C: { low: 0.01, high: 10, scale: 'log' } }, candidates: [{ params: { C: 0.123456 }, rocAuc: 0.791, sd: 0.012 }, { params: { C: 2.5 }, rocAuc: 0.8, sd: 0.01 }], chosen: { C: 2.5 } }],
        },
      }),
    );
    expect(md).toContain('- Calibrated with Platt scaling, fitted on out-of-fold raw scores of the 100 training rows; before calibration: log loss 0.471, Brier 0.152, expected calibration error 0.061');
    expect(md).toContain('### Hyperparameter search (2 candidate(s) per family, 5 folds, the training rows (k-fold: the outer folds))');
    expect(md).toContain('logistic-regression: chose C 2.5.');
    expect(md).toMatch(/\| 1 \| C 0\.1235 \| 0\.791 \| 0\.012 \|/);
    expect(md).toMatch(/\| 2 \| C 2\.5 \| 0\.800 \| 0\.010 \|/);
  });
});
