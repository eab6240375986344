import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseEngine } from '../../src/engine/ClickHouseEngine';
import { SKIP_CLICKHOUSE, SKIP_REASON, startClickHouse } from '../engine/clickhouse';
import { seglab } from './helpers';

describe('seglab load --engine clickhouse', () => {
  it('a cluster that is down: exit 2 and what to do, no stack trace', async () => {
    const r = await seglab(['load', '--engine', 'clickhouse', 'data/sample'], { env: { SEGLAB_CLICKHOUSE_URL: 'http://127.0.0.1:1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ClickHouse at http:\/\/127\.0\.0\.1:1 does not answer/);
    expect(r.stderr).toMatch(/scripts\/clickhouse-cluster start/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--engine is required and only clickhouse is accepted', async () => {
    expect((await seglab(['load', 'data/sample'])).code).toBe(2);
    expect((await seglab(['load', '--engine', 'duckdb', 'data/sample'])).code).toBe(2);
  });
});

describe.skipIf(SKIP_CLICKHOUSE)(`seglab load --engine clickhouse on the local cluster${SKIP_CLICKHOUSE ? ` (${SKIP_REASON})` : ''}`, () => {
  let engine: ClickHouseEngine;
  beforeAll(async () => {
    engine = await startClickHouse();
  }, 120_000);
  afterAll(async () => engine?.close());

  it('uploads the sample into a new database, sharded over both shards', async () => {
    await engine.run('DROP DATABASE IF EXISTS seglab_test_cli');
    const r = await seglab(['load', '--engine', 'clickhouse', 'data/sample'], { env: { SEGLAB_CLICKHOUSE_DATABASE: 'seglab_test_cli' } });
    expect(r.stderr.split('\n').filter((l) => /error/i.test(l))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^seglab_test_cli\.customers: 3000 rows \(shard 1: \d+, shard 2: \d+\)/m);
    const rows = await engine.all('SELECT count() AS n, uniqExact(customer_id) AS c FROM seglab_test_cli.transactions');
    expect(rows).toEqual([{ n: 54470, c: expect.any(Number) }]);
  }, 120_000);
});
