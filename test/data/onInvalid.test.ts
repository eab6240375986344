import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { InputError } from '../../src/core/errors';
import { parseDataConfig } from '../../src/data/DataConfig';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { loadError, tempDir, writeFile } from './helpers';

/** 12 rows; amount is not a number on rows 2, 4, …, 12 except 12 — 5 bad amounts — and items is bad on rows 3 and 9. */
function transactions(badAmounts: number[], badItems: number[] = []): string {
  const lines = ['customer_id,ts,amount,items'];
  for (let r = 1; r <= 12; r++) lines.push(`c${r},2024-01-${String(r).padStart(2, '0')},${badAmounts.includes(r) ? 'abc' : r},${badItems.includes(r) ? 'two' : 1}`);
  return lines.join('\n') + '\n';
}

describe('onInvalid: what a value that does not parse does', () => {
  let session: DuckSession;
  let dir: string;
  beforeAll(async () => {
    session = await DuckSession.open();
  });
  afterAll(() => session.close());
  beforeEach(() => {
    dir = tempDir();
  });

  it('default for a required column: error, with every affected row counted and the first ones listed', async () => {
    writeFile(dir, 'tx.csv', transactions([2, 4, 6, 8, 10, 11, 12].concat([1, 3, 5, 7])));
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    const p = e.problems.find((x) => x.location?.column === 'amount' && x.severity === 'error')!;
    expect(p).toBeDefined();
    expect(p.count).toBe(11);
    expect(p.sampleRows).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10, 11]);
    expect(p.hint).toContain('onInvalid');
  });

  it('a single "abc" in a required column is an error by default (it used to drop the row with a warning)', async () => {
    writeFile(dir, 'tx.csv', transactions([4]));
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    expect(e.problems.filter((x) => x.severity === 'error')).toMatchObject([{ check: 'unparseable-values', count: 1, sampleRows: [4], location: { column: 'amount', row: 4, line: 5 } }]);
    expect(await session.tableExists('transactions')).toBe(false);
  });

  it('drop: the rows are left out, counted and listed', async () => {
    writeFile(dir, 'tx.csv', transactions([4, 9]));
    const load = await loadTables(session, { transactions: { path: 'tx.csv', onInvalid: 'drop' } }, { baseDir: dir });
    expect(load.tables[0]!.loadedRows).toBe(10);
    expect(load.tables[0]!.excluded).toEqual([{ reason: 'invalid-value', column: 'amount', count: 2, sampleRows: [4, 9] }]);
    expect(load.warnings.map((w) => w.check)).toEqual(['unparseable-values']);
    expect(load.warnings[0]).toMatchObject({ severity: 'warning', count: 2, sampleRows: [4, 9] });
    expect(load.warnings[0]!.hint).toContain('left out');
  });

  it('default for an optional column: null (the row is kept, the value is missing), with a warning listing the rows', async () => {
    writeFile(dir, 'tx.csv', transactions([], [3, 9]));
    const load = await loadTables(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    expect(load.tables[0]!.loadedRows).toBe(12);
    expect(load.warnings).toMatchObject([{ check: 'unparseable-values', severity: 'warning', count: 2, sampleRows: [3, 9], location: { column: 'items' } }]);
    expect(await session.scalar('SELECT count(*) FROM transactions WHERE items IS NULL')).toBe(2);
  });

  it('per column over the table: { default: drop, items: error }', async () => {
    writeFile(dir, 'tx.csv', transactions([4], [3]));
    const e = await loadError(session, { transactions: { path: 'tx.csv', onInvalid: { default: 'drop', items: 'error' } } }, { baseDir: dir });
    expect(e.problems.filter((x) => x.severity === 'error')).toMatchObject([{ check: 'unparseable-values', location: { column: 'items' }, sampleRows: [3] }]);
    const load = await loadTables(session, { transactions: { path: 'tx.csv', onInvalid: { default: 'drop', items: 'null' } } }, { baseDir: dir });
    expect(load.tables[0]!.excluded).toEqual([{ reason: 'invalid-value', column: 'amount', count: 1, sampleRows: [4] }]);
    expect(await session.scalar('SELECT count(*) FROM transactions WHERE items IS NULL')).toBe(1);
  });

  it('null on a required column: the value is missing, so the row is left out as missing', async () => {
    writeFile(dir, 'tx.csv', transactions([4]));
    const load = await loadTables(session, { transactions: { path: 'tx.csv', onInvalid: { amount: 'null' } } }, { baseDir: dir });
    expect(load.tables[0]!.excluded).toEqual([{ reason: 'missing-value', column: 'amount', count: 1, sampleRows: [4] }]);
  });

  it('unparseable dates follow the same policy', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount\nc1,2024-01-01,1\nc2,yesterday,2\nc3,2024-01-03,3\n');
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    expect(e.problems).toMatchObject([{ check: 'unparseable-date', severity: 'error', sampleRows: [2] }]);
    const load = await loadTables(session, { transactions: { path: 'tx.csv', onInvalid: { ts: 'drop' } } }, { baseDir: dir });
    expect(load.tables[0]!.excluded).toEqual([{ reason: 'invalid-value', column: 'ts', count: 1, sampleRows: [2] }]);
  });

  it('YAML null means the null policy; wrong values and unknown columns are config errors with their field', async () => {
    const yaml = parse('transactions:\n  path: tx.csv\n  onInvalid: { default: drop, items: null }\n');
    expect(parseDataConfig(yaml).transactions!.onInvalid).toEqual({ default: 'drop', items: 'null' });
    expect(parseDataConfig(parse('transactions:\n  path: tx.csv\n  onInvalid: null\n')).transactions!.onInvalid).toBe('null');
    for (const [value, field] of [
      ['skip', 'data.transactions.onInvalid'],
      [{ amount: 'skip' }, 'data.transactions.onInvalid.amount'],
      [3, 'data.transactions.onInvalid'],
    ] as const) {
      try {
        parseDataConfig({ transactions: { path: 'tx.csv', onInvalid: value } });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        const p = (e as InputError).problems[0]!;
        expect(p.location?.field).toBe(field);
        expect(p.message).toMatch(/error.*drop.*null/);
      }
    }
    writeFile(dir, 'tx.csv', transactions([]));
    const e = await loadError(session, { transactions: { path: 'tx.csv', onInvalid: { amonut: 'drop' } } }, { baseDir: dir });
    expect(e.problems[0]).toMatchObject({ check: 'unknown-on-invalid-column', location: { field: 'data.transactions.onInvalid.amonut' } });
    expect(e.problems[0]!.message).toContain('amount');
  });
});
