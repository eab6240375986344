import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InputError, formatProblems } from '../../src/core/errors';
import { parseDataConfig } from '../../src/data/DataConfig';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { loadError, tempDir, writeFile } from './helpers';

const GOOD_TX = 'customer_id,ts,amount\nc1,2024-01-01 10:00:00,10.5\nc2,2024-01-02 11:00:00,20\nc1,2024-01-03 12:00:00,-5\n';

describe('bad input: every problem, with where and how to fix', () => {
  let session: DuckSession;
  let dir: string;
  beforeAll(async () => {
    session = await DuckSession.open();
  });
  afterAll(() => session.close());
  beforeEach(() => {
    dir = tempDir();
  });

  it('file not found: names the resolved path and says relative paths follow the config folder', async () => {
    const e = await loadError(session, { transactions: { path: 'nope/tx.csv' } }, { baseDir: dir });
    expect(e.problems).toHaveLength(1);
    const p = e.problems[0]!;
    expect(p).toMatchObject({ severity: 'error', check: 'file-not-found', location: { file: `${dir}/nope/tx.csv`, field: 'data.transactions.path' } });
    expect(p.hint).toContain(dir);
    expect(e.message).toContain('file not found');
  });

  it('empty file and header-only file: no data rows', async () => {
    writeFile(dir, 'empty.csv', '');
    writeFile(dir, 'header.csv', 'customer_id,ts,amount\n');
    const e = await loadError(session, { customers: { path: 'empty.csv' }, transactions: { path: 'header.csv' } }, { baseDir: dir });
    expect(e.problems.map((p) => [p.check, p.location?.file])).toEqual([
      ['empty-file', `${dir}/empty.csv`],
      ['empty-file', `${dir}/header.csv`],
    ]);
    expect(e.problems[1]!.message).toBe('the file has a header but no data rows');
  });

  it('missing required column: lists the columns that exist and how to map', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,value\nc1,2024-01-01,10\n');
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    expect(e.problems).toHaveLength(1);
    const p = e.problems[0]!;
    expect(p).toMatchObject({ check: 'missing-column', location: { file: `${dir}/tx.csv`, column: 'amount' } });
    expect(p.message).toContain('"customer_id", "ts", "value"');
    expect(p.hint).toBe('add `columns: { amount: <source column> }` under data.transactions');
  });

  it('a mapping to a source column that does not exist', async () => {
    writeFile(dir, 'tx.csv', GOOD_TX);
    const e = await loadError(session, { transactions: { path: 'tx.csv', columns: { amount: 'Amount_EUR' } } }, { baseDir: dir });
    expect(e.problems[0]).toMatchObject({ check: 'unknown-source-column', location: { field: 'data.transactions.columns.amount' } });
    expect(e.problems[0]!.message).toContain('"Amount_EUR"');
  });

  it('wrong type: most amounts are not numbers → fatal, with sample values, rows and lines', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount\nc1,2024-01-01,ten\nc2,2024-01-02,12.5\nc3,2024-01-03,n/a\nc4,2024-01-04,eleven\n');
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    const p = e.problems.find((x) => x.check === 'wrong-type')!;
    expect(p).toMatchObject({ severity: 'error', count: 3, sampleRows: [1, 3, 4], location: { file: `${dir}/tx.csv`, column: 'amount', row: 1, line: 2 } });
    expect(p.share).toBeCloseTo(0.75);
    expect(p.message).toContain('"ten" (row 1)');
    expect(p.message).toContain('"eleven" (row 4)');
    // Nothing stays loaded after a fatal problem.
    expect(await session.tableExists('transactions')).toBe(false);
  });

  it('unparseable dates: fatal, and the hint proposes the strptime format that fits', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount\nc1,31/12/2023 10:00,1\nc2,15/01/2024 11:30,2\nc3,20/02/2024 09:15,3\n');
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    const p = e.problems.find((x) => x.check === 'unparseable-date')!;
    expect(p).toMatchObject({ severity: 'error', count: 3, location: { column: 'ts', row: 1, line: 2 } });
    expect(p.hint).toContain("timestampFormat: '%d/%m/%Y %H:%M'");
    // With the format set, the same file loads.
    const load = await loadTables(session, { transactions: { path: 'tx.csv', timestampFormat: '%d/%m/%Y %H:%M' } }, { baseDir: dir });
    expect(load.tables[0]!.loadedRows).toBe(3);
    expect(await session.scalar(`SELECT max(ts)::VARCHAR FROM transactions`)).toBe('2024-02-20 09:15:00');
  });

  it('ragged rows: every line with the wrong number of fields, by line number', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount\nc1,2024-01-01,1\nc2,2024-01-02\nc3,2024-01-03,3\nc4,2024-01-04,4,extra\nc5,2024-01-05,5\n');
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    expect(e.problems.filter((p) => p.severity === 'error')).toHaveLength(1);
    const p = e.problems[0]!;
    expect(p).toMatchObject({ check: 'ragged-rows', count: 2, sampleRows: [2, 4], location: { file: `${dir}/tx.csv`, line: 3, row: 2 } });
    expect(p.message).toContain('line 3 has 2 fields');
    expect(p.message).toContain('line 5 has 4 fields');
    expect(p.message).toContain('expected 3');
  });

  it('invalid UTF-8: file and line, with an iconv hint', async () => {
    const bytes = Buffer.concat([
      Buffer.from('customer_id,ts,amount,city\nc1,2024-01-01,1,Paris\nc2,2024-01-02,2,M'),
      Buffer.from([0xfc]),
      Buffer.from('nchen\nc3,2024-01-03,3,Rome\n'),
    ]);
    writeFile(dir, 'tx.csv', bytes);
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    const p = e.problems.find((x) => x.check === 'invalid-encoding')!;
    expect(p).toMatchObject({ severity: 'error', count: 1, location: { file: `${dir}/tx.csv`, line: 3, row: 2 } });
    expect(p.hint).toContain('iconv -f latin1 -t utf-8');
    expect(p.hint).toContain('encoding: latin-1');
    // Reading it as latin-1 works.
    const load = await loadTables(session, { transactions: { path: 'tx.csv', encoding: 'latin-1', keepUnmapped: true } }, { baseDir: dir });
    expect(await session.scalar(`SELECT city FROM transactions WHERE customer_id = 'c2'`)).toBe('München');
    expect(load.tables[0]!.loadedRows).toBe(3);
  });

  it('a file with two different problems gives two problems (ragged line + unparseable dates)', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount\nc1,01.02.2024,1\nc2,02.02.2024\nc3,03.02.2024,3\nc4,04.02.2024,4\n');
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    const errors = e.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.check).sort()).toEqual(['ragged-rows', 'unparseable-date']);
    const dates = errors.find((p) => p.check === 'unparseable-date')!;
    // Row numbers after the rejected line are shifted back to the file's numbering.
    expect(dates.sampleRows).toEqual([1, 3, 4]);
    expect(dates.location).toMatchObject({ row: 1, line: 2 });
    expect(dates.hint).toContain("'%d.%m.%Y'");
    expect(formatProblems(e.problems)).toContain('line 3');
  });

  it('malformed JSON and a file that is not Parquet are unreadable files, with DuckDB\'s reason', async () => {
    writeFile(dir, 'ev.ndjson', '{"customer_id": "a", "ts": "2024-01-01", "event_type": "session"}\n{"customer_id": "b", ts: 1}\n');
    writeFile(dir, 'c.parquet', 'customer_id\na\n');
    const e = await loadError(session, { customers: { path: 'c.parquet' }, events: { path: 'ev.ndjson' } }, { baseDir: dir });
    expect(e.problems.map((p) => p.check)).toEqual(['unreadable-file', 'unreadable-file']);
    expect(e.problems[0]!.message).toMatch(/cannot read the file as parquet/);
    expect(e.problems[1]!.message).toMatch(/cannot read the file as json: .*Malformed JSON/);
    expect(e.problems[1]!.location?.line).toBeGreaterThan(0);
    for (const p of e.problems) expect(p.message).not.toContain('LINE 1:');
  });

  it('invalid UTF-8 in a whitespace file is found by line too', async () => {
    const bytes = Buffer.concat([Buffer.from('id date value\na 20240101 1\nb 20240102 '), Buffer.from([0xff, 0xfe]), Buffer.from('\nc 20240103 3\n')]);
    writeFile(dir, 'tx.txt', bytes);
    const e = await loadError(
      session,
      { transactions: { path: 'tx.txt', timestampFormat: '%Y%m%d', columns: { customer_id: 'id', ts: 'date', amount: 'value' } } },
      { baseDir: dir },
    );
    expect(e.problems[0]).toMatchObject({ check: 'invalid-encoding', location: { line: 3, row: 2 } });
  });

  it('a gzip file without ".gz" in its name is still read (magic bytes decide)', async () => {
    const { gzipSync } = await import('node:zlib');
    writeFile(dir, 'tx.csv', gzipSync(Buffer.from(GOOD_TX)));
    const load = await loadTables(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    expect(load.tables[0]).toMatchObject({ compressed: true, loadedRows: 3 });
  });

  it('problems in two tables are reported together', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount\nc1,2024-01-01,1,9\n');
    const e = await loadError(session, { customers: { path: 'missing.csv' }, transactions: { path: 'tx.csv' } }, { baseDir: dir });
    expect(e.problems.map((p) => p.check)).toEqual(['file-not-found', 'ragged-rows']);
    expect(e.message).toContain('2 problems');
  });

  it('whitespace files: ragged lines by line number, blank lines skipped', async () => {
    writeFile(dir, 'tx.txt', ' id   date   value\n a 20240101  1.5\n\n b 20240102\n c 20240103  3\n');
    const e = await loadError(
      session,
      { transactions: { path: 'tx.txt', timestampFormat: '%Y%m%d', columns: { customer_id: 'id', ts: 'date', amount: 'value' } } },
      { baseDir: dir },
    );
    expect(e.problems[0]).toMatchObject({ check: 'ragged-rows', count: 1, location: { line: 4, row: 2 } });
    expect(e.problems[0]!.message).toContain('line 4 has 2');
  });

  it('mapping expressions that fail name the column and show the source columns', async () => {
    writeFile(dir, 'tx.csv', GOOD_TX);
    const e = await loadError(session, { transactions: { path: 'tx.csv', columns: { amount: { sql: 'amount * 100' } } } }, { baseDir: dir });
    const p = e.problems[0]!;
    expect(p).toMatchObject({ check: 'mapping-expression', location: { field: 'data.transactions.columns.amount' } });
    expect(p.hint).toContain('TRY_CAST');
    expect(p.hint).toContain('customer_id, ts, amount');
  });

  it('a filter that fails is a config problem', async () => {
    writeFile(dir, 'tx.csv', GOOD_TX);
    const e = await loadError(session, { transactions: { path: 'tx.csv', filter: 'nope > 1' } }, { baseDir: dir });
    expect(e.problems[0]).toMatchObject({ check: 'filter', location: { field: 'data.transactions.filter' } });
  });

  it('roles for columns that do not exist, or for canonical columns, are errors', async () => {
    writeFile(dir, 'c.csv', 'customer_id,age\nc1,30\n');
    const e = await loadError(session, { customers: { path: 'c.csv', roles: { age: 'categorical', tier: 'categorical' } } }, { baseDir: dir });
    expect(e.problems.map((p) => [p.check, p.location?.field])).toEqual([
      ['canonical-role', 'data.customers.roles.age'],
      ['unknown-role-column', 'data.customers.roles.tier'],
    ]);
  });

  it('unknown config keys are errors with the field path', () => {
    try {
      parseDataConfig({ transactions: { path: 'x.csv', delimeter: ';', columns: { amount: { expr: 'x' } } }, extra: 1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const fields = (e as InputError).problems.map((p) => p.location?.field);
      expect(fields).toContain('data.transactions');
      expect(fields).toContain('data');
      expect(fields).toContain('data.transactions.columns.amount');
      expect((e as InputError).message).toContain("'delimeter'");
      expect((e as InputError).problems.find((p) => p.location?.field === 'data.transactions')!.hint).toContain('delimiter');
    }
    expect(() => parseDataConfig({})).toThrow(/at least one of customers, transactions, events/);
  });

  it('non-fatal (onInvalid: drop): a few unparseable amounts and missing ids are warnings; those rows are left out and counted', async () => {
    writeFile(
      dir,
      'tx.csv',
      'customer_id,ts,amount\nc1,2024-01-01,1\n,2024-01-02,2\nc3,2024-01-03,oops\nc4,2024-01-04,4\nc5,2024-01-05,5\nc1,2024-01-01,1\n',
    );
    const load = await loadTables(session, { transactions: { path: 'tx.csv', onInvalid: 'drop' } }, { baseDir: dir });
    const t = load.tables[0]!;
    expect(t.rawRows).toBe(6);
    expect(t.loadedRows).toBe(4);
    expect(t.excluded).toEqual([
      { reason: 'invalid-value', column: 'amount', count: 1, sampleRows: [3] },
      { reason: 'missing-customer-id', count: 1, sampleRows: [2] },
    ]);
    const checks = load.warnings.map((w) => w.check);
    // The dropped amount is reported once, by its parse warning (which lists the rows).
    expect(checks).toEqual(['unparseable-values', 'missing-customer-id', 'duplicate-rows']);
    const bad = load.warnings[0]!;
    expect(bad).toMatchObject({ severity: 'warning', count: 1, sampleRows: [3], location: { column: 'amount', row: 3, line: 4 } });
    expect(bad.share).toBeCloseTo(1 / 6);
    expect(load.warnings[2]).toMatchObject({ count: 1, sampleRows: [6], location: { line: 7 } });
  });

  it('messages never hold a stack or SQL echo, and every error has a hint', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount\nc1,x,y\n');
    const e = await loadError(session, { transactions: { path: 'tx.csv', columns: { channel: { sql: 'nope(1)' } } } }, { baseDir: dir });
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      expect(p.hint, p.check).toBeTruthy();
      expect(p.message).not.toMatch(/LINE 1:/);
    }
  });
});

describe('names seglab uses itself', () => {
  let session: DuckSession;
  beforeAll(async () => {
    session = await DuckSession.open();
  });
  afterAll(() => session.close());

  it('output column names starting with "__" are refused in the config (they crashed the load)', () => {
    for (const name of ['__row', '__reason', '__invalid']) {
      try {
        parseDataConfig({ transactions: { path: 'tx.csv', columns: { [name]: 'x' } } });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).problems[0]!.location?.field).toBe(`data.transactions.columns.${name}`);
        expect((e as InputError).problems[0]!.message).toContain('__');
      }
    }
  });

  it('a column named rowid does not shift the rows the profile lists', async () => {
    const dir = tempDir();
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount,rowid\nc1,2024-01-01,1,x\nc2,2024-01-02,,y\nc3,2024-01-03,3,\n');
    const load = await loadTables(session, { transactions: { path: 'tx.csv', keepUnmapped: true, onInvalid: 'drop' } }, { baseDir: dir });
    const { profileTables } = await import('../../src/data/profileTables');
    const p = await profileTables(session, load);
    // Row 2 has no amount and is left out; row 3 has no rowid.
    expect(load.tables[0]!.excluded).toMatchObject([{ reason: 'missing-value', sampleRows: [2] }]);
    expect(p.tables[0]!.columns.find((c) => c.name === 'rowid')).toMatchObject({ missing: 1, missingRows: [3] });
  });
});
