import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clvSummary, DuckSession, InputError, UsageError } from '../../src';
import { HAVE_CDNOW, loadCdnowSample, readCdnowSummary } from './cdnow';

let session: DuckSession;
beforeAll(async () => {
  session = await DuckSession.open();
});
afterAll(() => session.close());

describe('clvSummary', () => {
  it('merges same-day purchases, counts repeat days, takes the mean repeat day value, and splits calibration / holdout', async () => {
    await session.run(`CREATE OR REPLACE TABLE transactions AS SELECT * FROM (VALUES
      ('a', TIMESTAMP '2024-01-01 09:00', 10.0), ('a', TIMESTAMP '2024-01-01 17:00', 5.0),
      ('a', TIMESTAMP '2024-01-08 10:00', 20.0), ('a', TIMESTAMP '2024-01-15 00:00', 40.0), ('a', TIMESTAMP '2024-01-15 12:00', -10.0),
      ('a', TIMESTAMP '2024-01-29 08:00', 7.0), ('a', TIMESTAMP '2024-02-05 08:00', 3.0), ('a', TIMESTAMP '2024-03-01 08:00', 99.0),
      ('b', TIMESTAMP '2024-01-22 08:00', 50.0), ('b', TIMESTAMP '2024-01-25 08:00', -50.0),
      ('c', TIMESTAMP '2024-01-29 00:00', 1.0),
      ('d', TIMESTAMP '2024-01-30 00:00', 1.0)) t(customer_id, ts, amount)`);
    const s = await clvSummary(session, { calibrationEnd: '2024-01-29', observationEnd: '2024-02-26', unit: 'days' });
    expect(s.customerIds).toEqual(['a', 'b', 'c']);
    // a: days 01-01 (15), 01-08 (20), 01-15 (30 net), 01-29 (7) → 3 repeat days, mean (20 + 30 + 7) / 3.
    expect(Array.from(s.frequency)).toEqual([3, 0, 0]);
    expect(Array.from(s.recency)).toEqual([28, 0, 0]);
    expect(Array.from(s.T)).toEqual([28, 7, 0]);
    expect(s.monetaryValue[0]).toBeCloseTo(19, 12);
    expect(Array.from(s.monetaryValue.subarray(1))).toEqual([0, 0]);
    // Holdout: 02-05 counts, 03-01 is after the observation end; b's return-only day is no purchase.
    expect(s.holdout!.duration).toBe(28);
    expect(Array.from(s.holdout!.purchases)).toEqual([1, 0, 0]);
    expect(Array.from(s.holdout!.value)).toEqual([3, 0, 0]);
    const weeks = await clvSummary(session, { calibrationEnd: '2024-01-29' });
    expect(weeks.unit).toBe('weeks');
    expect(Array.from(weeks.T)).toEqual([4, 1, 0]);
    expect(weeks.holdout).toBeUndefined();
  });

  it('bad options and a missing transactions table are clear errors', async () => {
    await expect(clvSummary(session, { calibrationEnd: '2024-02-30' })).rejects.toThrow(/Invalid clvSummary calibrationEnd: got "2024-02-30"/);
    await expect(clvSummary(session, { calibrationEnd: '2024-02-01', observationEnd: '2024-01-01' })).rejects.toThrow(/Invalid clvSummary observationEnd: got "2024-01-01", expected a day after calibrationEnd \(2024-02-01\)/);
    await expect(clvSummary(session, { calibrationEnd: '2024-02-01', unit: 'months' as never })).rejects.toThrow(UsageError);
    const empty = await DuckSession.open();
    try {
      await expect(clvSummary(empty, { calibrationEnd: '2024-02-01' })).rejects.toThrow(InputError);
      await empty.run(`CREATE TABLE transactions (customer_id VARCHAR, ts TIMESTAMP)`);
      await expect(clvSummary(empty, { calibrationEnd: '2024-02-01' })).rejects.toThrow(/no amount column/);
    } finally {
      empty.close();
    }
  });

  it.skipIf(!HAVE_CDNOW)('from CDNOW_sample.txt, 39 weeks: agrees with the published 2,357-customer summary (same x, t_x and T within 0.006 weeks, zbar)', async () => {
    await loadCdnowSample(session);
    const s = await clvSummary(session, { calibrationEnd: '1997-09-30', observationEnd: '1998-06-30', unit: 'weeks' });
    const ref = readCdnowSummary();
    expect(s.customerIds.length).toBe(2357);
    const row = new Map(s.customerIds.map((id, i) => [id, i]));
    let worstAge = 0;
    let worstValue = 0;
    for (let k = 0; k < ref.ids.length; k++) {
      const i = row.get(ref.ids[k]!)!;
      expect(i, `customer ${ref.ids[k]}`).toBeDefined();
      expect(s.frequency[i], `frequency of customer ${ref.ids[k]}`).toBe(ref.frequency[k]);
      worstAge = Math.max(worstAge, Math.abs(s.recency[i]! - ref.recency[k]!), Math.abs(s.T[i]! - ref.T[k]!));
      worstValue = Math.max(worstValue, Math.abs(s.monetaryValue[i]! - ref.monetaryValue[k]!));
    }
    expect(worstAge).toBeLessThanOrEqual(0.006);
    // zbar is published to 2 decimals.
    expect(worstValue).toBeLessThanOrEqual(0.005 + 1e-9);
    // Holdout: 39 weeks to 1998-06-30; every sample transaction lies in the calibration or the holdout period.
    expect(s.holdout!.duration).toBeCloseTo(273 / 7, 12);
    const days = Number(await session.scalar(`SELECT count(*) FROM (SELECT DISTINCT customer_id, CAST(ts AS DATE) FROM transactions)`));
    const calibrationDays = s.frequency.reduce((a, x) => a + x + 1, 0);
    expect(calibrationDays + s.holdout!.purchases.reduce((a, x) => a + x, 0)).toBe(days);
  });
});
