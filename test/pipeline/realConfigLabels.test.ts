// The four real data sets' configs (data/configs) name every column their review shows in both languages: each
// column of the feature table has a config label { en, fr } or one of seglab's own feature labels; a column the
// model can use needs a config label, as the review's model section (drivers overall and per segment) reads
// only those. The outcome is named by outcome.label.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { runPipeline } from '../../src/pipeline/runPipeline';
import { featureLabel } from '../../src/personas/featureLabel';
import { DATASETS } from '../datasets';

const root = join(__dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'seglab-labels-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const CONFIGS = [
  ['telco', 'Telco-Customer-Churn.csv.gz'],
  ['bank-marketing', 'bank-full.csv.gz'],
  ['cdnow', 'CDNOW_master.txt.gz'],
  ['online-retail', 'online_retail_uci_2010_2011.csv.gz'],
] as const;

describe('labels of the real data sets’ configs', () => {
  it.each(CONFIGS)('%s: every column of the feature table has a label in English and in French', async (name, file) => {
    const loaded = loadRunConfig(join(root, 'data', 'configs', `${name}.yaml`), { data: join(DATASETS, file) });
    const config = { ...loaded.config, stages: ['features' as const] };
    const run = await runPipeline(config, { baseDir: loaded.baseDir, outDir: out, configPath: loaded.path });
    const columns = (JSON.parse(readFileSync(join(run.dir, 'features.json'), 'utf8')) as { columns: { name: string; role: string }[] }).columns;
    const labels = loaded.config.report.labels;
    const outcome = loaded.config.outcome?.column;
    const excluded = new Set(loaded.config.models?.exclude ?? []);
    const unlabelled: string[] = [];
    for (const c of columns) {
      if (c.role === 'id') continue;
      const l = labels[c.name];
      const both = typeof l === 'object' && l.en.length > 0 && l.fr.length > 0;
      if (c.name === outcome) continue;
      // A model input (every column but the id, the target, the outcome and models.exclude) shows among the model's drivers.
      if (loaded.config.models && !excluded.has(c.name)) {
        if (!both) unlabelled.push(`${c.name} (a model input: needs report.labels.${c.name}: { en, fr })`);
        continue;
      }
      const own = featureLabel(c.name, 'en') !== c.name.replace(/_/g, ' ') && featureLabel(c.name, 'fr') !== c.name.replace(/_/g, ' ');
      if (!both && !own) unlabelled.push(c.name);
    }
    expect(unlabelled).toEqual([]);
    if (outcome) expect(loaded.config.outcome!.label).toEqual({ en: expect.any(String), fr: expect.any(String) });
  }, 120_000);
});
