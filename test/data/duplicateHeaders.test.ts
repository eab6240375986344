import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { loadError, tempDir, writeFile } from './helpers';

/** A header that names a column twice: DuckDB renames the second (amount_1); seglab says so, and refuses to guess for a mapped one. */
describe('duplicate header names', () => {
  let session: DuckSession;
  let dir: string;
  beforeAll(async () => {
    session = await DuckSession.open();
  });
  afterAll(() => session.close());
  beforeEach(() => {
    dir = tempDir();
  });

  it('a duplicated column the mapping uses (by its canonical name) is refused', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount,amount\nc1,2024-01-01,1,100\nc2,2024-01-02,2,200\n');
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    const p = e.problems.find((x) => x.check === 'duplicate-header')!;
    expect(p).toMatchObject({ severity: 'error', location: { file: `${dir}/tx.csv`, line: 1, column: 'amount' } });
    expect(p.message).toContain('"amount" (fields 3 and 4)');
    expect(p.message).toContain('amount_1');
    expect(p.hint).toContain('rename');
  });

  it('explicitly mapped, or named in a mapping expression: refused too', async () => {
    writeFile(dir, 'tx.csv', 'id,date,value,Value\nc1,2024-01-01,1,100\n');
    const mapped = await loadError(session, { transactions: { path: 'tx.csv', columns: { customer_id: 'id', ts: 'date', amount: 'value' } } }, { baseDir: dir });
    expect(mapped.problems.find((x) => x.check === 'duplicate-header')).toMatchObject({
      severity: 'error',
      location: { field: 'data.transactions.columns.amount' },
    });
    const sql = await loadError(
      session,
      { transactions: { path: 'tx.csv', columns: { customer_id: 'id', ts: 'date', amount: { sql: 'TRY_CAST("value" AS DOUBLE) * 2' } } } },
      { baseDir: dir },
    );
    expect(sql.problems.find((x) => x.check === 'duplicate-header')).toMatchObject({ severity: 'error', location: { field: 'data.transactions.columns.amount' } });
  });

  it('a duplicated column nobody maps: a warning with how each copy was named, and the load goes on', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount,note,note\nc1,2024-01-01,1,a,b\n');
    const load = await loadTables(session, { transactions: { path: 'tx.csv', keepUnmapped: true } }, { baseDir: dir });
    const w = load.warnings.find((x) => x.check === 'duplicate-header')!;
    expect(w).toMatchObject({ severity: 'warning', location: { line: 1, column: 'note' } });
    expect(w.message).toContain('"note" (fields 4 and 5)');
    expect(w.message).toMatch(/field 4 → note, field 5 → note_1/);
    expect(load.tables[0]!.columns.map((c) => c.name)).toContain('note_1');
  });

  it('whitespace files: the same', async () => {
    writeFile(dir, 'tx.txt', 'customer_id ts amount amount\nc1 2024-01-01 1 100\n');
    const e = await loadError(session, { transactions: { path: 'tx.txt', format: 'whitespace' } }, { baseDir: dir });
    expect(e.problems.find((x) => x.check === 'duplicate-header')).toMatchObject({ severity: 'error', location: { line: 1, column: 'amount' } });
  });

  it('quoted header names and a semicolon delimiter', async () => {
    writeFile(dir, 'tx.csv', '"customer_id";"ts";"amount";"x;y";"x;y"\nc1;2024-01-01;1;a;b\n');
    const load = await loadTables(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    expect(load.warnings.find((x) => x.check === 'duplicate-header')!.message).toContain('"x;y" (fields 4 and 5)');
  });
});
