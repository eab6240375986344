import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/core/errors';
import { DuckSession } from '../../src/data/DuckSession';
import { ClickHouseEngine } from '../../src/engine/ClickHouseEngine';
import { clickHouseSettingsFromEnv } from '../../src/engine/ClickHouseSettings';
import { DuckDbEngine } from '../../src/engine/DuckDbEngine';
import { SKIP_CLICKHOUSE, SKIP_REASON, startClickHouse } from './clickhouse';

describe('ClickHouse settings come from the environment only', () => {
  it('defaults to the local two-shard cluster; credentials and shards from SEGLAB_CLICKHOUSE_*', () => {
    expect(clickHouseSettingsFromEnv({})).toEqual({
      url: 'http://127.0.0.1:18123', user: 'default', password: '', database: 'default', cluster: 'seglab',
      shardUrls: ['http://127.0.0.1:18123', 'http://127.0.0.1:18124'],
    });
    const s = clickHouseSettingsFromEnv({ SEGLAB_CLICKHOUSE_URL: 'https://ch.example:8443', SEGLAB_CLICKHOUSE_USER: 'seg', SEGLAB_CLICKHOUSE_PASSWORD: 'pw', SEGLAB_CLICKHOUSE_SHARD_URLS: 'http://a:8123, http://b:8123', SEGLAB_CLICKHOUSE_DATABASE: 'shop' });
    expect(s).toMatchObject({ url: 'https://ch.example:8443', user: 'seg', password: 'pw', database: 'shop', shardUrls: ['http://a:8123', 'http://b:8123'] });
  });

  it('a malformed URL or database name is a usage error naming the variable', () => {
    expect(() => clickHouseSettingsFromEnv({ SEGLAB_CLICKHOUSE_URL: 'localhost:8123' })).toThrow(UsageError);
    expect(() => clickHouseSettingsFromEnv({ SEGLAB_CLICKHOUSE_URL: 'localhost:8123' })).toThrow(/SEGLAB_CLICKHOUSE_URL/);
    expect(() => clickHouseSettingsFromEnv({ SEGLAB_CLICKHOUSE_DATABASE: 'a; DROP' })).toThrow(/SEGLAB_CLICKHOUSE_DATABASE/);
  });
});

describe('a cluster that is down is an InputError that says what to do', () => {
  it('connect to a port nothing listens on', async () => {
    const settings = { ...clickHouseSettingsFromEnv({}), url: 'http://127.0.0.1:1' };
    const error = await ClickHouseEngine.connect(settings).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(String((error as Error).message)).toMatch(/ClickHouse at http:\/\/127\.0\.0\.1:1 does not answer/);
    expect(JSON.stringify((error as InputError).problems)).toMatch(/scripts\/clickhouse-cluster start/);
  });
});

describe('the DuckDB engine runs statements on the session', () => {
  it('run, all, describe', async () => {
    const session = await DuckSession.open({ threads: 1 });
    try {
      const engine = new DuckDbEngine(session);
      await engine.run('CREATE TABLE t AS SELECT 1 AS a');
      expect(await engine.all('SELECT a FROM t')).toEqual([{ a: 1 }]);
      expect((await engine.describe()).engine).toBe('duckdb');
      await engine.close();
      expect(await session.scalar('SELECT count(*) FROM t')).toBe(1);
    } finally {
      session.close();
    }
  });
});

describe.skipIf(SKIP_CLICKHOUSE)(`the ClickHouse engine on the local cluster${SKIP_CLICKHOUSE ? ` (${SKIP_REASON})` : ''}`, () => {
  let engine: ClickHouseEngine;
  beforeAll(async () => {
    engine = await startClickHouse();
  }, 120_000);
  afterAll(async () => engine?.close());

  it('describes the server version and the two-shard layout (what the manifest records)', async () => {
    const info = await engine.describe();
    expect(info.engine).toBe('clickhouse');
    expect(info.version).toMatch(/^\d+\.\d+/);
    expect(info.cluster).toEqual({ name: 'seglab', shards: ['127.0.0.1:19000', '127.0.0.1:19001'] });
  });

  it('spill settings: external GROUP BY and ORDER BY above half the per-query memory limit (the local cluster: 1.5 GB)', async () => {
    expect(await engine.spillSettings()).toEqual({ max_bytes_before_external_group_by: '750000000', max_bytes_before_external_sort: '750000000' });
  });

  it('a missing table is an InputError naming it, with how to upload', async () => {
    const error = await engine.all('SELECT count() FROM seglab_no_such_table').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/has no table default\.seglab_no_such_table/);
    expect(JSON.stringify((error as InputError).problems)).toMatch(/seglab load --engine clickhouse|uploadToClickHouse/);
  });

  it('other ClickHouse errors keep its message and the statement', async () => {
    await expect(engine.all('SELECT no_such_function(1)')).rejects.toThrow(/Unknown function no_such_function[\s\S]*statement: SELECT no_such_function/);
  });

  it('streams each shard\'s rows to its file as JSON lines, the rows allOnShards gives; an error after the first rows is an error, not a short file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seglab-stream-'));
    try {
      const files = [join(dir, 'a.jsonl'), join(dir, 'b.jsonl')];
      const sql = 'SELECT number AS n, toDecimal64(number / 3, 4) AS d, toString(number) AS s FROM system.numbers LIMIT 20000';
      await engine.streamOnShards(sql, files);
      const rows = await engine.allOnShards(sql);
      files.forEach((f, i) => {
        const lines = readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(lines.length).toBe(20000);
        expect(lines).toEqual(rows[i]);
      });
      // Blocks of 1,000 rows: the server has sent megabytes of rows before row 1,500,000 throws; the body ends in its exception.
      for (const f of files) rmSync(f);
      const failing = 'SELECT number AS n, throwIf(number = 1500000) AS t FROM system.numbers LIMIT 2000000';
      const error = await engine.streamOnShards(failing, files, { max_block_size: '1000' }).catch((e: unknown) => e);
      expect(String((error as Error).message)).toMatch(/ClickHouse at http:\S+ failed: [\s\S]*(Code: 395|throwIf|Value passed)/);
      expect(readFileSync(files[0]!, 'utf8').length).toBeGreaterThan(1_000_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
