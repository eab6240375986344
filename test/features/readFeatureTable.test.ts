import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DuckSession, quoteLiteral } from '../../src/data/DuckSession';
import { readFeatureTable } from '../../src/features/readFeatureTable';
import { HOSTILE_IDS } from '../core/hostileValues';

let session: DuckSession;

beforeAll(async () => {
  session = await DuckSession.open();
  // few: 16 levels with hostile text (empty string, quotes, commas, unicode) and NULLs; many: 5,000 distinct values
  // (more than the ENUM path takes); none: every value NULL; n: a number.
  const levels = [...HOSTILE_IDS, 'a', 'b'];
  await session.run(`CREATE TABLE features AS
    SELECT printf('C%05d', i) AS customer_id,
           CASE WHEN i % 7 = 0 THEN NULL ELSE ([${levels.map(quoteLiteral).join(', ')}])[1 + i % ${levels.length}] END AS few,
           'v' || i AS many,
           CAST(NULL AS VARCHAR) AS none,
           i / 4 AS n
    FROM range(5000) t(i)`);
});

afterAll(() => session?.close());

describe('readFeatureTable', () => {
  it('reads text columns with few levels (through an ENUM), many levels and no values as the table holds them', async () => {
    const t = await readFeatureTable(session);
    const expected = await session.columns('SELECT few, many, none, n FROM features ORDER BY customer_id');
    expect(t.rowCount).toBe(5000);
    expect(t.ids[0]).toBe('C00000');
    expect(t.categorical.few).toEqual(expected.columns.few);
    expect(t.categorical.many).toEqual(expected.columns.many);
    expect(t.categorical.none).toEqual(new Array(5000).fill(null));
    expect(Array.from(t.numeric.n!)).toEqual(Array.from(expected.columns.n as Float64Array));
    expect(new Set(t.categorical.few).size).toBe(HOSTILE_IDS.length + 2 + 1);
  });

  it('reads the few-level column, and only it, through an ENUM of its sorted levels (hostile text kept)', async () => {
    const run = vi.spyOn(session.connection, 'run');
    try {
      await readFeatureTable(session);
      const sql = String(run.mock.calls.find((c) => String(c[0]).includes('ORDER BY customer_id'))?.[0]);
      const levels = (await session.all('SELECT DISTINCT few AS v FROM features WHERE few IS NOT NULL ORDER BY v')).map((r) => String(r.v));
      expect(levels).toHaveLength(HOSTILE_IDS.length + 2);
      expect(sql).toContain(`CAST(CAST("few" AS VARCHAR) AS ENUM(${levels.map(quoteLiteral).join(', ')}))`);
      expect(sql.match(/ENUM\(/g)).toHaveLength(1);
    } finally {
      run.mockRestore();
    }
  });

  it('reports its rows to a progress display, as a step of its own', async () => {
    const log: string[] = [];
    await readFeatureTable(session, ['few'], { progress: { start: (s, n) => log.push(`start ${s} ${n}`), update: (d) => log.push(`update ${d}`), end: (d) => log.push(`end ${d}`), note: () => {} } });
    expect(log[0]).toBe('start read the features table 5000');
    expect(log.at(-2)).toBe('update 5000');
    expect(log.at(-1)).toBe('end 5,000 rows × 1 columns');
  });
});
