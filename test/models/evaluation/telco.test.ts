import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { averagePrecision } from '../../../src/models/evaluation/averagePrecision';
import { bootstrapInterval } from '../../../src/models/evaluation/bootstrapInterval';
import { crossValidate } from '../../../src/models/evaluation/crossValidate';
import { liftTable } from '../../../src/models/evaluation/liftTable';
import { permutationImportance } from '../../../src/models/evaluation/permutationImportance';
import { rocAuc } from '../../../src/models/evaluation/rocAuc';
import { stratifiedKFold } from '../../../src/models/evaluation/stratifiedKFold';
import { DATASETS } from '../../datasets';
import { centroidEntry } from './centroidModelEntry';

/** Telco churn (7,043 customers, 1,869 churned): tenure in months (many ties) and monthly charges. */
function telco(): { X: Matrix; y: Uint8Array } {
  const lines = gunzipSync(readFileSync(join(DATASETS, 'Telco-Customer-Churn.csv.gz'))).toString('utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const [tenure, charges, churn] = ['tenure', 'MonthlyCharges', 'Churn'].map((c) => header.indexOf(c));
  const rows = lines.slice(1).map((l) => l.split(','));
  const X = Matrix.fromRows(rows.map((r) => [Number(r[tenure!]), Number(r[charges!])]), ['tenure', 'monthly_charges']);
  return { X, y: Uint8Array.from(rows, (r) => (r[churn!]!.trim() === 'Yes' ? 1 : 0)) };
}

describe('evaluation on Telco churn (real data, tenure ties)', () => {
  const { X, y } = telco();
  const tenure = X.column(0);
  const shortTenure = tenure.map((v) => -v);

  // /usr/bin/python3 -c "import pandas as pd; from sklearn.metrics import roc_auc_score as r, average_precision_score as a;
  //   d = pd.read_csv('Telco-Customer-Churn.csv.gz'); y = d.Churn == 'Yes'; print(repr(r(y, -d.tenure)), repr(a(y, -d.tenure)))"
  it('AUC and average precision of −tenure equal scikit-learn 1.2.1 (computed once: 0.7398671755286288, 0.4837368870121712)', () => {
    expect(y.length).toBe(7043);
    expect(y.reduce((a, b) => a + b, 0)).toBe(1869);
    expect(Math.abs(rocAuc(y, shortTenure) - 0.7398671755286288)).toBeLessThan(1e-12);
    expect(Math.abs(averagePrecision(y, shortTenure) - 0.4837368870121712)).toBeLessThan(1e-12);
    const ci = bootstrapInterval(y, shortTenure, 'roc-auc', { resamples: 200, seed: 1 });
    expect(ci.low).toBeLessThan(0.74);
    expect(ci.high).toBeGreaterThan(0.74);
    expect(ci.high - ci.low).toBeLessThan(0.04);
    const lift = liftTable(y, shortTenure);
    expect(lift.rows[0]!.lift).toBeGreaterThan(1.8);
    expect(lift.rows[9]!.cumulativeGain).toBeCloseTo(1, 12);
  });

  it('cross-validated on tenure: each fold scores as −tenure does on its rows (the model is decreasing in tenure)', async () => {
    const splits = stratifiedKFold(y, { folds: 5, seed: 2 });
    const cv = await crossValidate(centroidEntry, { feature: 0 }, X, y, splits);
    expect(cv.folds).toHaveLength(5);
    cv.folds.forEach((f, k) => {
      const rows = [...splits[k]!.test];
      expect(f.metrics['roc-auc']).toBeCloseTo(rocAuc(rows.map((i) => y[i]!), rows.map((i) => shortTenure[i]!)), 12);
    });
    const model = await centroidEntry.create({ feature: 0 }).fit(X, y);
    const imp = permutationImportance((M) => model.predictProba(M), X, y, { repeats: 2, seed: 3 });
    expect(imp.features[0]!.mean).toBeGreaterThan(0.15);
    expect(imp.features[1]!.mean).toBe(0);
  });
});
