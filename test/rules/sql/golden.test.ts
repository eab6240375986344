import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckSession } from '../../../src/data/DuckSession';
import { bundleCaseSql, bundleToSql, SQL_DIALECTS } from '../../../src/rules';
import { expectGoldenText } from '../../golden';
import { GOLDEN_BUNDLE } from './goldenBundle';

// The SQL text of a small hand-written bundle for every dialect, compared with test/golden/rules/<dialect>.sql
// (rewritten only by `npm run golden:update`; review the diff before committing it).
const DIR = join(__dirname, '..', '..', 'golden', 'rules');
const OPTIONS = { table: ['analytics', 'customer features'], idColumn: 'customer_id' };

describe('bundleToSql golden text', () => {
  for (const dialect of SQL_DIALECTS) {
    it(`${dialect}`, () => {
      const sql = bundleToSql(GOLDEN_BUNDLE, dialect, OPTIONS);
      expectGoldenText(join(DIR, `${dialect}.sql`), sql);
      // The query is the header, SELECT and the same expression bundleCaseSql returns, laid out.
      expect(sql.replace(/^--.*\n/gm, '').replace(/\s*\n\s*/g, ' ')).toContain(bundleCaseSql(GOLDEN_BUNDLE, dialect).replace(/\n/g, ' '));
    });
  }
});

describe('the golden DuckDB query runs and gives the first matching segment', () => {
  let session: DuckSession;
  beforeAll(async () => {
    session = await DuckSession.open({ threads: 1 });
    await session.run(`CREATE SCHEMA analytics; CREATE TABLE analytics."customer features" (customer_id INTEGER, age DOUBLE, city VARCHAR, "rev""enue" DOUBLE, orders DOUBLE, recency_days DOUBLE);
      INSERT INTO analytics."customer features" VALUES
        (1, 20, 'Paris', -50, 0, 5), (2, 20, 'Zürich\\West', NULL, NULL, NULL), (3, 30, 'Paris', 0, 0, 5), (4, NULL, NULL, NULL, 3, 5),
        (5, NULL, 'x''; DROP TABLE t; --', -20, 5, NULL), (6, 40, 'new
line', -13, 0, 5), (7, 25, 'Lyon', -12.5, 2, 10), (8, 29.9, 'L''Haÿ-les-Roses', -100, 0, 5)`);
  });
  afterAll(() => session?.close());

  // Row 4 has only NULLs but orders: a missing revenue counts as 0, and 0 <= -12.5 is false, so NOT … is segment 2.
  // Row 5 never ordered: its missing recency (days) is longer than 180 days, so it is segment 4, not the fallback.
  it('segments 1, 1, 2, 2, 4, 3, 0, 1', async () => {
    const rows = await session.all(bundleToSql(GOLDEN_BUNDLE, 'duckdb', OPTIONS).replace(/;\n$/, ' ORDER BY 1'));
    expect(rows.map((r) => r.segment)).toEqual([1, 1, 2, 2, 4, 3, 0, 1]);
  });
});
