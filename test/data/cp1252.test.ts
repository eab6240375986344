import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDataConfig } from '../../src/data/DataConfig';
import { transcodeCp1252 } from '../../src/data/transcodeCp1252';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { loadError, tempDir, writeFile } from './helpers';

const cp = (text: string) => Buffer.from(text, 'latin1');
/** Windows-1252 bytes: € is 0x80, ’ is 0x92, é is 0xE9 (as in latin-1). */
const EURO = Buffer.from([0x80]);
const QUOTE = Buffer.from([0x92]);

function cp1252File(): Buffer {
  return Buffer.concat([
    cp('customer_id,ts,amount,note\nc1,2024-01-01,1,caf\xe9\nc2,2024-01-02,2,5 '),
    EURO,
    cp('\nc3,2024-01-03,3,it'),
    QUOTE,
    cp('s\nc4,2024-01-04,4,plain\n'),
  ]);
}

describe('Windows-1252 (cp1252) files', () => {
  let session: DuckSession;
  let dir: string;
  let tmp: string;
  const savedTmp = process.env.TMPDIR;
  beforeAll(async () => {
    session = await DuckSession.open();
  });
  afterAll(() => session.close());
  beforeEach(() => {
    dir = tempDir();
    // The transcoded copy goes to the temporary folder: watch that it is removed.
    tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    process.env.TMPDIR = tmp;
  });
  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  });

  it('encoding: cp1252 reads €, ’ and é (plain and gzip, csv and whitespace), and leaves no temporary file', async () => {
    expect(parseDataConfig({ transactions: { path: 'x.csv', encoding: 'cp1252' } }).transactions!.encoding).toBe('cp1252');
    writeFile(dir, 'tx.csv', cp1252File());
    writeFile(dir, 'tx2.csv.gz', cp1252File());
    for (const path of ['tx.csv', 'tx2.csv.gz']) {
      const load = await loadTables(session, { transactions: { path, encoding: 'cp1252', keepUnmapped: true } }, { baseDir: dir });
      expect(load.tables[0]!.loadedRows, path).toBe(4);
      expect(load.tables[0]!.path).toBe(join(dir, path));
      expect((await session.all('SELECT note FROM transactions ORDER BY customer_id')).map((r) => r.note)).toEqual(['café', '5 €', 'it’s', 'plain']);
    }
    writeFile(dir, 'tx.txt', Buffer.concat([cp('customer_id ts amount note\nc1 2024-01-01 1 '), EURO, cp('\n')]));
    await loadTables(session, { transactions: { path: 'tx.txt', format: 'whitespace', encoding: 'cp1252', keepUnmapped: true } }, { baseDir: dir });
    expect(await session.scalar('SELECT note FROM transactions')).toBe('€');
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('errors in a transcoded file still name the original file and its lines', async () => {
    writeFile(dir, 'tx.csv', Buffer.concat([cp1252File(), cp('c5,2024-01-05\n')]));
    const e = await loadError(session, { transactions: { path: 'tx.csv', encoding: 'cp1252' } }, { baseDir: dir });
    expect(e.problems[0]).toMatchObject({ check: 'ragged-rows', location: { file: join(dir, 'tx.csv'), line: 6 } });
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('read as UTF-8 (the default): the line, and cp1252 suggested because of the byte 0x80', async () => {
    writeFile(dir, 'tx.csv', cp1252File());
    const e = await loadError(session, { transactions: { path: 'tx.csv' } }, { baseDir: dir });
    const p = e.problems.find((x) => x.check === 'invalid-encoding')!;
    expect(p).toMatchObject({ location: { line: 2 }, count: 3, sampleRows: [1, 2, 3] });
    expect(p.hint).toContain('encoding: cp1252');
    expect(p.hint).not.toContain('encoding: latin-1');
    expect(p.message).toContain('0x80');
  });

  it('declared latin-1: the line of the first byte latin-1 does not define as text, and cp1252 suggested', async () => {
    writeFile(dir, 'tx.csv', cp1252File());
    const e = await loadError(session, { transactions: { path: 'tx.csv', encoding: 'latin-1' } }, { baseDir: dir });
    expect(e.problems).toHaveLength(1);
    const p = e.problems[0]!;
    expect(p).toMatchObject({ check: 'invalid-encoding', location: { file: join(dir, 'tx.csv'), line: 3 }, count: 2 });
    expect(p.message).toContain('0x80');
    expect(p.hint).toContain('encoding: cp1252');
  });
});

describe('transcodeCp1252', () => {
  it('maps every byte as Windows-1252 does, across chunk boundaries and through gzip', async () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, b) => b));
    // 0x80–0x9F as printed in the Windows-1252 code chart (Node's TextDecoder reads them as latin-1
    // here, so it cannot serve as the reference); undefined bytes keep their C1 code point (WHATWG).
    const c1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    const chart = Array.from({ length: 256 }, (_, b) => (b >= 0x80 && b < 0xa0 ? c1[b - 0x80]! : String.fromCharCode(b))).join('');
    // 3 MB: several 1 MB read chunks, each cut in the middle of the byte table.
    const bytes = Buffer.concat(Array.from({ length: 12_000 }, () => all));
    const dir = tempDir();
    const expected = chart.repeat(12_000);
    // writeFile gzips ".gz" names.
    for (const [name, content, gzip] of [['plain.txt', bytes, false], ['packed.txt.gz', bytes, true]] as const) {
      const src = writeFile(dir, name, content);
      const out = join(dir, `${name}.utf8`);
      await transcodeCp1252(src, gzip, out);
      expect(readFileSync(out, 'utf8') === expected, name).toBe(true);
    }
  });
});
