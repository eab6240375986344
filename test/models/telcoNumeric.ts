import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Matrix } from '../../src';
import { DATASETS } from '../datasets';

/** The Telco churn file (../shared/datasets); the tests that need it skip without it. */
export const TELCO = join(DATASETS, 'Telco-Customer-Churn.csv.gz');
export const hasTelco = existsSync(TELCO);

/**
 * Telco's numeric columns as test/models/fixtures/sklearnLogistic.py reads them: tenure, MonthlyCharges,
 * TotalCharges (the 11 blanks read as 0: those customers have tenure 0), SeniorCitizen; y = Churn is "Yes".
 * The file has no quoted fields, so splitting on commas is exact.
 */
export function telcoNumeric(): { X: Matrix; y: Uint8Array } {
  const lines = gunzipSync(readFileSync(TELCO)).toString('utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0]!.split(',');
  const at = (name: string): number => header.indexOf(name);
  const cols = ['tenure', 'MonthlyCharges', 'TotalCharges', 'SeniorCitizen'];
  const idx = cols.map(at);
  const churn = at('Churn');
  const n = lines.length - 1;
  const data = new Float64Array(n * cols.length);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const f = lines[i + 1]!.split(',');
    idx.forEach((k, j) => {
      const text = f[k]!.trim();
      data[i * cols.length + j] = text === '' ? 0 : Number(text);
    });
    y[i] = f[churn] === 'Yes' ? 1 : 0;
  }
  return { X: new Matrix(data, n, cols.length, cols), y };
}
