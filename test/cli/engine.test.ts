// `seglab run` with `engine: clickhouse` as a user meets it: a cluster that is down and a table that is missing
// are exit 2 with what to do (no stack trace, no run folder left); a run that works records the engine, its version
// and the cluster layout in manifest.json, and neither the ClickHouse user nor its password lands in the run folder.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseEngine } from '../../src/engine/ClickHouseEngine';
import { clickHouseSettingsFromEnv } from '../../src/engine/ClickHouseSettings';
import { SKIP_CLICKHOUSE, SKIP_REASON, startClickHouse, TEST_USER } from '../engine/clickhouse';
import { seglab, tempDir, writeSampleConfig } from './helpers';

const DB = 'seglab_test_cli_engine';

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The sample config with `engine: clickhouse` and the given stages, its output folder beside it. */
function engineConfig(dir: string, stages?: string): string {
  const path = writeSampleConfig(dir, 'sample-clickhouse.yaml', '  k: 3');
  writeFileSync(path, `${readFileSync(path, 'utf8')}engine: clickhouse\n${stages ? `stages: ${stages}\n` : ''}output:\n  dir: ${join(dir, 'runs')}\n`);
  return path;
}

/** No line of a Node stack trace. */
const STACK = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('seglab run with engine: clickhouse and no server at SEGLAB_CLICKHOUSE_URL', () => {
  const dir = tempDir('seglab-cli-engine-down-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exit 2 naming the URL and how to start the cluster; no stack trace, no run folder', async () => {
    const r = await seglab(['run', '--config', engineConfig(dir, '[features]')], { env: { SEGLAB_CLICKHOUSE_URL: 'http://127.0.0.1:1' } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/ClickHouse at http:\/\/127\.0\.0\.1:1 does not answer/);
    expect(r.stderr).toMatch(/scripts\/clickhouse-cluster start/);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toMatch(/unexpected failure/);
    const runs = join(dir, 'runs');
    expect(existsSync(runs) ? filesUnder(runs).filter((f) => f.endsWith('manifest.json')) : []).toEqual([]);
  }, 120_000);
});

describe.skipIf(SKIP_CLICKHOUSE)(`seglab run with engine: clickhouse on the local cluster${SKIP_CLICKHOUSE ? ` (${SKIP_REASON})` : ''}`, () => {
  let engine: ClickHouseEngine;
  const dir = tempDir('seglab-cli-engine-');
  // A user with a password (the cluster script's test user): what must stay out of the run folder.
  const env = { SEGLAB_CLICKHOUSE_DATABASE: DB, SEGLAB_CLICKHOUSE_USER: TEST_USER.user, SEGLAB_CLICKHOUSE_PASSWORD: TEST_USER.password };
  beforeAll(async () => {
    engine = await startClickHouse();
    // An empty database on every shard: the tables are missing until the upload.
    for (const url of await engine.shardUrls()) {
      const shard = await ClickHouseEngine.connect({ ...engine.settings, url, database: 'default' });
      try {
        await shard.run(`DROP DATABASE IF EXISTS ${DB}`);
        await shard.run(`CREATE DATABASE ${DB}`);
      } finally {
        await shard.close();
      }
    }
    // The test user logs in (the cluster script writes it; a running server reloads its users.xml within seconds).
    const settings = { ...clickHouseSettingsFromEnv(env) };
    for (let waited = 0; ; waited += 250) {
      const ok = await ClickHouseEngine.connect(settings).then(async (e) => (await e.close(), true), (e: unknown) => (waited >= 20_000 ? Promise.reject(e) : false));
      if (ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a missing table: exit 2 naming the table and seglab load --engine clickhouse; no stack trace', async () => {
    const r = await seglab(['run', '--config', engineConfig(join(dir), '[features]')], { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`no table ${DB}\\.customers`));
    expect(r.stderr).toMatch(/seglab load --engine clickhouse/);
    expect(r.stderr).not.toMatch(STACK);
  }, 120_000);

  it('after seglab load --engine clickhouse, the run works; manifest.json has the engine, its version, the cluster and its shards; no user or password in any file of the run folder', async () => {
    const config = engineConfig(dir);
    const load = await seglab(['load', '--engine', 'clickhouse', '--config', config], { env });
    expect(load.code, load.stderr).toBe(0);
    const r = await seglab(['run', '--config', config], { env });
    expect(r.code, r.stderr).toBe(0);
    const manifests = filesUnder(join(dir, 'runs')).filter((f) => f.endsWith('manifest.json'));
    expect(manifests).toHaveLength(1);
    const manifest = JSON.parse(readFileSync(manifests[0]!, 'utf8'));
    expect(manifest.engine).toEqual({ engine: 'clickhouse', version: expect.stringMatching(/^\d+\.\d+/), cluster: { name: 'seglab', shards: ['127.0.0.1:19000', '127.0.0.1:19001'] } });
    expect(manifest.config.engine).toBe('clickhouse');
    const runDir = join(manifests[0]!, '..');
    const files = filesUnder(runDir);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of [TEST_USER.user, TEST_USER.password, 'SEGLAB_CLICKHOUSE']) expect(bytes.includes(secret), `${secret} in ${file}`).toBe(false);
    }
  }, 300_000);
});
