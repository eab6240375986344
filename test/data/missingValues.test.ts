import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { parseDataConfig } from '../../src/data/DataConfig';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { profileTables } from '../../src/data/profileTables';
import { CONFIGS, exampleDataConfig, loadError, tempDir, writeFile } from './helpers';

/** Sentinel codes ("-1 = never contacted") are missing values of one column, not numbers. */
describe('missingValues: codes that mean "missing", per column', () => {
  let session: DuckSession;
  let dir: string;
  beforeAll(async () => {
    session = await DuckSession.open();
  });
  afterAll(() => session.close());
  beforeEach(() => {
    dir = tempDir();
  });

  const CUSTOMERS = 'customer_id,pdays,segment,age\nc1,-1,A,30\nc2,12,99,-1\nc3,-1.0,B,40\nc4, -1 ,unknown,50\nc5,3,A,60\n';

  it('numbers match as numbers (-1, -1.0, " -1 "), text as text, only in the column named', async () => {
    writeFile(dir, 'c.csv', CUSTOMERS);
    const load = await loadTables(
      session,
      { customers: { path: 'c.csv', keepUnmapped: true, missingValues: { pdays: [-1], segment: ['unknown', 99] } } },
      { baseDir: dir },
    );
    expect(load.warnings).toEqual([]);
    expect(load.tables[0]!.columns.find((c) => c.name === 'pdays')).toMatchObject({ role: 'numeric', type: 'DOUBLE' });
    expect(await session.all('SELECT customer_id, pdays, segment, age FROM customers ORDER BY customer_id')).toEqual([
      { customer_id: 'c1', pdays: null, segment: 'A', age: 30 },
      { customer_id: 'c2', pdays: 12, segment: null, age: -1 },
      { customer_id: 'c3', pdays: null, segment: 'B', age: 40 },
      { customer_id: 'c4', pdays: null, segment: null, age: 50 },
      { customer_id: 'c5', pdays: 3, segment: 'A', age: 60 },
    ]);
    // The profile counts them as missing, with their rows.
    const profile = await profileTables(session, load);
    expect(profile.tables[0]!.columns.find((c) => c.name === 'pdays')).toMatchObject({ missing: 3, missingRows: [1, 3, 4] });
  });

  it('a column that is not read from the file, and values that are not text or numbers, are config errors', async () => {
    writeFile(dir, 'c.csv', CUSTOMERS);
    const e = await loadError(session, { customers: { path: 'c.csv', missingValues: { pdays: [-1] } } }, { baseDir: dir });
    expect(e.problems[0]).toMatchObject({ check: 'unknown-missing-values-column', location: { field: 'data.customers.missingValues.pdays' } });
    expect(e.problems[0]!.hint).toContain('keepUnmapped');
    try {
      parseDataConfig({ customers: { path: 'c.csv', missingValues: { pdays: [{ x: 1 }], age: [] } } });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).problems.map((p) => p.location?.field).sort()).toEqual(['data.customers.missingValues.age', 'data.customers.missingValues.pdays.0']);
    }
  });

  it('Bank Marketing: pdays = -1 (never contacted) is missing, duration is left out, day is categorical', async () => {
    const { data } = exampleDataConfig('bank-marketing', 'bank-full.csv.gz');
    const load = await loadTables(session, data, { baseDir: CONFIGS, env: {} });
    const t = load.tables[0]!;
    expect(t.loadedRows).toBe(45_211);
    const names = t.columns.filter((c) => c.provided).map((c) => c.name);
    expect(names).not.toContain('duration');
    expect(names).toEqual(expect.arrayContaining(['age', 'job', 'balance', 'day', 'month', 'campaign', 'pdays', 'previous', 'poutcome', 'y']));
    expect(t.columns.find((c) => c.name === 'day')).toMatchObject({ role: 'categorical', type: 'VARCHAR' });
    expect(t.columns.find((c) => c.name === 'pdays')).toMatchObject({ role: 'numeric', type: 'DOUBLE' });
    expect(await session.one('SELECT count(*) FILTER (WHERE pdays IS NULL) AS never, min(pdays) AS min FROM customers')).toEqual({ never: 36_954, min: 1 });
  });
});
