import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuckSession } from '../../src/data/DuckSession';
import { findUnclosedQuote } from '../../src/data/findUnclosedQuote';
import { loadTables } from '../../src/data/loadTables';
import { loadError, tempDir, writeFile } from './helpers';

/** A quote that opens a field and is never closed swallows the rest of the file: the line where it opens is the one to fix. */
describe('unterminated quotes are reported at the line where the quote opens', () => {
  let session: DuckSession;
  let dir: string;
  beforeAll(async () => {
    session = await DuckSession.open();
  });
  afterAll(() => session.close());
  beforeEach(() => {
    dir = tempDir();
  });

  const UNCLOSED = 'customer_id,ts,amount\nc1,2024-01-01,1\nc2,2024-01-02,"never closed\nc3,2024-01-03,3\nc4,2024-01-04,4\n';

  it('detected dialect: the quote is not kept as data, line 3 is named', async () => {
    writeFile(dir, 'tx.csv', UNCLOSED);
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    const errors = e.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.check)).toEqual(['unclosed-quote']);
    expect(errors[0]).toMatchObject({ location: { file: `${dir}/tx.csv`, line: 3 } });
    expect(errors[0]!.message).toContain('line 3');
    expect(errors[0]!.hint).toContain('quote');
  });

  it('declared quote: the unclosed quote is named, not the valid lines or the header', async () => {
    writeFile(dir, 'tx.csv', UNCLOSED);
    for (const source of [{ quote: '"' }, { quote: '"', delimiter: ',' }, { quote: '"', delimiter: ',', header: true }]) {
      const e = await loadError(session, { transactions: { path: 'tx.csv', ...source } }, { baseDir: dir });
      const errors = e.problems.filter((p) => p.severity === 'error');
      expect(errors.map((p) => p.check), JSON.stringify(source)).toEqual(['unclosed-quote']);
      expect(errors[0]!.location?.line).toBe(3);
    }
  });

  it('with quoted fields elsewhere, the valid quoted line is not blamed', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount,note\nc1,2024-01-01,1,"a, b"\nc2,2024-01-02,2,"x"\nc3,2024-01-03,3,"never closed\nc4,2024-01-04,4,ok\n');
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    const errors = e.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.check, p.location?.line])).toEqual([['unclosed-quote', 4]]);
  });

  it('far into a large file (past the dialect sample), in a gzip file', async () => {
    const lines = ['customer_id,ts,amount,note'];
    for (let i = 1; i <= 30_000; i++) {
      lines.push(`c${i},2024-01-01,${i},"a, b"`);
      if (i === 25_000) lines.push('cx,2024-01-02,5,"never closed');
    }
    writeFile(dir, 'tx.csv.gz', lines.join('\n') + '\n');
    const e = await loadError(session, { transactions: { path: 'tx.csv.gz' } }, { baseDir: dir });
    const errors = e.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.check, p.location?.line])).toEqual([['unclosed-quote', 25_002]]);
  });

  it('quotes closed properly, doubled quotes and a quote inside an unquoted field still load', async () => {
    writeFile(dir, 'tx.csv', 'customer_id,ts,amount,note\nc1,2024-01-01,1,"a, ""b"""\nc2,2024-01-02,2,12" pizza\nc3,2024-01-03,3,"multi\nline"\n');
    const load = await loadTables(session, { transactions: { path: 'tx.csv', keepUnmapped: true } }, { baseDir: dir });
    expect(load.tables[0]!.loadedRows).toBe(3);
    expect((await session.all('SELECT note FROM transactions ORDER BY customer_id')).map((r) => r.note)).toEqual(['a, "b"', '12" pizza', 'multi\nline']);
  });
});

describe('findUnclosedQuote', () => {
  const scan = (text: string | Buffer, delimiter?: string) => {
    const path = writeFile(tempDir(), 'f.csv', text);
    return findUnclosedQuote(path, { gzip: false, quote: '"', ...(delimiter ? { delimiter } : {}) });
  };

  it('valid files: quoted header after a BOM, CRLF, doubled quotes, quoted line breaks, quotes inside unquoted fields', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(await scan(Buffer.concat([bom, Buffer.from('"id";"note"\r\n"a";"x ""y"" z"\r\nb;12" pizza\r\n"c";"two\r\nlines"\r\n')]))).toBeUndefined();
    expect(await scan('id\tnote\na\t"x"\n', '\t')).toBeUndefined();
  });

  it('a quote never closed: the line it opens on', async () => {
    expect(await scan('id,note\na,ok\nb,"open\nc,x\n')).toEqual({ line: 3, kind: 'end-of-file' });
  });

  it('a quote closed further down by the next quoted field: where it opens and where the field ends', async () => {
    expect(await scan('id,note\na,"open\nb,x\nc,"quoted"\n')).toEqual({ line: 2, kind: 'text-after-quote', closedAt: 4 });
  });
});
