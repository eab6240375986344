import { afterEach, describe, expect, it } from 'vitest';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { profileTables } from '../../src/data/profileTables';
import { tempDir, writeFile } from './helpers';

/** Statements that hash every row's values: the costly part of the exact-duplicate check. */
function hashPasses(session: DuckSession): string[] {
  const seen: string[] = [];
  for (const method of ['run', 'all'] as const) {
    const original = session[method].bind(session) as (sql: string, params?: never) => Promise<never>;
    (session as unknown as Record<string, unknown>)[method] = (sql: string, params?: never) => {
      if (/hash\(/.test(sql)) seen.push(sql);
      return original(sql, params);
    };
  }
  return seen;
}

describe('exact duplicate rows: one pass over the rows gives the count and the example rows', () => {
  let session: DuckSession | undefined;
  afterEach(() => session?.close());

  it('one hashing pass over a table with repeats, none more in the profile; same count and rows', async () => {
    const dir = tempDir();
    const lines = ['customer_id,ts,event_type'];
    for (let i = 0; i < 500; i++) lines.push(`c${i % 50},2026-01-0${1 + (i % 9)} 10:00:0${i % 7},session`);
    // Rows 501 and 503 repeat rows 1 and 2; row 504 repeats row 1 again.
    lines.push('c0,2026-01-01 10:00:00,session', 'c9,2026-01-09 10:00:06,product_view', 'c1,2026-01-02 10:00:01,session', 'c0,2026-01-01 10:00:00,session');
    writeFile(dir, 'events.csv', lines.join('\n') + '\n');
    session = await DuckSession.open();
    const passes = hashPasses(session);
    const load = await loadTables(session, { events: { path: 'events.csv' } }, { baseDir: dir });
    const events = load.tables[0]!;
    expect(events.duplicateRows).toEqual({ count: 3, columns: ['customer_id', 'ts', 'event_type'], sampleRows: [501, 503, 504] });
    expect(load.warnings.find((w) => w.check === 'duplicate-rows')).toMatchObject({ count: 3, sampleRows: [501, 503, 504], location: { line: 502, row: 501 } });
    expect(passes).toHaveLength(1);
    const profile = await profileTables(session, load, { asOf: '2026-07-01' });
    expect(profile.tables[0]!.duplicateRows).toMatchObject({ count: 3, sampleRows: [501, 503, 504] });
    expect(passes).toHaveLength(1);
  });
});
