import type { Client } from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { checkBundles, checkConditions, checkNumberLiterals } from './agreement';
import { SKIP_POSTGRES, startPostgres } from './postgres';
import { postgresDb } from './postgresDb';
import type { Db } from './arbitraries';

// The same properties as on DuckDB, on a real PostgreSQL (fails when PostgreSQL is not installed,
// unless SEGLAB_SKIP_POSTGRES=1).
describe.skipIf(SKIP_POSTGRES)('conditionToSql / bundleCaseSql on PostgreSQL agree with the JSON Logic evaluator', () => {
  let client: Client;
  let db: Db;
  beforeAll(async () => {
    client = await startPostgres();
    db = await postgresDb(client);
  });
  afterAll(async () => {
    await client?.end();
  });

  it('number literals read back as the same double', async () => {
    await checkNumberLiterals(db);
  });
  it('random conditions: SQL value (never NULL) == evaluator truthiness on every row', async () => {
    await checkConditions(db, 8, 25);
  });
  it('random bundles: CASE WHEN gives the first matching segment (or the fallback); scores add up', async () => {
    await checkBundles(db, 5, 8);
  });
});
