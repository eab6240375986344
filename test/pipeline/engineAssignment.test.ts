import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KMeansModel } from '../../src/cluster/kmeans/KMeansModel';
import { InputError } from '../../src/core/errors';
import { Matrix } from '../../src/core/Matrix';
import { DuckSession } from '../../src/data/DuckSession';
import type { ClickHouseEngine } from '../../src/engine/ClickHouseEngine';
import { readFeatureTable } from '../../src/features/readFeatureTable';
import { transformerFromJSON } from '../../src/features/transformers/transformerFromJSON';
import { clusterConfigSchema } from '../../src/pipeline/ClusterConfig';
import { resolveDataInput } from '../../src/pipeline/dataInput';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { runPipeline } from '../../src/pipeline/runPipeline';
import { uploadFiles } from '../../src/pipeline/uploadFiles';
import { tempDir } from '../cli/helpers';
import { SKIP_CLICKHOUSE, SKIP_REASON, startClickHouse } from '../engine/clickhouse';

const root = join(__dirname, '..', '..');
const configPath = join(root, 'data', 'configs', 'sample.yaml');
const DB = 'seglab_test_engine_assign';

const csvRows = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

describe.skipIf(SKIP_CLICKHOUSE)(`engine: clickhouse above cluster.engineSample: fitted on a seeded sample, every customer assigned on the cluster${SKIP_CLICKHOUSE ? ` (${SKIP_REASON})` : ''}`, () => {
  let engine: ClickHouseEngine;
  const env = { ...process.env, SEGLAB_CLICKHOUSE_DATABASE: DB };
  const out = tempDir('seglab-engine-assign-');
  beforeAll(async () => {
    engine = await startClickHouse();
    await engine.run(`DROP DATABASE IF EXISTS ${DB}`);
    await uploadFiles(resolveDataInput({ config: configPath }), { env });
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('3,000 customers, engineSample 1,000: about 1,000 come back, the model fits on them, assignments.csv has all 3,000 with predict\'s segment; the same seed gives the same files', async () => {
    const { config, baseDir } = loadRunConfig(configPath);
    const cluster = clusterConfigSchema.parse({ k: 4, engineSample: 1000, stabilityResamples: 0 });
    const run = (runId: string) => runPipeline({ ...config, engine: 'clickhouse', cluster, stages: ['features', 'cluster'] }, { baseDir, outDir: out, env, runId });
    const ch = await run('ch');
    const result = JSON.parse(readFileSync(join(ch.dir, 'cluster.json'), 'utf8'));
    const ea = result.engineAssignment;
    expect(ea).toMatchObject({ engine: 'clickhouse', customers: 3000, seed: 42, sampleDisagreements: 0, file: 'assign.clickhouse.sql' });
    expect(ea.sampleSize).toBe(result.rows);
    expect(ea.sampleSize).toBeGreaterThan(850);
    expect(ea.sampleSize).toBeLessThan(1150);
    expect(JSON.parse(readFileSync(join(ch.dir, 'features.json'), 'utf8')).rowCount).toBe(ea.sampleSize);
    expect(ea.sizes.reduce((a: number, s: { size: number }) => a + s.size, 0)).toBe(3000);
    expect(ea.text).toMatch(/fitted on a seeded sample of \d{3,4} of the 3,000 customers/);
    expect(readFileSync(join(ch.dir, 'assign.clickhouse.sql'), 'utf8')).toMatch(/LN\(1 \+/);
    expect(ch.manifest.config).toMatchObject({ cluster: { engineSample: 1000 } });

    // Expected: the full feature table of a DuckDB run, prepared with cluster.json's steps, model.predict,
    // mapped to the run's segment ids (model label → id, read off cluster.json's labels of the sample).
    const duck = await runPipeline({ ...config, stages: ['features'] }, { baseDir, outDir: out, env, runId: 'duck' });
    const session = await DuckSession.open({ threads: 2 });
    try {
      await session.run(`CREATE TABLE features AS SELECT * FROM read_parquet('${join(duck.dir, 'features.parquet')}')`);
      const model = KMeansModel.fromJSON(result.model);
      const table = await readFeatureTable(session, model.columns);
      let X = Matrix.fromColumns(Object.fromEntries(model.columns.map((c) => [c, table.numeric[c]!])));
      for (const step of result.preprocessing) X = (transformerFromJSON(step) as unknown as { transform(m: Matrix): Matrix }).transform(X);
      const predicted = model.predict(X);
      const toId = new Map<number, number>();
      model.labels.forEach((l, i) => toId.set(l, result.labels[i]));
      const assignments = csvRows(join(ch.dir, 'assignments.csv'));
      expect(assignments.length).toBe(3000);
      expect(assignments.map((r) => r[0])).toEqual(table.ids);
      expect(assignments.map((r) => Number(r[1]))).toEqual(Array.from(predicted, (l) => toId.get(l)));
    } finally {
      session.close();
    }

    const again = await run('ch-again');
    for (const file of ['assignments.csv', 'cluster.json', 'features.csv', 'assign.clickhouse.sql']) {
      expect(readFileSync(join(again.dir, file)).equals(readFileSync(join(ch.dir, file))), file).toBe(true);
    }
  }, 600_000);

  it('an algorithm whose assignment is not SQL (DBSCAN) is an exit-2 error naming cluster.algorithm and the way out', async () => {
    const { config, baseDir } = loadRunConfig(configPath);
    const cluster = clusterConfigSchema.parse({ algorithm: 'dbscan', engineSample: 1000, stabilityResamples: 0 });
    const error = await runPipeline({ ...config, engine: 'clickhouse', cluster, stages: ['features', 'cluster'] }, { baseDir, outDir: out, env, runId: 'dbscan' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/dbscan clustering cannot assign.*cluster\.algorithm.*kmeans, minibatch-kmeans, gmm.*cluster\.engineSample to 0/s);
  }, 300_000);
});
