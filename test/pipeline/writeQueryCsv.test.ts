import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvWriter } from '../../src/core/CsvWriter';
import type { CsvValue } from '../../src/core/csvField';
import { DuckSession, quoteLiteral } from '../../src/data/DuckSession';
import { csvValueSelects } from '../../src/pipeline/csvLineSql';
import { writeQueryCsv } from '../../src/pipeline/writeQueryCsv';
import { HOSTILE_IDS } from '../core/hostileValues';

const dir = mkdtempSync(join(tmpdir(), 'seglab-wqcsv-'));
let session: DuckSession;

/** The reference: every value read into JavaScript and written by CsvWriter.row (what writeQueryCsv did before DuckDB formatted lines). */
async function valueByValue(sql: string, path: string, formulaGuard: boolean): Promise<string> {
  const described = await session.describe(`(${sql})`);
  const result = await session.connection.stream(`SELECT ${csvValueSelects(described).join(', ')} FROM (${sql})`);
  const w = CsvWriter.create(path, described.map((c) => c.name), { formulaGuard });
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (let i = 0; i < chunk.rowCount; i++) w.row(described.map((_, j) => chunk.getColumnVector(j).getItem(i) as CsvValue));
  }
  w.close();
  return readFileSync(path, 'utf8');
}

beforeAll(async () => {
  session = await DuckSession.open();
  const ids = [...HOSTILE_IDS, null, '-3.5', '+33', '1e-5', '=', 'ok"', 'x\n'];
  const doubles = [0, -0, 1, -2.5, 0.1, 123456789.123, 1e15 - 1, 1e15, 1e16, 1.5e17, 1e21, 1.2345e20, 1.5e-5, 1e-4, 0.0001234, 9.99e-5, 1e-7, 5e-324, 1.7976931348623157e308, -8.339309838719645e-5, 2 ** 53, NaN, Infinity, -Infinity, null];
  const n = Math.max(ids.length, doubles.length);
  const lit = (v: number | null) => (v === null ? 'NULL' : Number.isNaN(v) ? "'nan'::DOUBLE" : v === Infinity ? "'inf'::DOUBLE" : v === -Infinity ? "'-inf'::DOUBLE" : Object.is(v, -0) ? '-0.0::DOUBLE' : `${v}::DOUBLE`);
  const rows = Array.from({ length: n }, (_, i) => {
    const id = ids[i % ids.length];
    const d = doubles[i % doubles.length]!;
    return `(${id === null ? 'NULL' : quoteLiteral(id!)}, ${lit(d)}, ${i % 5 === 4 ? 'NULL' : `${(i * 1.25) / 8}::FLOAT`}, ${i === 0 ? '9223372036854775807' : i === 1 ? "'-9223372036854775808'" : i % 6 === 5 ? 'NULL' : i * 1000 - 7}::BIGINT, ${i === 2 ? '170141183460469231731687303715884105727' : String(i)}::HUGEINT, ${i % 3 === 0 ? 'NULL' : i % 3 === 1 ? 'true' : 'false'}, ${i % 4 === 3 ? 'NULL' : `${-i * 12.345}::DECIMAL(18,4)`}, DATE '2026-01-01' + ${i}, TIMESTAMP '2026-05-16 07:53:29' + INTERVAL ${i} MINUTE, ${i}::INTEGER)`;
  });
  await session.run(`CREATE TABLE t (id VARCHAR, d DOUBLE, f FLOAT, i BIGINT, h HUGEINT, b BOOLEAN, dec DECIMAL(18,4), dt DATE, ts TIMESTAMP, n INTEGER)`);
  await session.run(`INSERT INTO t VALUES ${rows.join(', ')}`);
});

afterAll(() => session?.close());

describe('writeQueryCsv', () => {
  it('writes the same bytes as writing every value through CsvWriter.row, for every type and hostile text, guard on and off', async () => {
    for (const formulaGuard of [true, false]) {
      const expected = await valueByValue('SELECT * FROM t ORDER BY n', join(dir, `ref-${formulaGuard}.csv`), formulaGuard);
      const path = join(dir, `got-${formulaGuard}.csv`);
      const rows = await writeQueryCsv(session, 'SELECT * FROM t ORDER BY n', path, { formulaGuard });
      expect(rows).toBe(25);
      expect(readFileSync(path, 'utf8')).toBe(expected);
    }
    // The fixture reaches every branch: exponents both ways, NaN and infinities (the writer's rows), big integers.
    const text = readFileSync(join(dir, 'got-true.csv'), 'utf8');
    for (const s of ['1e+21', '1e-7', '0.000015', '10000000000000000', 'NaN', '-Infinity', '9223372036854775807', '170141183460469231731687303715884105727', `"'=1+1"`, '-3.5', '"a,b"']) expect(text).toContain(s);
  });

  it('writes 20,000 random doubles of every magnitude as JavaScript does', async () => {
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const xs = Array.from({ length: 20_000 }, (_, i) => {
      const e = Math.floor(rand() * 36) - 12; // 1e-12 .. 1e23
      const x = (rand() * 9 + 1) * 10 ** e * (rand() < 0.5 ? -1 : 1);
      return i % 7 === 0 ? Math.round(x) : x;
    });
    await session.run('CREATE OR REPLACE TABLE r (k INTEGER, x DOUBLE)');
    await session.run(`INSERT INTO r SELECT unnest(range(${xs.length})), unnest([${xs.map((x) => `'${x}'::DOUBLE`).join(',')}])`);
    const path = join(dir, 'random.csv');
    await writeQueryCsv(session, 'SELECT x FROM r ORDER BY k', path);
    expect(readFileSync(path, 'utf8')).toBe(`x\n${xs.map((x) => `${String(x)}\n`).join('')}`);
  });
});
