import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckSession } from '../../src/data/DuckSession';
import { ntileAt, rfmScores } from '../../src/features/rfmScores';
import { Rng } from '../../src/core/rng';

describe('rfmScores: DuckDB ntile with ties sharing the lowest tile, on a gathered table', () => {
  let session: DuckSession;
  beforeAll(async () => {
    session = await DuckSession.open({ threads: 1 });
  });
  afterAll(() => session.close());

  it('ntileAt follows DuckDB: the first N mod n tiles hold one row more; fewer rows than tiles', async () => {
    for (const [total, bins] of [[10, 3], [7, 5], [3, 5], [1, 5], [25, 5], [11, 4]] as const) {
      const rows = await session.all(`SELECT ntile(${bins}) OVER (ORDER BY i) AS t FROM range(${total}) r(i) ORDER BY i`);
      expect(Array.from({ length: total }, (_, i) => ntileAt(i, total, bins))).toEqual(rows.map((r) => r.t));
    }
  });

  it('equals the feature statement\'s SQL (ntile + min over the value) on random data with many ties and non-buyers', async () => {
    const rng = new Rng(7);
    for (const [n, bins] of [[200, 5], [57, 4], [6, 5], [1000, 10]] as const) {
      const rec = new Float64Array(n), freq = new Float64Array(n), mon = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        freq[i] = rng.next() < 0.2 ? 0 : 1 + Math.floor(rng.next() * 6);
        rec[i] = Math.floor(rng.next() * 40);
        mon[i] = Math.round(rng.next() * 20) / 4 - 1;
      }
      await session.run('CREATE OR REPLACE TABLE t (i INTEGER, rec DOUBLE, freq DOUBLE, mon DOUBLE)');
      await session.run(`INSERT INTO t SELECT * FROM (VALUES ${Array.from({ length: n }, (_, i) => `(${i}, ${rec[i]}, ${freq[i]}, ${mon[i]})`).join(', ')})`);
      const rows = await session.all(`
        WITH tiles AS (
          SELECT i, rec, freq, mon,
                 ntile(${bins}) OVER (ORDER BY rec DESC) AS rt, ntile(${bins}) OVER (ORDER BY freq) AS ft, ntile(${bins}) OVER (ORDER BY mon) AS mt
          FROM t WHERE freq > 0),
        scores AS (
          SELECT i, min(rt) OVER (PARTITION BY rec) AS r, min(ft) OVER (PARTITION BY freq) AS f, min(mt) OVER (PARTITION BY mon) AS m FROM tiles)
        SELECT t.i, scores.r, scores.f, scores.m FROM t LEFT JOIN scores USING (i) ORDER BY t.i`);
      const got = rfmScores(rec, freq, mon, bins);
      const asNull = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));
      expect(asNull(got.r)).toEqual(rows.map((r) => r.r));
      expect(asNull(got.f)).toEqual(rows.map((r) => r.f));
      expect(asNull(got.m)).toEqual(rows.map((r) => r.m));
    }
  });

  it('refuses arrays of different lengths and a bad bin count', () => {
    expect(() => rfmScores(new Float64Array(2), new Float64Array(3), new Float64Array(2), 5)).toThrow(/same length/);
    expect(() => rfmScores(new Float64Array(2), new Float64Array(2), new Float64Array(2), 0)).toThrow(/bins/);
  });
});
