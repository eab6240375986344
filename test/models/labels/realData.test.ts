import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTrainingSet, DuckSession, fitDesignEncoder, loadTables, type ModelTarget } from '../../../src';
import { loadRunConfig } from '../../../src/pipeline/loadRunConfig';
import { DATASETS } from '../../datasets';

const configs = join(__dirname, '..', '..', '..', 'data', 'configs');

/**
 * The data sets that carry their label: Telco (churn: 1,869 "Yes" of 7,043) and Bank Marketing (y: 5,289
 * "yes" of 45,211), read through their configs in data/configs as a run reads them.
 */
const CASES: { name: string; config: string; data: string; target: ModelTarget; exclude: string[]; rows: number; positives: number }[] = [
  { name: 'Telco', config: 'telco.yaml', data: 'Telco-Customer-Churn.csv.gz', target: { kind: 'column', column: 'churn' }, exclude: [], rows: 7043, positives: 1869 },
  { name: 'Bank Marketing', config: 'bank-marketing.yaml', data: 'bank-full.csv.gz', target: { kind: 'column', column: 'y' }, exclude: ['duration'], rows: 45211, positives: 5289 },
];

describe.each(CASES)('a column target on $name', (c) => {
  it('labels every row from the column; the label and duration never become inputs; both encodings build', async () => {
    const { config, baseDir } = loadRunConfig(join(configs, c.config), { data: join(DATASETS, c.data) });
    const session = await DuckSession.open({ threads: 2 });
    try {
      const load = await loadTables(session, config.data, { baseDir });
      const set = await buildTrainingSet(session, config.features, config.asOf, c.target, { available: load, exclude: c.exclude });
      expect(set.train.ids.length).toBe(c.rows);
      expect(set.positives).toBe(c.positives);
      expect(set.score.ids.length).toBe(c.rows);
      const names = set.columns.map((x) => x.name);
      expect(names).not.toContain(c.target.kind === 'column' ? c.target.column : '');
      expect(names).not.toContain('duration');
      expect(names.length).toBeGreaterThan(5);

      const oneHot = fitDesignEncoder(set.train.frame, set.columns, { encoding: 'one-hot' });
      const X = oneHot.transform(set.score.frame);
      expect(X.rows).toBe(c.rows);
      expect(X.data.some((v) => Number.isNaN(v))).toBe(false);
      const codes = fitDesignEncoder(set.train.frame, set.columns, { encoding: 'codes' });
      expect(codes.featureNames.length).toBe(set.columns.length);
      expect(codes.categoricalIndices.length).toBe(set.columns.filter((x) => x.role === 'categorical').length);
    } finally {
      session.close();
    }
  }, 120_000);
});
