// seglab run with a models: section, seglab train and seglab score --model on the synthetic sample: the run
// folder gets the model, its card, the scores with reasons and the SQL; the review gets its model section
// and the predicted churn per segment; a saved model scores a feature file like the run did.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root, seglab, tempDir } from './helpers';

const MODELS = `
models:
  target: { kind: churn, horizonDays: 90 }
  snapshots: 3
  family: hist-gradient-boosting
  params: { hist-gradient-boosting: { maxIter: 30 } }
`;

/** The sample config with absolute data paths and a churn model, in a temporary folder. */
function churnConfig(models = MODELS): string {
  const text = readFileSync(join(root, 'data', 'configs', 'sample.yaml'), 'utf8').replaceAll('../sample/', `${join(root, 'data', 'sample')}/`);
  const path = join(tempDir(), 'sample-churn.yaml');
  writeFileSync(path, text + models);
  return path;
}

function csv(path: string): string[][] {
  return readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));
}

describe('the models stage through the CLI (sample, churn within 90 days)', () => {
  let config: string;
  let run: string;
  beforeAll(async () => {
    config = churnConfig();
    const r = await seglab(['-q', 'run', '--config', config, '--out', tempDir(), '--stages', 'features,cluster,models,report']);
    expect(r.code, r.stderr).toBe(0);
    run = r.stdout.trim();
  }, 400_000);

  it('writes the model, its card, scores with reasons and the SQL in six dialects', () => {
    for (const f of ['model.json', 'model-card.json', 'model-card.md', 'scores.csv', 'model.duckdb.sql', 'model.postgres.sql', 'model.clickhouse.sql', 'model.bigquery.sql', 'model.snowflake.sql', 'model.spark.sql']) expect(existsSync(join(run, f)), f).toBe(true);
    // The ClickHouse file says which parse limits to raise, with the statement's own size.
    const clickhouse = readFileSync(join(run, 'model.clickhouse.sql'), 'utf8');
    const statement = clickhouse.split('\n').filter((l) => !l.startsWith('-- ')).join('\n').replace(/;\n$/, '');
    expect(clickhouse).toContain(`-- ClickHouse: the statement is ${Buffer.byteLength(statement)} bytes; run it with max_query_size, max_ast_elements and max_expanded_ast_elements of at least that`);
    const card = JSON.parse(readFileSync(join(run, 'model-card.json'), 'utf8'));
    expect(card.validation.scheme).toBe('out-of-time');
    expect(card.metrics.rocAuc.estimate).toBeGreaterThan(0.6);
    const scores = csv(join(run, 'scores.csv'));
    expect(scores[0]).toEqual(['customer_id', 'probability', 'reason_1', 'reason_2', 'reason_3']);
    expect(scores.length - 1).toBe(card.scored.customers);
    expect(readFileSync(join(run, 'model-card.md'), 'utf8')).toMatch(/ROC AUC 0\.\d{3} \(95% interval/);
    // The manifest says which model ran (and, for the MLP, on which TensorFlow.js backend).
    expect(JSON.parse(readFileSync(join(run, 'manifest.json'), 'utf8')).model).toEqual({ family: 'hist-gradient-boosting', backend: null });
  });

  it('the review has the model section and the predicted churn per segment in its KPIs', () => {
    const html = readFileSync(join(run, 'report.html'), 'utf8');
    expect(html).toContain('id="prediction"');
    expect(html).toContain('Ranking quality (ROC AUC)');
    expect(html).toContain('Churn risk (model)');
  });

  it('seglab report <run> renders the same review again, model section included; a damaged model card is exit 2', async () => {
    const copy = join(tempDir(), 'copy');
    cpSync(run, copy, { recursive: true });
    const r = await seglab(['-q', 'report', copy, '--no-pdf']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(copy, 'report.html'), 'utf8')).toBe(readFileSync(join(run, 'report.html'), 'utf8'));
    writeFileSync(join(copy, 'model-card.json'), readFileSync(join(run, 'model-card.json'), 'utf8').replaceAll('"family": "hist-gradient-boosting"', '"family": "xgboost"'));
    const bad = await seglab(['report', copy, '--no-pdf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/model-card\.json, field family/);
  });

  it('seglab score --model scores a feature file as the run scored its customers', async () => {
    const out = join(tempDir(), 'scored.csv');
    const r = await seglab(['-q', 'score', '--model', join(run, 'model.json'), '--input', join(run, 'features.parquet'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const got = new Map(csv(out).slice(1).map(([id, p]) => [id!, Number(p)]));
    const want = csv(join(run, 'scores.csv')).slice(1);
    for (const [id, p] of want) expect(Math.abs(got.get(id!)! - Number(p)), id).toBeLessThan(1e-12);
  });

  it('clear errors: both or neither of --rules and --model, a file that is not a model, a config without models:', async () => {
    const neither = await seglab(['score', '--input', join(run, 'features.parquet'), '--out', join(tempDir(), 'x.csv')]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/exactly one of --rules <bundle> and --model <model\.json>/);
    const notModel = await seglab(['score', '--model', join(run, 'model-card.json'), '--input', join(run, 'features.parquet'), '--out', join(tempDir(), 'x.csv')]);
    expect(notModel.code).toBe(2);
    expect(notModel.stderr).toMatch(/seglab model/);
    const noModels = await seglab(['train', '--config', join(root, 'data', 'configs', 'sample.yaml'), '--out', tempDir()]);
    expect(noModels.code).toBe(2);
    expect(noModels.stderr).toMatch(/has no models: section/);
  });
});

describe('seglab train with calibration and a search (sample, logistic regression)', () => {
  const CALIBRATED = `
models:
  target: { kind: churn, horizonDays: 90 }
  snapshots: 3
  family: logistic-regression
  calibration: platt
  search: { budget: 2 }
`;
  let run: string;
  let stderr: string;
  beforeAll(async () => {
    const r = await seglab(['train', '--config', churnConfig(CALIBRATED), '--out', tempDir()]);
    expect(r.code, r.stderr).toBe(0);
    run = r.stdout.trim().split('\n').at(-1)!;
    stderr = r.stderr;
  }, 400_000);

  it('the card, the saved model and its SQL carry the calibrator; the search is listed and said on stderr per candidate', () => {
    const card = JSON.parse(readFileSync(join(run, 'model-card.json'), 'utf8'));
    expect(card.schemaVersion).toBe(2);
    expect(card.calibrator.method).toBe('platt');
    expect(card.calibrator.uncalibrated.brier).toBeGreaterThan(0);
    expect(card.search.families[0].candidates).toHaveLength(2);
    expect(card.params.C).toBe(card.search.families[0].chosen.C);
    expect(stderr).toMatch(/logistic-regression candidate 1 of 2: inner ROC AUC 0\.\d{4}/);
    const model = JSON.parse(readFileSync(join(run, 'model.json'), 'utf8'));
    expect(model.schemaVersion).toBe(2);
    expect(model.calibrator.kind).toBe('platt');
    expect(readFileSync(join(run, 'model.duckdb.sql'), 'utf8')).toMatch(/logistic-regression model \(platt calibration\)/);
  });

  it('seglab score --model applies the calibrator: the same probabilities as the run', async () => {
    const out = join(tempDir(), 'scored.csv');
    const r = await seglab(['-q', 'score', '--model', join(run, 'model.json'), '--input', join(run, 'features.parquet'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const got = new Map(csv(out).slice(1).map(([id, p]) => [id!, Number(p)]));
    const want = csv(join(run, 'scores.csv')).slice(1);
    for (const [id, p] of want) expect(Math.abs(got.get(id!)! - Number(p)), id).toBeLessThan(1e-12);
  });

  it('a calibration it does not know exits 2 naming the field and the allowed values', async () => {
    const r = await seglab(['train', '--config', churnConfig(CALIBRATED.replace('calibration: platt', 'calibration: sigmoid')), '--out', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/models\.calibration/);
    expect(r.stderr).toMatch(/'none' \| 'platt' \| 'isotonic'/);
  });
});
