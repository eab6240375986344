import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyTrue, columnNullFacts } from '../../src/data/columnNullFacts';
import { DuckSession } from '../../src/data/DuckSession';

describe('columnNullFacts and anyTrue: from the column statistics, confirmed where they may overstate', () => {
  let session: DuckSession;
  beforeAll(async () => {
    session = await DuckSession.open();
  });
  afterAll(async () => {
    await session.close();
  });

  it('says which columns have NULLs and values, for every type, with hostile text in the values', async () => {
    await session.run(`CREATE OR REPLACE TABLE t AS SELECT * FROM (VALUES
      ('[Has Null: false, Has No Null: false]', 1.5, NULL::TIMESTAMP, NULL::VARCHAR, false, true),
      (NULL, 2.0, TIMESTAMP '2024-01-01', NULL, false, NULL),
      ('x', NULL, TIMESTAMP '2024-01-02', NULL, false, false)) v(a, b, c, d, e, f)`);
    expect(await columnNullFacts(session, 't', ['a', 'b', 'c', 'd', 'e', 'f'])).toEqual([
      { hasNull: true, hasValue: true },
      { hasNull: true, hasValue: true },
      { hasNull: true, hasValue: true },
      { hasNull: true, hasValue: false },
      { hasNull: false, hasValue: true },
      { hasNull: true, hasValue: true },
    ]);
    expect(await anyTrue(session, 't', 'e')).toBe(false);
    expect(await anyTrue(session, 't', 'f')).toBe(true);
    expect(await columnNullFacts(session, 't', [])).toEqual([]);
  });

  it('statistics that still count deleted rows (a NULL, a true) are corrected by the confirming query', async () => {
    await session.run(`CREATE OR REPLACE TABLE u AS SELECT i, CASE WHEN i = 7 THEN NULL ELSE i END AS v, i = 7 AS flag FROM range(10) r(i)`);
    expect(await columnNullFacts(session, 'u', ['v'])).toEqual([{ hasNull: true, hasValue: true }]);
    expect(await anyTrue(session, 'u', 'flag')).toBe(true);
    await session.run('DELETE FROM u WHERE i = 7');
    // DuckDB keeps the statistics of what was appended: they still say "may have NULLs" and "max true".
    expect(String(await session.scalar('SELECT stats(v) FROM u LIMIT 1'))).toMatch(/Has Null: true/);
    expect(await columnNullFacts(session, 'u', ['v'])).toEqual([{ hasNull: false, hasValue: true }]);
    expect(await anyTrue(session, 'u', 'flag')).toBe(false);
    await session.run('DELETE FROM u');
    expect(await columnNullFacts(session, 'u', ['v'])).toEqual([{ hasNull: false, hasValue: false }]);
  });
});
