import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables, type LoadResult } from '../../src/data/loadTables';
import { EXACT_DISTINCT_MAX_ROWS, profileTables, profileToMarkdown } from '../../src/data/profileTables';
import { tempDir, writeFile } from './helpers';

describe('profile: distinct values by HyperLogLog above a size, and said so', () => {
  let session: DuckSession;
  let load: LoadResult;
  beforeAll(async () => {
    session = await DuckSession.open();
    const dir = tempDir();
    const lines = ['customer_id,ts,amount,channel,category'];
    // 3,000 rows: 300 customers, 3,000 distinct amounts, one channel, no category.
    for (let i = 0; i < 3000; i++) lines.push(`c${i % 300},2024-01-01 10:00:00,${i + 0.5},web,`);
    writeFile(dir, 'tx.csv', lines.join('\n') + '\n');
    load = await loadTables(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
  });
  afterAll(() => session.close());

  it('exact up to the threshold (1M rows by default): no mark', async () => {
    expect(EXACT_DISTINCT_MAX_ROWS).toBe(1_000_000);
    const t = (await profileTables(session, load)).tables[0]!;
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col('customer_id')).toMatchObject({ distinct: 300, constant: false });
    expect(col('customer_id')).not.toHaveProperty('distinctApproximate');
    expect(col('ts')).toMatchObject({ distinct: 1, constant: true });
  });

  it('above it: estimates within 20%, marked approximate; constant and empty columns exact; the Markdown says ≈', async () => {
    const profile = await profileTables(session, load, { exactDistinctMaxRows: 1000 });
    const t = profile.tables[0]!;
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col('customer_id').distinctApproximate).toBe(true);
    expect(Math.abs(col('customer_id').distinct - 300) / 300).toBeLessThan(0.2);
    expect(Math.abs(col('amount').distinct - 3000) / 3000).toBeLessThan(0.2);
    expect(col('ts')).toMatchObject({ distinct: 1, constant: true, distinctApproximate: true });
    expect(col('channel')).toMatchObject({ distinct: 1, constant: true });
    expect(col('category')).toMatchObject({ distinct: 0, constant: true, missing: 3000 });
    const md = profileToMarkdown(profile);
    expect(md).toMatch(/\| customer_id \| id \| VARCHAR \| 0 \(0[.0-9]*%\) \| ≈ \d+ \|/);
    expect(md).toContain('≈ distinct values estimated with HyperLogLog, as the table is large');
    await expect(profileTables(session, load, { exactDistinctMaxRows: -1 })).rejects.toThrow(/exactDistinctMaxRows: got -1/);
  });
});
