import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvWriter, writeCsv } from '../../src/core/CsvWriter';
import { InputError } from '../../src/core/errors';
import { DuckSession, quoteLiteral } from '../../src/data/DuckSession';
import { HOSTILE_IDS } from './hostileValues';

const dir = () => mkdtempSync(join(tmpdir(), 'seglab-csv-'));


describe('CsvWriter', () => {
  it('writes a header and rows, LF line ends, and only renames into place on close', () => {
    const path = join(dir(), 'out', 'x.csv');
    const w = CsvWriter.create(path, ['customer_id', 'segment']);
    w.row(['C1', 0]);
    w.row(['a,b', -1]);
    expect(existsSync(path)).toBe(false);
    w.close();
    expect(readFileSync(path, 'utf8')).toBe('customer_id,segment\nC1,0\n"a,b",-1\n');
    expect(readdirSync(join(path, '..'))).toEqual(['x.csv']);
    expect(w.rows).toBe(2);
  });

  it('abort leaves no file and no temporary file; a ragged row is refused', () => {
    const d = dir();
    const w = CsvWriter.create(join(d, 'x.csv'), ['a', 'b']);
    expect(() => w.row(['only one'])).toThrow(/has 1 values, expected 2/);
    w.abort();
    expect(readdirSync(d)).toEqual([]);
  });

  it('a path it cannot write (a folder that is a file) is an InputError naming the file', () => {
    const d = dir();
    writeFileSync(join(d, 'file'), 'x');
    expect(() => CsvWriter.create(join(d, 'file', 'x.csv'), ['a'])).toThrow(InputError);
    expect(() => CsvWriter.create(join(d, 'file', 'x.csv'), ['a'])).toThrow(/Cannot write .*file\/x\.csv/);
  });

  it('flushes large files in pieces and keeps every row', () => {
    const path = join(dir(), 'big.csv');
    const n = 200_000;
    function* rows() {
      for (let i = 0; i < n; i++) yield [`customer-${i}`, i % 7, -i / 3];
    }
    expect(writeCsv(path, ['id', 's', 'v'], rows())).toBe(n);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBe(n + 1);
    expect(lines[n]).toBe(`customer-${n - 1},${(n - 1) % 7},${String(-(n - 1) / 3)}`);
  });

  it('DuckDB reads back every hostile value as written (guard off), one record per row', async () => {
    const path = join(dir(), 'hostile.csv');
    writeCsv(path, ['customer_id', 'n'], HOSTILE_IDS.map((id, i) => [id, i]), { formulaGuard: false });
    const session = await DuckSession.open();
    try {
      const rows = await session.all(
        `SELECT customer_id, n FROM read_csv(${quoteLiteral(path)}, header = true, quote = '"', escape = '"', columns = {'customer_id': 'VARCHAR', 'n': 'INTEGER'}, allow_quoted_nulls = false, strict_mode = true) ORDER BY n`,
      );
      expect(rows.map((r) => r.customer_id)).toEqual(HOSTILE_IDS);
    } finally {
      session.close();
    }
  });
});
