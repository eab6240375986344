import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { profileTables, profileToMarkdown, type QualityProfile } from '../../src/data/profileTables';
import { CONFIGS, exampleDataConfig, tempDir, writeFile } from './helpers';

/**
 * Every problem of the profile names its rows — source data rows (header excluded) as an editor
 * numbers them, also when rows before them were left out on load — the first ten and the total.
 */
const TRANSACTIONS = [
  'customer_id,ts,amount,category',
  ',2024-01-01,1,x', // row 1: no customer id, left out
  'a,2024-01-01,10,x', // row 2
  'a,2024-01-01,10,x', // row 3: repeats row 2
  'b,2024-01-02,-5,', // row 4: negative amount, missing category
  ',2024-01-02,1,x', // row 5: left out
  'b,2024-01-03,0,y', // row 6: zero amount
  'c,2024-12-31,12,', // row 7: after asOf, missing category
  'c,2024-01-04,11,x', // row 8
  'c,2024-01-05,13,y', // row 9 (quartiles 9.25 and 11.75: -5, 0 and 1000 are outliers)
  'd,2024-01-06,9,x', // row 10
  'd,2024-01-07,1000,y', // row 11: outlier
  'a,2024-01-01,10,x', // row 12: repeats row 2
].join('\n');

const CUSTOMERS = ['customer_id,age', 'a,30', 'b,', 'a,31', 'c,40', 'a,30'].join('\n');

describe('profile: every problem lists its rows', () => {
  let session: DuckSession;
  let profile: QualityProfile;
  beforeAll(async () => {
    session = await DuckSession.open();
    const dir = tempDir();
    writeFile(dir, 'tx.csv', TRANSACTIONS + '\n');
    writeFile(dir, 'c.csv', CUSTOMERS + '\n');
    const load = await loadTables(session, { customers: { path: 'c.csv' }, transactions: { path: 'tx.csv' } }, { baseDir: dir });
    profile = await profileTables(session, load, { asOf: '2024-06-30' });
  });
  afterAll(() => session.close());

  it('transactions: missing values, future dates, outliers, duplicates, negative and zero amounts by source row', () => {
    const t = profile.tables.find((x) => x.table === 'transactions')!;
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col('category')).toMatchObject({ missing: 2, missingRows: [4, 7] });
    expect(col('amount').missingRows).toBeUndefined();
    expect(col('ts').timestamp).toMatchObject({ future: 1, futureRows: [7] });
    expect(t.dates).toMatchObject({ future: 1, futureRows: [7] });
    expect(col('amount').numeric!.outliers).toMatchObject({ count: 3, sampleRows: [4, 6, 11] });
    expect(t.duplicateRows).toMatchObject({ count: 2, sampleRows: [3, 12] });
    expect(t.amounts!.negative).toMatchObject({ count: 1, sampleRows: [4] });
    expect(t.amounts).toMatchObject({ zero: 1, zeroRows: [6] });
  });

  it('customers: duplicate ids and missing values by source row', () => {
    const c = profile.tables.find((x) => x.table === 'customers')!;
    expect(c.duplicateKeys).toMatchObject({ keys: 1, extraRows: 2, sampleRows: [3, 5] });
    expect(c.columns.find((x) => x.name === 'age')).toMatchObject({ missing: 1, missingRows: [2] });
  });

  it('the Markdown lists the rows of every problem', () => {
    const md = profileToMarkdown(profile);
    expect(md).toContain('category: 2 missing values, rows 4, 7');
    expect(md).toContain('ts: 1 after asOf, row 7');
    expect(md).toContain('amount: 3 outliers, rows 4, 6, 11');
    expect(md).toContain('2 duplicate rows, rows 3, 12');
  });

  it("Telco: the 11 blank TotalCharges by row (the first ten, and the total)", async () => {
    const { data } = exampleDataConfig('telco', 'Telco-Customer-Churn.csv.gz');
    const load = await loadTables(session, data, { baseDir: CONFIGS, env: {} });
    const p = await profileTables(session, load, {});
    const total = p.tables[0]!.columns.find((c) => c.name === 'total_charges')!;
    expect(total).toMatchObject({ missing: 11, missingRows: [489, 754, 937, 1083, 1341, 3332, 3827, 4381, 5219, 6671] });
    expect(profileToMarkdown(p)).toContain('total_charges: 11 missing values, rows 489, 754, 937, 1083, 1341, 3332, 3827, 4381, 5219, 6671, … (first 10)');
  });
});
