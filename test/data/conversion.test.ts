import { rmSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { loadError, tempDir, writeFile } from './helpers';

const NBSP = '\u00a0';

describe('conversion of source text and exact row numbers', () => {
  let session: DuckSession;
  let dir: string;
  beforeAll(async () => {
    session = await DuckSession.open();
  });
  afterAll(() => session.close());
  beforeEach(() => {
    dir = tempDir();
  });

  it('padded, blank and oddly written values convert as when trimmed first', async () => {
    writeFile(
      dir,
      'tx.csv',
      [
        'order_id,customer_id,ts,amount,items,category,discount_used,channel',
        `o1, C1 ,2024-01-02 ,  20 ,3.0,home,true,web`,
        `o2,2.0, 2024-01-03 04:05:06 ,-5,${NBSP}2${NBSP},${NBSP}${NBSP}, Yes ,  `,
        `o3,${NBSP}C3${NBSP},${NBSP}2024-01-04${NBSP},1e2,,  x  ,FALSE,app`,
        `o4,C4,2024-01-05T10:00:00,7,1,\tx,n,web`,
      ].join('\n') + '\n',
    );
    const load = await loadTables(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    expect(load.warnings).toEqual([]);
    expect(
      await session.all(`SELECT customer_id, ts::VARCHAR AS ts, amount, items, category, discount_used, channel FROM transactions`),
    ).toEqual([
      { customer_id: 'C1', ts: '2024-01-02 00:00:00', amount: 20, items: 3, category: 'home', discount_used: true, channel: 'web' },
      { customer_id: '2', ts: '2024-01-03 04:05:06', amount: -5, items: 2, category: null, discount_used: true, channel: null },
      { customer_id: 'C3', ts: '2024-01-04 00:00:00', amount: 100, items: null, category: '  x  ', discount_used: false, channel: 'app' },
      { customer_id: 'C4', ts: '2024-01-05 10:00:00', amount: 7, items: 1, category: '\tx', discount_used: false, channel: 'web' },
    ]);
  });

  it('NaN, infinities and words outside the boolean lists are unparseable, with their text as written', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount,items,discount_used\nc1,2024-01-01,1,NaN,on\nc2,2024-01-02,2,inf, t \nc3,2024-01-03,3,-Infinity,maybe\nc4,2024-01-04,4,4,0\n');
    const load = await loadTables(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    const items = load.warnings.find((w) => w.check === 'unparseable-values' && w.message.includes('"items"'))!;
    expect(items).toMatchObject({ count: 3, sampleRows: [1, 2, 3] });
    expect(items.message).toContain('"NaN" (row 1), "inf" (row 2), "-Infinity" (row 3)');
    const flags = load.warnings.find((w) => w.check === 'unparseable-values' && w.message.includes('"discount_used"'))!;
    expect(flags).toMatchObject({ count: 2, sampleRows: [1, 3] });
    expect(flags.message).toContain('2 of 4 values');
    expect(await session.all(`SELECT discount_used AS d FROM transactions`)).toEqual([{ d: null }, { d: true }, { d: null }, { d: false }]);
  });

  it('row and line numbers stay exact in a file read in parallel (several 32 MB buffers), past a rejected line', async () => {
    const n = 1_500_000;
    const lines = ['customer_id,ts,amount'];
    for (let i = 1; i <= n; i++) lines.push(`c${i % 997},2024-01-01 00:00:00,${i === 1_400_000 ? 'oops' : i}`);
    lines.splice(999, 0, 'c1,2024-01-01,1,surplus'); // a ragged line (line 1,000) before the bad value
    const file = writeFile(dir, 'tx.csv', lines.join('\n') + '\n');
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    rmSync(file);
    expect(e.problems.find((p) => p.check === 'ragged-rows')).toMatchObject({ location: { line: 1_000, row: 999 } });
    // The 1,400,000th value sits on line 1,400,002, after the header and the rejected line; rows count
    // the lines of the file after the header, rejected ones included (as an editor shows them).
    const bad = e.problems.find((p) => p.check === 'unparseable-values')!;
    expect(bad).toMatchObject({ count: 1, sampleRows: [1_400_001], location: { row: 1_400_001, line: 1_400_002 } });
    expect(bad.message).toContain('"oops" (row 1400001)');
  });

  it('a source column named rowid does not disturb the row numbers', async () => {
    writeFile(dir, 'tx.csv', 'rowid,customer_id,ts,amount\n9,c1,2024-01-01,1\n8,c2,2024-01-02,x\n7,c3,2024-01-03,3\n');
    const load = await loadTables(session, { transactions: { path: 'tx.csv', keepUnmapped: true, onInvalid: 'drop' } }, { baseDir: dir });
    expect(load.warnings.find((w) => w.check === 'unparseable-values')).toMatchObject({ sampleRows: [2], location: { row: 2, line: 3 } });
    expect(await session.all(`SELECT order_id, "rowid" AS r FROM transactions`)).toEqual([
      { order_id: 'row-1', r: 9 },
      { order_id: 'row-3', r: 7 },
    ]);
  });

  it('a mapping expression that looks at other rows: failed values are shown as the stage saw them', async () => {
    writeFile(dir, 'tx.csv', 'cust,when,qty\nc1,2024-01-01,2\nc2,2024-01-02,3\nc3,2024-01-03,x\nc4,2024-01-04,5\n');
    const load = await loadTables(
      session,
      { transactions: { path: 'tx.csv', onInvalid: { amount: 'drop' }, columns: { customer_id: 'cust', ts: 'when', amount: 'qty', items: { sql: `coalesce(lag(qty) OVER (ORDER BY __row), 'none')` } } } },
      { baseDir: dir },
    );
    const items = load.warnings.find((w) => w.message.includes('"items"'))!;
    expect(items).toMatchObject({ check: 'unparseable-values', count: 2, sampleRows: [1, 4] });
    expect(items.message).toContain('"none" (row 1), "x" (row 4)');
  });
});
