import { afterAll, beforeAll, describe, it } from 'vitest';
import { checkBundles, checkConditions, checkNumberLiterals } from './agreement';
import { openDuckDb } from './duckdbDb';

// 8 × 25 = 200 random conditions over 50 random records each; 5 × 8 segment bundles (+ score bundles).
describe('conditionToSql / bundleCaseSql on DuckDB agree with the JSON Logic evaluator', () => {
  let db: Awaited<ReturnType<typeof openDuckDb>>;
  beforeAll(async () => {
    db = await openDuckDb();
  });
  afterAll(() => db?.close());

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
