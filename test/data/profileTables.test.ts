import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleStandardDeviation } from 'simple-statistics';
import { DuckSession, loadTables, profileTables, profileToMarkdown, UsageError, type QualityProfile } from '../../src';
import { tempDir, writeFile } from './helpers';

// Hand-made fixture; every expected number below is worked out by hand in the comments.
const TRANSACTIONS = [
  'customer_id,ts,amount,category,channel',
  'a,2024-01-01 10:00:00,10,x,web',
  'a,2024-01-01 10:00:00,10,x,web', // exact duplicate of row 1
  'b,2024-01-05 00:00:00,20,y,web',
  'b,2024-02-01 00:00:00,-5,y,web', // negative amount → return by default
  'c,2024-03-01 00:00:00,30,,web', // missing category
  'c,2024-12-31 00:00:00,1000,x,web', // after asOf 2024-06-30; amount outlier
  'd,2024-04-01 00:00:00,15,z,web',
].join('\n');

const CUSTOMERS = [
  'customer_id,age,gender,vip',
  'a,30,F,yes',
  'b,,M,no', // missing age
  'c,45,F,yes',
  'c,45,F,yes', // duplicate key and duplicate row
  'd,200,M,no', // age outlier
].join('\n');

describe('profileTables', () => {
  let session: DuckSession;
  let profile: QualityProfile;
  beforeAll(async () => {
    session = await DuckSession.open();
    const dir = tempDir();
    writeFile(dir, 'tx.csv', TRANSACTIONS + '\n');
    writeFile(dir, 'c.csv', CUSTOMERS + '\n');
    const load = await loadTables(session, { customers: { path: 'c.csv', keepUnmapped: true }, transactions: { path: 'tx.csv' } }, { baseDir: dir });
    profile = await profileTables(session, load, { asOf: '2024-06-30' });
  });
  afterAll(() => session.close());

  it('transactions: missing, distinct, constant, top values', () => {
    const t = profile.tables.find((x) => x.table === 'transactions')!;
    expect(t.rows).toBe(7);
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col('category')).toMatchObject({ missing: 1, distinct: 3, constant: false });
    expect(col('category').missingShare).toBeCloseTo(1 / 7);
    // Non-missing categories: x ×3, y ×2, z ×1 of 6.
    expect(col('category').topValues).toEqual([
      { value: 'x', count: 3, share: 0.5 },
      { value: 'y', count: 2, share: 2 / 6 },
      { value: 'z', count: 1, share: 1 / 6 },
    ]);
    expect(col('channel')).toMatchObject({ distinct: 1, constant: true, missing: 0 });
    expect(col('is_return').topValues).toEqual([
      { value: 'false', count: 6, share: 6 / 7 },
      { value: 'true', count: 1, share: 1 / 7 },
    ]);
    // Generated order ids are unique and carry no top values.
    expect(col('order_id')).toMatchObject({ distinct: 7, role: 'id' });
    expect(col('order_id').topValues).toBeUndefined();
  });

  it('transactions: numeric summary and IQR outliers', () => {
    const amount = profile.tables.find((x) => x.table === 'transactions')!.columns.find((c) => c.name === 'amount')!;
    // Sorted: -5 10 10 15 20 30 1000. Quartiles at positions 1.5, 3, 4.5 (0-based): 10, 15, 25.
    // IQR 15 → fences -12.5 and 47.5 → one outlier (1000).
    const values = [10, 10, 20, -5, 30, 1000, 15];
    expect(amount.numeric).toEqual({
      min: -5,
      p25: 10,
      median: 15,
      p75: 25,
      max: 1000,
      mean: 1080 / 7,
      sd: expect.closeTo(sampleStandardDeviation(values), 9),
      outliers: { count: 1, share: 1 / 7, lower: -12.5, upper: 47.5, sampleRows: [6] },
    });
  });

  it('transactions: duplicates, negatives, returns, future dates, date range', () => {
    const t = profile.tables.find((x) => x.table === 'transactions')!;
    // Row 2 repeats row 1; the generated order_id is left out of the comparison.
    expect(t.duplicateRows.count).toBe(1);
    expect(t.duplicateRows.columns).not.toContain('order_id');
    expect(t.duplicateRows.sampleRows).toEqual([2]);
    expect(t.amounts).toEqual({ total: 1080, negative: { count: 1, value: -5, sampleRows: [4] }, zero: 0, zeroRows: [], returns: { count: 1, value: -5 } });
    expect(t.dates).toEqual({ column: 'ts', min: '2024-01-01 10:00:00', max: '2024-12-31 00:00:00', future: 1, futureRows: [6] });
    expect(t.source.excluded).toEqual([]);
  });

  it('transactions: amounts are summed exactly (0.1 three times is 0.3, not 0.30000000000000004)', async () => {
    const dir = tempDir();
    const rows = [0.1, 0.1, 0.1, -0.1, -0.1, -0.1, 0.1].map((v, i) => `a,2024-01-0${i + 1} 00:00:00,${v}`);
    writeFile(dir, 'tx.csv', ['customer_id,ts,amount', ...rows].join('\n') + '\n');
    const own = await DuckSession.open();
    try {
      const load = await loadTables(own, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
      const t = (await profileTables(own, load, { asOf: '2024-06-30' })).tables[0]!;
      expect([t.amounts!.total, t.amounts!.negative.value, t.amounts!.returns?.value]).toEqual([0.1, -0.3, -0.3]);
    } finally {
      own.close();
    }
  });

  it('transactions: amounts too large for an exact decimal are summed as floats (no failure)', async () => {
    const dir = tempDir();
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount\na,2024-01-01 00:00:00,1e35\na,2024-01-02 00:00:00,-2\n');
    const own = await DuckSession.open();
    try {
      const load = await loadTables(own, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
      const t = (await profileTables(own, load, { asOf: '2024-06-30' })).tables[0]!;
      expect([t.amounts!.total, t.amounts!.negative.value]).toEqual([1e35, -2]);
    } finally {
      own.close();
    }
  });

  it('customers: duplicate keys, missing values, outliers, inferred boolean', () => {
    const c = profile.tables.find((x) => x.table === 'customers')!;
    expect(c.rows).toBe(5);
    expect(c.duplicateKeys).toEqual({ keys: 1, extraRows: 1, sampleRows: [4] });
    expect(c.duplicateRows.count).toBe(1);
    const age = c.columns.find((x) => x.name === 'age')!;
    expect(age.missing).toBe(1);
    // Ages 30 45 45 200: quartiles 41.25, 45, 83.75; IQR 42.5 → fences -22.5 and 147.5 → 200 is an outlier.
    expect(age.numeric).toMatchObject({ min: 30, p25: 41.25, median: 45, p75: 83.75, max: 200, mean: 80 });
    expect(age.numeric!.outliers).toEqual({ count: 1, share: 0.25, lower: -22.5, upper: 147.5, sampleRows: [5] });
    const vip = c.columns.find((x) => x.name === 'vip')!;
    expect(vip).toMatchObject({ role: 'boolean', type: 'BOOLEAN', distinct: 2 });
    // yes, no, yes, yes, no → true ×3, false ×2, most frequent first.
    expect(vip.topValues!.map((v) => [v.value, v.count])).toEqual([
      ['true', 3],
      ['false', 2],
    ]);
    expect(c.dates).toBeUndefined();
  });

  it('is JSON-serialisable and round-trips', () => {
    expect(profile.schemaVersion).toBe(1);
    expect(JSON.parse(JSON.stringify(profile))).toEqual(profile);
    expect(profile.asOf).toBe('2024-06-30');
    expect(profile.absent).toEqual(['events']);
    expect(profile.loadWarnings.map((w) => w.check)).toEqual(['duplicate-customer-id', 'duplicate-rows', 'duplicate-rows']);
  });

  it('renders Markdown with every table, column and count', () => {
    const md = profileToMarkdown(profile);
    expect(md).toContain('# Data-quality profile');
    expect(md).toContain('As of 2024-06-30.');
    expect(md).toContain('## customers — 5 rows');
    expect(md).toContain('## transactions — 7 rows');
    expect(md).toContain('- Duplicate rows: 1 (14.29%)');
    expect(md).toContain('- Customer ids occurring more than once: 1 (1 extra rows)');
    expect(md).toContain('- Dates (ts): 2024-01-01 10:00:00 to 2024-12-31 00:00:00; after asOf: 1');
    expect(md).toContain('negative amounts: 1 rows (-5)');
    expect(md).toContain('- Constant columns: channel');
    expect(md).toMatch(/\| amount \| numeric \| DOUBLE \| 0 \(0\.00%\) \| 6 \| min -5, p25 10, median 15, p75 25, max 1,000; mean 154\.2857, sd [\d.,]+; outliers 1 \(14\.29%\) \|/);
    expect(md).toContain('| category | categorical | VARCHAR | 1 (14.29%) | 3 | "x" 50.00%, "y" 33.33%, "z" 16.67% |');
    expect(md).toContain('## Warnings from loading');
  });

  it('quartiles from one list aggregate: the same numbers as three quantile_cont calls, DOUBLE and BIGINT, with missing values', async () => {
    const dir = tempDir();
    const lines = ['customer_id,ts,amount,items'];
    // A fixed, uneven spread: repeats, negatives, missing values, a BIGINT column.
    for (let i = 1; i <= 2_001; i++) lines.push(`c${i % 37},2024-01-01,${i % 11 === 0 ? '' : ((i * 7919) % 1013) / 7 - 40},${i % 13 === 0 ? '' : (i * 31) % 97}`);
    writeFile(dir, 'tx.csv', lines.join('\n') + '\n');
    const load = await loadTables(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    const p = await profileTables(session, load);
    for (const name of ['amount', 'items']) {
      const q = `"${name}"`;
      const want = await session.one(`SELECT quantile_cont(${q}, 0.25) AS p25, quantile_cont(${q}, 0.5) AS median, quantile_cont(${q}, 0.75) AS p75 FROM transactions`);
      const got = p.tables[0]!.columns.find((c) => c.name === name)!.numeric!;
      expect({ p25: got.p25, median: got.median, p75: got.p75 }, name).toEqual(want);
    }
  });

  it('without asOf, future dates are not counted; bad asOf is rejected by name', async () => {
    const dir = tempDir();
    writeFile(dir, 'tx.csv', TRANSACTIONS + '\n');
    const load = await loadTables(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    const p = await profileTables(session, load);
    expect(p.tables[0]!.dates!.future).toBeNull();
    await expect(profileTables(session, load, { asOf: '30/06/2024' })).rejects.toThrow(/Invalid asOf: got "30\/06\/2024"/);
    // Dates that roll over (Date.parse takes 2026-02-30 for 2 March) and impossible times are refused too.
    for (const bad of ['2026-02-30', '2025-02-29', '2024-06-31 00:00:00', '2024-06-30 24:00:00', '2024-06-30 12:61']) {
      await expect(profileTables(session, load, { asOf: bad }), bad).rejects.toThrow(UsageError);
    }
    // asOf is a date (its 00:00 UTC): a time of day is refused as by the config and the features, midnight is the date.
    await expect(profileTables(session, load, { asOf: '2024-02-29 23:59:59' })).rejects.toThrow(/Invalid asOf: got "2024-02-29 23:59:59", a date has no time of day/);
    expect((await profileTables(session, load, { asOf: '2024-02-29 00:00:00' })).asOf).toBe('2024-02-29');
    await expect(profileTables(session, {} as never)).rejects.toThrow(/Invalid load/);
  });
});
