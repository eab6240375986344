import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseEngine } from '../../../src/engine/ClickHouseEngine';
import { SKIP_CLICKHOUSE, SKIP_REASON, startClickHouse } from '../../engine/clickhouse';
import { checkBundles, checkConditions, checkNumberLiterals } from './agreement';
import { conditionToSql, quoteIdentifier } from '../../../src/rules';
import type { Condition } from '../../../src/rules/Condition';
import { FIELDS, holds, type Db, type Rec } from './arbitraries';
import { clickhouseDb } from './clickhouseDb';

// The same properties as on DuckDB and PostgreSQL, with the clickhouse dialect executed on the local
// two-shard cluster (a Distributed table over both shards; fails when ClickHouse is not installed,
// unless SEGLAB_SKIP_CLICKHOUSE=1).
describe.skipIf(SKIP_CLICKHOUSE)(`conditionToSql / bundleCaseSql on a two-shard ClickHouse cluster agree with the JSON Logic evaluator${SKIP_CLICKHOUSE ? ` (${SKIP_REASON})` : ''}`, () => {
  let engine: ClickHouseEngine;
  let db: Db;
  beforeAll(async () => {
    engine = await startClickHouse();
    db = await clickhouseDb(engine, 'seglab_test_rules');
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('number literals read back as the same double', async () => {
    await checkNumberLiterals(db);
  });
  it('random conditions: SQL value (never NULL) == evaluator truthiness on every row', async () => {
    await checkConditions(db, 8, 25);
  }, 120_000);
  it('random bundles: CASE WHEN gives the first matching segment (or the fallback); scores add up', async () => {
    await checkBundles(db, 5, 8);
  }, 120_000);

  it('what ClickHouse 18.16 read differently: TRUE / FALSE, subnormal literals, NOT NOT over a Distributed table, -0 IN (0)', async () => {
    const records: Rec[] = [{ x: -0, d: -0 }, { x: 5e-324, d: 0 }, { x: 0.5 }, {}];
    const conditions: Condition[] = [
      true,
      false,
      { in: [{ var: 'd' }, [0, 2]] },
      { '==': [{ var: 'x' }, 5e-324] },
      { '<': [{ var: 'x' }, -5e-324] },
      { '!': [{ '!': [{ and: [{ '<': [{ var: 'x' }, 1] }, { '>': [{ var: 'x' }, -1] }] }] }] },
      { '!': [{ '!': [{ or: [{ '==': [{ var: 's' }, 'a'] }, false] }] }] },
    ];
    await db.load(records);
    const cols = conditions.map((c, i) => `${conditionToSql(c, 'clickhouse', { fields: FIELDS })} AS ${quoteIdentifier(`c${i}`, 'clickhouse')}`);
    const rows = await db.query(`SELECT ${quoteIdentifier('id', 'clickhouse')}, ${cols.join(', ')} FROM r ORDER BY 1`);
    expect(rows.map((row) => conditions.map((_, j) => row[`c${j}`]))).toEqual(records.map((r) => conditions.map((c) => holds(c, r))));
  });
});
