import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import type { ClickHouseEngine } from '../../src/engine/ClickHouseEngine';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { resolveDataInput } from '../../src/pipeline/dataInput';
import { runPipeline } from '../../src/pipeline/runPipeline';
import { uploadFiles } from '../../src/pipeline/uploadFiles';
import { featureFile } from '../../src/pipeline/featureFile';
import { writeFileSync } from 'node:fs';
import { SKIP_CLICKHOUSE, SKIP_REASON, startClickHouse } from '../engine/clickhouse';
import { tempDir } from '../cli/helpers';

const root = join(__dirname, '..', '..');
const configPath = join(root, 'data', 'configs', 'sample.yaml');
const DB = 'seglab_test_run';

describe.skipIf(SKIP_CLICKHOUSE)(`a run with engine: clickhouse${SKIP_CLICKHOUSE ? ` (${SKIP_REASON})` : ''}`, () => {
  let engine: ClickHouseEngine;
  const env = { ...process.env, SEGLAB_CLICKHOUSE_DATABASE: DB };
  const out = tempDir('seglab-engine-run-');
  beforeAll(async () => {
    engine = await startClickHouse();
    await engine.run(`DROP DATABASE IF EXISTS ${DB}`);
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('without the data on the cluster: exit-2 error that says to upload it', async () => {
    const { config, baseDir } = loadRunConfig(configPath);
    const error = await runPipeline({ ...config, engine: 'clickhouse', stages: ['features'] }, { baseDir, outDir: out, env, runId: 'missing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/no (database|table)/);
  }, 120_000);

  it('features.csv and features.parquet are byte for byte those of the DuckDB run; the manifest records engine, version and shards', async () => {
    await uploadFiles(resolveDataInput({ config: configPath }), { env });
    const { config, baseDir } = loadRunConfig(configPath);
    const duck = await runPipeline({ ...config, stages: ['features'] }, { baseDir, outDir: out, env, runId: 'duck' });
    const ch = await runPipeline({ ...config, engine: 'clickhouse', stages: ['features'] }, { baseDir, outDir: out, env, runId: 'ch' });
    for (const file of ['features.csv', 'features.parquet', 'features.json']) {
      expect(readFileSync(join(ch.dir, file)).equals(readFileSync(join(duck.dir, file))), file).toBe(true);
    }
    expect(readFileSync(join(ch.dir, 'features.sql'), 'utf8')).toMatch(/countIf\(/);
    expect(ch.manifest.engine).toEqual({ engine: 'clickhouse', version: expect.stringMatching(/^\d+\./), cluster: { name: 'seglab', shards: ['127.0.0.1:19000', '127.0.0.1:19001'] } });
    expect(duck.manifest.engine).toBeUndefined();
    expect(JSON.stringify(ch.manifest)).not.toMatch(/SEGLAB_CLICKHOUSE|password/i);
  }, 300_000);

  it('seglab features --config with engine: clickhouse writes the same file as DuckDB, and the ClickHouse SQL', async () => {
    const chConfig = join(out, 'sample-clickhouse.yaml');
    await uploadFiles(resolveDataInput({ config: configPath }), { env });
    writeFileSync(chConfig, readFileSync(configPath, 'utf8').replace(/\.\.\/sample\//g, `${join(root, 'data', 'sample')}/`) + 'engine: clickhouse\n');
    const duck = await featureFile(resolveDataInput({ config: configPath }), join(out, 'duck.csv'), { env });
    const ch = await featureFile(resolveDataInput({ config: chConfig }), join(out, 'ch.csv'), { env, sql: join(out, 'ch.sql') });
    expect(ch.rowCount).toBe(duck.rowCount);
    expect(readFileSync(join(out, 'ch.csv')).equals(readFileSync(join(out, 'duck.csv')))).toBe(true);
    expect(readFileSync(join(out, 'ch.sql'), 'utf8')).toMatch(/FROM customers_local/);
  }, 300_000);
});
