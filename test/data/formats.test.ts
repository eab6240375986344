import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckSession, quoteLiteral } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { detectFormat } from '../../src/data/detectFormat';
import { toSnakeCase } from '../../src/data/resolveMapping';
import { DATASETS, loadError, tempDir, writeFile } from './helpers';

describe('formats and mapping', () => {
  let session: DuckSession;
  let dir: string;
  beforeAll(async () => {
    session = await DuckSession.open();
  });
  afterAll(() => session.close());
  beforeEach(() => {
    dir = tempDir();
  });

  it('detects formats from the name, and whitespace text from the first lines', () => {
    expect(detectFormat(join(DATASETS, 'CDNOW_master.txt.gz'))).toEqual({ format: 'whitespace', gzip: true });
    expect(detectFormat(join(DATASETS, 'CDNOW_sample.txt'))).toEqual({ format: 'whitespace', gzip: false });
    expect(detectFormat(join(DATASETS, 'bank-full.csv.gz'))).toEqual({ format: 'csv', gzip: true });
    const tsv = writeFile(dir, 'a.tsv', 'a\tb\n1\t2\n');
    expect(detectFormat(tsv)).toEqual({ format: 'csv', gzip: false, delimiter: '\t' });
    const odd = writeFile(dir, 'a.xyz', 'a,b\n');
    expect(detectFormat(odd)).toBeUndefined();
    expect(detectFormat(odd, 'csv')).toEqual({ format: 'csv', gzip: false });
  });

  it('CDNOW sample: headerless whitespace text, columns named column0…', async () => {
    const load = await loadTables(
      session,
      { transactions: { path: join(DATASETS, 'CDNOW_sample.txt'), timestampFormat: '%Y%m%d', columns: { customer_id: 'column1', ts: 'column2', items: 'column3', amount: 'column4', master_id: 'column0' }, roles: { master_id: 'id' } } },
      { baseDir: dir },
    );
    const t = load.tables[0]!;
    expect(t.format).toBe('whitespace');
    expect(t.sourceColumns).toEqual(['column0', 'column1', 'column2', 'column3', 'column4']);
    expect(t.rawRows).toBe(6_919);
    const s = await session.one(`SELECT count(DISTINCT customer_id) AS c, sum(amount) AS total, min(ts)::DATE::VARCHAR AS first, max(ts)::DATE::VARCHAR AS last FROM transactions`);
    expect(s).toMatchObject({ c: 2_357, first: '1997-01-01', last: '1998-06-30' });
    expect(Math.round((s!.total as number) * 100) / 100).toBe(244_091.94);
  });

  it('Parquet keeps native types; ids written as numbers become text', async () => {
    const path = join(dir, 'tx.parquet');
    await session.run(
      `COPY (SELECT * FROM (VALUES (1, TIMESTAMP '2024-01-01 10:00:00', 10.5::DOUBLE, true, 'web'), (2, TIMESTAMP '2024-01-02 11:00:00', -3.0::DOUBLE, false, 'app'))
             AS t(cust, "when", value, promo, channel)) TO ${quoteLiteral(path)} (FORMAT parquet)`,
    );
    const load = await loadTables(session, { transactions: { path: 'tx.parquet', columns: { customer_id: 'cust', ts: 'when', amount: 'value', discount_used: 'promo' } } }, { baseDir: dir });
    const t = load.tables[0]!;
    expect(t.format).toBe('parquet');
    expect(t.columns.filter((c) => c.provided).map((c) => c.name)).toEqual(['order_id', 'customer_id', 'ts', 'amount', 'discount_used', 'channel', 'is_return']);
    expect(await session.all(`SELECT order_id, customer_id, ts::VARCHAR AS ts, amount, discount_used, channel, is_return FROM transactions`)).toEqual([
      { order_id: 'row-1', customer_id: '1', ts: '2024-01-01 10:00:00', amount: 10.5, discount_used: true, channel: 'web', is_return: false },
      { order_id: 'row-2', customer_id: '2', ts: '2024-01-02 11:00:00', amount: -3, discount_used: false, channel: 'app', is_return: true },
    ]);
  });

  it('NDJSON: mixed-type fields, unparseable values located by line', async () => {
    writeFile(dir, 'ev.ndjson', [
      '{"customer_id": "a", "ts": "2024-01-01T10:00:00", "event_type": "session", "session_id": 1}',
      '{"customer_id": "b", "ts": "not a date", "event_type": "email_open", "session_id": "s2"}',
      '{"customer_id": "a", "ts": "2024-01-03", "event_type": "page_ping"}',
      '{"customer_id": "c", "ts": "2024-01-04", "event_type": "session", "session_id": null}',
    ].join('\n') + '\n');
    const load = await loadTables(session, { events: { path: 'ev.ndjson', onInvalid: { ts: 'drop' } } }, { baseDir: dir });
    expect(load.tables[0]!.loadedRows).toBe(3);
    const date = load.warnings.find((w) => w.check === 'unparseable-date')!;
    expect(date).toMatchObject({ severity: 'warning', count: 1, location: { row: 2, line: 2, column: 'ts' } });
    expect(date.message).toContain('"not a date"');
    const unknown = load.warnings.find((w) => w.check === 'unknown-event-type')!;
    expect(unknown.message).toContain('"page_ping" (1)');
    expect(await session.all(`SELECT session_id FROM events ORDER BY ts`)).toEqual([{ session_id: '1' }, { session_id: null }, { session_id: null }]);
  });

  it('JSON arrays load too (no line numbers)', async () => {
    writeFile(dir, 'c.json', JSON.stringify([{ id: 'a', age: 31, vip: true }, { id: 'b', age: 'x', vip: false }]));
    const load = await loadTables(session, { customers: { path: 'c.json', columns: { customer_id: 'id' }, keepUnmapped: true } }, { baseDir: dir });
    expect(load.tables[0]!.columns.find((c) => c.name === 'vip')).toMatchObject({ role: 'boolean', type: 'BOOLEAN' });
    const w = load.warnings.find((x) => x.check === 'unparseable-values')!;
    expect(w.location).toEqual({ file: `${dir}/c.json`, row: 2, column: 'age' });
  });

  it('TSV and gzip, canonical names matched ignoring case and punctuation', async () => {
    writeFile(dir, 'tx.tsv.gz', 'Customer ID\tTS\tAmount\tCategory\nA1\t2024-01-01\t5\tbooks\nA2\t2024-01-02\t7\tgames\n');
    const load = await loadTables(session, { transactions: { path: 'tx.tsv.gz' } }, { baseDir: dir });
    const t = load.tables[0]!;
    expect(t).toMatchObject({ format: 'csv', compressed: true, loadedRows: 2 });
    expect(t.columns.filter((c) => c.origin === 'source').map((c) => [c.name, c.source])).toEqual([
      ['customer_id', 'Customer ID'],
      ['ts', 'TS'],
      ['amount', 'Amount'],
      ['category', 'Category'],
    ]);
  });

  it('keepUnmapped: snake_case names, inferred roles, explicit roles, no clashes', async () => {
    writeFile(
      dir,
      'c.csv',
      'CustomerID,SeniorCitizen,PaymentMethod,Churn,signupDate,Score,memberId,Notes,customer_id_2\n' +
        'x1,0,Card,Yes,2020-01-01,1.5,m1,,k\nx2,1,Cash,No,2020-02-01,2,m2,,k\n',
    );
    const load = await loadTables(session, { customers: { path: 'c.csv', keepUnmapped: true, roles: { churn: 'target', score: 'categorical' } } }, { baseDir: dir });
    const cols = Object.fromEntries(load.tables[0]!.columns.filter((c) => c.provided).map((c) => [c.name, `${c.role}/${c.type}/${c.roleSource}`]));
    expect(cols).toEqual({
      customer_id: 'id/VARCHAR/schema',
      signup_date: 'timestamp/TIMESTAMP/schema',
      senior_citizen: 'boolean/BOOLEAN/inferred',
      payment_method: 'categorical/VARCHAR/inferred',
      churn: 'target/BOOLEAN/config',
      score: 'categorical/VARCHAR/config',
      member_id: 'id/VARCHAR/inferred',
      notes: 'categorical/VARCHAR/inferred',
      customer_id_2: 'categorical/VARCHAR/inferred',
    });
    expect(load.warnings.map((w) => w.check)).toEqual(['empty-column']);
    expect(toSnakeCase('StreamingTV')).toBe('streaming_tv');
    expect(toSnakeCase('Unit Price (£)')).toBe('unit_price');
    expect(toSnakeCase('2nd choice')).toBe('c_2nd_choice');
  });

  it('column names are always quoted: quotes and SQL in a header are just names', async () => {
    writeFile(dir, 'c.csv', 'customer_id,"x"""");DROP TABLE customers;--",Grade\na,1,A\nb,2,B\n');
    const load = await loadTables(session, { customers: { path: 'c.csv', keepUnmapped: true } }, { baseDir: dir });
    const t = load.tables[0]!;
    expect(t.sourceColumns).toEqual(['customer_id', 'x"");DROP TABLE customers;--', 'Grade']);
    expect(t.columns.filter((c) => !c.canonical).map((c) => [c.name, c.role])).toEqual([
      ['x_drop_table_customers', 'numeric'],
      ['grade', 'categorical'],
    ]);
    expect(await session.scalar(`SELECT count(*) FROM customers`)).toBe(2);
  });

  it('filter: rows that fail it are left out and counted; is_return follows amount < 0 by default', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount\na,2024-01-01,10\nb,2024-01-02,-4\nc,2024-01-03,0\nd,2024-01-04,8\n');
    const load = await loadTables(session, { transactions: { path: 'tx.csv', filter: 'amount <> 0' } }, { baseDir: dir });
    expect(load.tables[0]!.excluded).toEqual([{ reason: 'filter', count: 1, sampleRows: [3] }]);
    expect(await session.all(`SELECT customer_id, is_return FROM transactions`)).toEqual([
      { customer_id: 'a', is_return: false },
      { customer_id: 'b', is_return: true },
      { customer_id: 'd', is_return: false },
    ]);
  });

  it('mapping expressions see the row number and text columns', async () => {
    writeFile(dir, 'c.csv', 'age;city\n"30";"Lyon"\n"41";"Nice"\n');
    const load = await loadTables(
      session,
      { customers: { path: 'c.csv', delimiter: ';', columns: { customer_id: { sql: `'cust-' || __row` }, region: { sql: `upper(city)` } } } },
      { baseDir: dir },
    );
    expect(load.tables[0]!.loadedRows).toBe(2);
    expect(await session.all(`SELECT customer_id, age, region FROM customers`)).toEqual([
      { customer_id: 'cust-1', age: 30, region: 'LYON' },
      { customer_id: 'cust-2', age: 41, region: 'NICE' },
    ]);
  });

  it('customers with a repeated id get a warning with the rows', async () => {
    writeFile(dir, 'c.csv', 'customer_id,age\na,1\nb,2\na,3\n');
    const load = await loadTables(session, { customers: { path: 'c.csv' } }, { baseDir: dir });
    expect(load.warnings[0]).toMatchObject({ check: 'duplicate-customer-id', count: 1, sampleRows: [3], location: { line: 4 } });
  });

  it('a new load replaces the canonical tables and drops the ones it does not provide', async () => {
    writeFile(dir, 'c.csv', 'customer_id\na\n');
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount\na,2024-01-01,1\n');
    await loadTables(session, { customers: { path: 'c.csv' }, transactions: { path: 'tx.csv' } }, { baseDir: dir });
    expect(await session.tableExists('customers')).toBe(true);
    const load = await loadTables(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    expect(load.absent).toEqual(['customers', 'events']);
    expect(await session.tableExists('customers')).toBe(false);
    const leftovers = await session.all(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '__seglab%'`);
    expect(leftovers).toEqual([]);
  });

  it('nullValues apply to every format', async () => {
    writeFile(dir, 'tx.txt', 'id date value\na 20240101 NA\nb 20240102 3\n');
    const load = await loadTables(
      session,
      { transactions: { path: 'tx.txt', nullValues: ['NA'], timestampFormat: '%Y%m%d', columns: { customer_id: 'id', ts: 'date', amount: 'value' } } },
      { baseDir: dir },
    );
    // NA is declared missing: the row is left out for lack of an amount, but it is not "unparseable".
    expect(load.tables[0]!.excluded).toEqual([{ reason: 'missing-value', column: 'amount', count: 1, sampleRows: [1] }]);
    expect(load.warnings.map((w) => w.check)).toEqual(['missing-value']);
  });

  it('rejects a bad session or baseDir by name', async () => {
    await expect(loadTables({} as DuckSession, { transactions: { path: 'x' } }, { baseDir: dir })).rejects.toThrow(/Invalid session/);
    await expect(loadTables(session, { transactions: { path: 'x' } }, { baseDir: '' })).rejects.toThrow(/Invalid options.baseDir/);
    const e = await loadError(session, { transactions: { path: 'x.unknown' } }, { baseDir: dir });
    expect(e.problems[0]!.check).toBe('file-not-found');
  });
});
