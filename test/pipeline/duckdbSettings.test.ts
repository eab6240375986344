import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors';
import { DEFAULT_MEMORY_LIMIT, DuckSession } from '../../src/data/DuckSession';
import { resolveDataInput } from '../../src/pipeline/dataInput';
import { featureFile } from '../../src/pipeline/featureFile';
import { profileFiles } from '../../src/pipeline/profileFiles';
import { runPipeline } from '../../src/pipeline/runPipeline';
import { runConfigSchema } from '../../src/pipeline/RunConfig';

const CUSTOMERS = 'customer_id,age\n' + Array.from({ length: 40 }, (_, i) => `C${i},${20 + i}`).join('\n') + '\n';
const ORDERS = 'customer_id,ts,amount\n' + Array.from({ length: 40 }, (_, i) => `C${i},2026-0${1 + (i % 5)}-1${i % 9} 10:00:00,${10 + i}`).join('\n') + '\n';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seglab-duck-'));
  writeFileSync(join(dir, 'customers.csv'), CUSTOMERS);
  writeFileSync(join(dir, 'transactions.csv'), ORDERS);
  return dir;
}

const config = (duckdb?: Record<string, unknown>) =>
  runConfigSchema.parse({
    name: 'duck',
    asOf: '2026-07-01',
    data: { customers: { path: 'customers.csv' }, transactions: { path: 'transactions.csv' } },
    stages: ['profile'],
    ...(duckdb ? { duckdb } : {}),
  });

describe('DuckDB memory limit and spill folder', () => {
  it('a session has a memory limit by default (not 80% of the RAM) and its own spill folder, removed on close', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'seglab-spill-'));
    const session = await DuckSession.open({ tempDirectory: parent });
    const settings = await session.settings();
    // DuckDB reports 2GB as 1.8 GiB.
    expect(DEFAULT_MEMORY_LIMIT).toBe('2GB');
    expect(settings.memoryLimit).toBe('1.8 GiB');
    expect(settings.tempDirectory.startsWith(join(parent, 'seglab-duckdb-'))).toBe(true);
    // DuckDB makes the folder when it first spills: a session that does not spill, closed or not, leaves none.
    expect(readdirSync(parent)).toEqual([]);
    await session.run("SET memory_limit = '50MB'; SET threads = 1; CREATE TABLE t AS SELECT range AS i, md5(range::VARCHAR) AS s FROM range(1500000)");
    await session.run('CREATE TABLE g AS SELECT s, count(*) AS n FROM t GROUP BY s ORDER BY s');
    expect(readdirSync(parent)).toEqual([settings.tempDirectory.slice(parent.length + 1)]);
    session.close();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('a session that is never closed leaves no empty spill folder', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'seglab-spill-'));
    const sessions = [await DuckSession.open({ tempDirectory: parent }), await DuckSession.open({ tempDirectory: parent })];
    const folders = await Promise.all(sessions.map(async (s) => (await s.settings()).tempDirectory));
    expect(new Set(folders).size).toBe(2);
    expect(readdirSync(parent)).toEqual([]);
    for (const s of sessions) s.close();
  });

  it('bad settings are a UsageError naming the value', async () => {
    await expect(DuckSession.open({ memoryLimit: 'lots' })).rejects.toThrow(UsageError);
    await expect(DuckSession.open({ memoryLimit: 'lots' })).rejects.toThrow(/memoryLimit: got "lots", expected a size such as 2GB/);
    await expect(DuckSession.open({ threads: 0 })).rejects.toThrow(/threads: got 0/);
    expect(() => config({ memoryLimit: '2 gigs' })).toThrow(/expected a size such as 2GB or 512MB/);
    expect(() => config({ memory: '2GB' })).toThrow(/memory/);
  });

  it("the run uses config.duckdb (tempDirectory relative to the config's folder) and the manifest says what was used", async () => {
    const dir = folder();
    const result = await runPipeline(config({ memoryLimit: '1GB', tempDirectory: 'spill', threads: 1 }), { baseDir: dir, outDir: join(dir, 'out'), runId: 'a' });
    expect(result.manifest.duckdb).toEqual({ memoryLimit: '953.6 MiB', threads: 1, tempDirectory: expect.stringContaining(join(dir, 'spill', 'seglab-duckdb-')) });
    const manifest = JSON.parse(readFileSync(join(result.dir, 'manifest.json'), 'utf8'));
    expect(manifest.duckdb.memoryLimit).toBe('953.6 MiB');
    // The spill folder of the run is gone, its parent stays.
    expect(existsSync(join(dir, 'spill'))).toBe(true);
    expect(readdirSync(join(dir, 'spill'))).toEqual([]);
    // --memory-limit (RunOptions.memoryLimit) wins over the config; without either, the default.
    const cli = await runPipeline(config({ memoryLimit: '1GB' }), { baseDir: dir, outDir: join(dir, 'out'), runId: 'b', memoryLimit: '3GB' });
    expect(cli.manifest.duckdb?.memoryLimit).toBe('2.7 GiB');
    const plain = await runPipeline(config(), { baseDir: dir, outDir: join(dir, 'out'), runId: 'c' });
    expect(plain.manifest.duckdb?.memoryLimit).toBe('1.8 GiB');
    expect(plain.manifest.config).not.toHaveProperty('duckdb');
  });
});

describe('seglab profile and features open the session the config describes', () => {
  it('profileFiles and featureFile take duckdb: from the config (the spill folder, relative to the config file, is the one used)', async () => {
    const dir = folder();
    const yaml = [
      'name: duck',
      'asOf: 2026-07-01',
      'data:',
      '  customers: { path: customers.csv }',
      '  transactions: { path: transactions.csv }',
      'duckdb: { tempDirectory: spill-here, threads: 1 }',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'run.yaml'), yaml);
    const input = resolveDataInput({ config: join(dir, 'run.yaml') });
    expect(input.duckdb).toEqual({ tempDirectory: join(dir, 'spill-here'), threads: 1 });
    expect(existsSync(join(dir, 'spill-here'))).toBe(false);
    await profileFiles(input);
    // The session made its spill sub-folder there and removed it on close.
    expect(readdirSync(join(dir, 'spill-here'))).toEqual([]);
    await featureFile(input, join(dir, 'features.csv'));
    expect(readdirSync(join(dir, 'spill-here'))).toEqual([]);
    expect(readFileSync(join(dir, 'features.csv'), 'utf8').split('\n')[0]).toContain('customer_id');
  });

  it('without a config, the defaults', () => {
    expect(resolveDataInput({ path: folder(), asOf: '2026-07-01' }).duckdb).toEqual({});
  });
});
