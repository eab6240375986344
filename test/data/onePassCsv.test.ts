import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataConfig } from '../../src/data/DataConfig';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables, type LoadResult } from '../../src/data/loadTables';
import { tempDir, writeFile } from './helpers';

/**
 * The one-pass CSV read (read, map and convert in one statement) must give what the staged read
 * gives — the same canonical tables, counts, exclusions, duplicates and warnings with their rows —
 * and must step aside for any file with a problem in its values, so every error keeps its rows.
 */
const CLEAN_TX = [
  'order_id,customer_id,ts,amount,items,discount_used,channel,is_return',
  'o1,17850.0,2024-01-01 10:00:00,12.5,1,true,web,false',
  'o2, 17851 ,2024-01-02, 7 ,2,Yes,app,F',
  'o3,,2024-01-03 11:00:00,3,1,no,web,false',
  'o4,17852,2024-01-04 12:30:00,-4.25,,N,  ,TRUE',
  'o5,17852,2024-01-04 12:30:00,-4.25,,N,  ,TRUE',
  'o6,17853,2024-01-05T08:00:00,1e2,3,0,store,0',
  'o7,17853,2024-01-06,NA,3,1,store,1',
  'o8,17854,2024-02-06 00:00:00,0,3,t,web,f',
].join('\n');

const CLEAN_EVENTS = ['customer_id,ts,event_type,session_id', 'c1,2025-10-02 11:13:21,email_sent,', 'c1,2025-10-02 15:50:54,session,S1', 'c2,2025-10-03,mystery,S2', 'c1,2025-10-02 15:50:54,session,S1'].join('\n');

const CUSTOMERS = ['customer_id,signup_date,age,city', 'a,2023-01-01,30,Paris', 'b,2023-02-01,-1,', 'c,2023-03-01,45,  Lyon', 'a,2023-01-01,30,Paris'].join('\n');

interface Case {
  name: string;
  files: Record<string, string | Buffer>;
  config: DataConfig;
  /** Whether the one-pass read should take the file (false: a problem sends it to the staged read). */
  onePass: boolean;
}

const CASES: Case[] = [
  { name: 'clean transactions: padded values, words as booleans, float ids, a missing id, repeats', files: { 'tx.csv': CLEAN_TX }, config: { transactions: { path: 'tx.csv', nullValues: ['NA'] } }, onePass: true },
  { name: 'gzip, generated order ids, a filter', files: { 'tx.csv.gz': gzipSync(CLEAN_TX.split('\n').map((l) => l.slice(l.indexOf(',') + 1)).join('\n')) }, config: { transactions: { path: 'tx.csv.gz', nullValues: ['NA'], filter: 'amount > 0' } }, onePass: true },
  { name: 'events with an unknown type and repeats', files: { 'ev.csv': CLEAN_EVENTS }, config: { events: { path: 'ev.csv' } }, onePass: true },
  { name: 'customers with missing-value codes and explicit roles', files: { 'c.csv': CUSTOMERS }, config: { customers: { path: 'c.csv', missingValues: { age: [-1] }, roles: { age: 'numeric', city: 'categorical' } } }, onePass: true },
  { name: 'a timestamp format', files: { 'tx.csv': 'customer_id,ts,amount\na,01/02/2024 10:00,3\nb,13/02/2024 11:00,4\n' }, config: { transactions: { path: 'tx.csv', timestampFormat: '%d/%m/%Y %H:%M' } }, onePass: true },
  { name: 'semicolons and a mapping', files: { 'tx.csv': 'Kunde;Zeit;Betrag\na;2024-01-01;3\nb;2024-01-02;4\n' }, config: { transactions: { path: 'tx.csv', delimiter: ';', columns: { customer_id: 'Kunde', ts: 'Zeit', amount: 'Betrag' } } }, onePass: true },
  { name: 'unparseable amounts (a warning with rows)', files: { 'tx.csv': 'customer_id,ts,amount\na,2024-01-01,3\nb,2024-01-02,abc\nc,2024-01-03,4\nd,2024-01-03,5\ne,2024-01-03,6\n' }, config: { transactions: { path: 'tx.csv' } }, onePass: false },
  { name: 'NaN amounts are not numbers', files: { 'tx.csv': 'customer_id,ts,amount\na,2024-01-01,3\nb,2024-01-02,NaN\nc,2024-01-02,inf\nd,2024-01-03,4\ne,2024-01-03,4\n' }, config: { transactions: { path: 'tx.csv' } }, onePass: false },
  { name: 'a bad date', files: { 'tx.csv': 'customer_id,ts,amount\na,2024-01-01,3\nb,2024-02-30,4\nc,2024-01-03,5\n' }, config: { transactions: { path: 'tx.csv', onInvalid: { ts: 'drop' } } }, onePass: false },
  { name: 'an extra column whose type comes from its values', files: { 'c.csv': 'customer_id,score\na,1\nb,2\n' }, config: { customers: { path: 'c.csv', keepUnmapped: true } }, onePass: false },
];

async function load(c: Case, onePassCsv: boolean): Promise<{ result: LoadResult | Error; tables: Record<string, unknown[]> }> {
  const dir = tempDir();
  for (const [name, content] of Object.entries(c.files)) writeFile(dir, name, content);
  const session = await DuckSession.open();
  try {
    let result: LoadResult | Error;
    try {
      result = await loadTables(session, c.config, { baseDir: dir, onePassCsv });
    } catch (error) {
      result = error as Error;
    }
    const tables: Record<string, unknown[]> = {};
    for (const t of ['customers', 'transactions', 'events']) {
      if (await session.tableExists(t)) tables[t] = await session.all(`SELECT * FROM ${t} ORDER BY rowid`);
      if (await session.tableExists(`__seglab_rows_${t}`)) tables[`rows_${t}`] = await session.all(`SELECT * FROM __seglab_rows_${t} ORDER BY rowid`);
    }
    tables.leftover = await session.all(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '__seglab_%' AND table_name NOT LIKE '__seglab_rows_%'`);
    return { result, tables };
  } finally {
    session.close();
  }
}

/** A LoadResult without what differs by design: the path taken, and the temporary folder's name. */
function comparable(r: LoadResult | Error, dir: RegExp): unknown {
  if (r instanceof Error) return JSON.parse(JSON.stringify({ message: r.message, problems: (r as { problems?: unknown }).problems }).replace(dir, '<dir>'));
  const tables = r.tables.map(({ read: _read, ...t }) => t);
  return JSON.parse(JSON.stringify({ ...r, tables }).replace(dir, '<dir>'));
}

describe('one-pass CSV read: the same load as the staged read, or none', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.onePass ? 'one pass' : 'staged'}, same result`, async () => {
      const fast = await load(c, true);
      const staged = await load(c, false);
      const dir = /\/tmp\/[^"/]+/g;
      expect(comparable(fast.result, dir)).toEqual(comparable(staged.result, dir));
      expect(fast.tables).toEqual(staged.tables);
      expect(fast.tables.leftover).toEqual([]);
      if (!(fast.result instanceof Error)) {
        expect(fast.result.tables.map((t) => t.read)).toEqual(fast.result.tables.map(() => (c.onePass ? 'one-pass' : 'staged')));
        expect((staged.result as LoadResult).tables.every((t) => t.read === 'staged')).toBe(true);
      }
    });
  }
});

describe('the one-pass read on clean files', () => {
  let session: DuckSession;
  beforeAll(async () => {
    session = await DuckSession.open();
  });
  afterAll(() => session.close());

  it('keeps row numbers: excluded rows are found at their file rows', async () => {
    const dir = tempDir();
    writeFile(dir, 'tx.csv', CLEAN_TX + '\n');
    const r = await loadTables(session, { transactions: { path: 'tx.csv', nullValues: ['NA'] } }, { baseDir: dir });
    const t = r.tables[0]!;
    expect(t.read).toBe('one-pass');
    expect(t.duplicateRows.count).toBe(0); // order ids differ
    expect(t.excluded).toEqual([
      { reason: 'missing-customer-id', count: 1, sampleRows: [3] },
      { reason: 'missing-value', column: 'amount', count: 1, sampleRows: [7] },
    ]);
    expect(r.warnings.find((w) => w.check === 'missing-customer-id')?.location).toMatchObject({ line: 4, row: 3 });
  });

  it('keeps file order in a file of many row groups read on several threads: row ids are the rows, the repeats are found where they are', async () => {
    // 400,000 distinct events (about three row groups) with one repeat and one unknown type near the end.
    const lines = ['customer_id,ts,event_type,session_id'];
    const types = ['session', 'product_view', 'email_sent'];
    for (let i = 0; i < 400_000; i++) lines.push(`c${i % 997},2025-10-0${1 + (i % 9)} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')},${types[i % 3]},S${i}`);
    lines[350_001] = lines[12]!; // row 350,001 repeats row 12
    lines[390_000] = 'c5,2025-10-05 10:00:00,mystery,S-x'; // row 390,000
    const dir = tempDir();
    writeFile(dir, 'big.csv', lines.join('\n') + '\n');
    // Six missing-value codes (none present): a list DuckDB would plan as a join if it were written as IN (...).
    const r = await loadTables(session, { events: { path: 'big.csv', missingValues: { session_id: ['n/a', 'none', '-', '?', 'null', 'unknown'] } } }, { baseDir: dir });
    expect(r.tables[0]).toMatchObject({ read: 'one-pass', loadedRows: 400_000, duplicateRows: { count: 1, sampleRows: [350_001] } });
    expect(r.warnings.find((w) => w.check === 'unknown-event-type')).toMatchObject({ count: 1, sampleRows: [390_000] });
    const rows = await session.all('SELECT rowid + 1 AS r, session_id FROM events WHERE rowid + 1 IN (1, 150000, 299999, 399999) ORDER BY r');
    expect(rows).toEqual([
      { r: 1, session_id: 'S0' },
      { r: 150_000, session_id: 'S149999' },
      { r: 299_999, session_id: 'S299998' },
      { r: 399_999, session_id: 'S399998' },
    ]);
  });

  it('takes the stage table of a clean file over as the canonical table instead of copying its rows', async () => {
    const dir = tempDir();
    writeFile(dir, 'ev.csv', CLEAN_EVENTS + '\n');
    const statements: string[] = [];
    const run = session.run.bind(session);
    session.run = (sql, params) => {
      statements.push(sql);
      return run(sql, params);
    };
    try {
      const r = await loadTables(session, { events: { path: 'ev.csv' } }, { baseDir: dir });
      expect(r.tables[0]).toMatchObject({ read: 'one-pass', loadedRows: 4, duplicateRows: { count: 1, sampleRows: [4] } });
    } finally {
      session.run = run;
    }
    expect(statements.filter((sql) => /CREATE (OR REPLACE )?TABLE "events"/.test(sql))).toEqual([]);
    expect(await session.all('SELECT customer_id, event_type FROM events ORDER BY rowid')).toEqual([
      { customer_id: 'c1', event_type: 'email_sent' },
      { customer_id: 'c1', event_type: 'session' },
      { customer_id: 'c2', event_type: 'mystery' },
      { customer_id: 'c1', event_type: 'session' },
    ]);
    expect((await session.describe('events')).map((c) => c.name)).toEqual(['customer_id', 'ts', 'event_type', 'session_id']);
  });

  it('scans the table no more for missing required values or unknown event types when its counts show none', async () => {
    const dir = tempDir();
    writeFile(dir, 'ev.csv', ['customer_id,ts,event_type,session_id', 'c1,2025-10-02 11:13:21,email_sent,', 'c1,2025-10-02 15:50:54,session,S1', 'c2,2025-10-03,email_open,'].join('\n') + '\n');
    const statements: string[] = [];
    const all = session.all.bind(session);
    session.all = (sql, params) => {
      statements.push(sql);
      return all(sql, params);
    };
    try {
      const r = await loadTables(session, { events: { path: 'ev.csv' } }, { baseDir: dir });
      expect(r.tables[0]).toMatchObject({ read: 'one-pass', loadedRows: 3, excluded: [] });
      expect(r.warnings).toEqual([]);
    } finally {
      session.all = all;
    }
    expect(statements.filter((sql) => /__reason|"event_type" NOT IN/.test(sql))).toEqual([]);
  });
});
