import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors';
import { DuckSession } from '../../../src/data/DuckSession';
import { conditionToSql, InvalidRuleError, quoteIdentifier, quoteLiteral, sqlNumber, SQL_DIALECTS, type SqlDialect } from '../../../src/rules';
import { SKIP_POSTGRES, startPostgres } from './postgres';

const NASTY = ['a"b', 'a`b', 'a``b', "x'; DROP TABLE t; --", "it's", 'back\\slash', 'trailing\\', "\\'", 'new\nline\r\ttab', '\u0001\u001f\u007f', 'ünïcödé 東京 😀', '*/ -- /*', '$$', 'E\'x\''];

describe('quoteIdentifier / quoteLiteral text per dialect', () => {
  const cases: [SqlDialect, string, string][] = [
    ['duckdb', '"a""b"', "'x''; DROP TABLE t; --\\'"],
    ['postgres', '"a""b"', "E'x''; DROP TABLE t; --\\\\'"],
    ['snowflake', '"a""b"', "'x''; DROP TABLE t; --\\\\'"],
    ['bigquery', '`a"b`', "'x\\'; DROP TABLE t; --\\\\'"],
    ['spark', '`a"b`', "'x\\'; DROP TABLE t; --\\\\'"],
    ['clickhouse', '`a"b`', "'x\\'; DROP TABLE t; --\\\\'"],
  ];
  it.each(cases)('%s', (dialect, ident, literal) => {
    expect(quoteIdentifier('a"b', dialect)).toBe(ident);
    expect(quoteLiteral("x'; DROP TABLE t; --\\", dialect)).toBe(literal);
  });
  it('backticks: doubled for Spark, backslash-escaped for BigQuery and ClickHouse', () => {
    expect(quoteIdentifier('a`b', 'spark')).toBe('`a``b`');
    expect(quoteIdentifier('a`b\\', 'bigquery')).toBe('`a\\`b\\\\`');
    expect(quoteIdentifier('a`b\\', 'clickhouse')).toBe('`a\\`b\\\\`');
    expect(quoteIdentifier('a`b', 'duckdb')).toBe('"a`b"');
  });
  it('control characters: escaped where the dialect reads backslash escapes, raw elsewhere', () => {
    expect(quoteLiteral('a\nb\u0001', 'bigquery')).toBe("'a\\nb\\u0001'");
    expect(quoteLiteral('a\nb\u0001', 'spark')).toBe("'a\\nb\\u0001'");
    expect(quoteLiteral('a\nb\u0001', 'clickhouse')).toBe("'a\\nb\\x01'");
    expect(quoteLiteral('a\nb\u0001', 'duckdb')).toBe("'a\nb\u0001'");
    expect(quoteLiteral('a\nb', 'postgres')).toBe("'a\nb'");
    expect(quoteLiteral('😀', 'bigquery')).toBe("'😀'");
  });
  it('refuses what no dialect can hold the same way', () => {
    for (const d of SQL_DIALECTS) {
      expect(() => quoteLiteral('a\u0000b', d)).toThrow(/NUL/);
      expect(() => quoteLiteral('a\ud800b', d)).toThrow(/surrogate/);
      expect(() => quoteIdentifier('', d)).toThrow(/non-empty/);
      expect(() => quoteIdentifier('x\u0000', d)).toThrow(/NUL/);
      expect(() => quoteLiteral(NaN, d)).toThrow(/finite/);
      expect(() => quoteLiteral(Infinity, d)).toThrow(/finite/);
    }
    expect(() => quoteIdentifier('é'.repeat(32), 'postgres')).toThrow(/63 bytes/);
    expect(quoteIdentifier('é'.repeat(31), 'postgres')).toBe(`"${'é'.repeat(31)}"`);
    expect(() => quoteLiteral('x', 'mysql' as SqlDialect)).toThrow(/expected one of duckdb/);
  });
});

describe('sqlNumber', () => {
  it.each([
    [0, '0'], [-0, '0'], [42, '42'], [-5, '(-5)'], [0.1, '0.1'], [-12.5, '(-12.5)'], [1e-7, '0.0000001'], [123456.789, '123456.789'],
    [1e21, '1E21'], [2 ** 53 - 1, '9007199254740991'], [2 ** 53, '9.007199254740992E15'], [2 ** 53 + 2, '9.007199254740994E15'], [0.1 + 0.2, '3.0000000000000004E-1'],
    [5e-324, '5E-324'], [-1.7976931348623157e308, '(-1.7976931348623157E308)'], [1 / 3, '3.333333333333333E-1'],
  ])('%s → %s', (n, text) => {
    expect(sqlNumber(n)).toBe(text);
  });
});

describe('conditionToSql forms', () => {
  const F = { x: 'number', city: 'string', s: 'string' } as const;
  it('writes the documented forms', () => {
    expect(conditionToSql({ '<': [{ var: 'x' }, 5] }, 'duckdb', { fields: F })).toBe('COALESCE("x", 0) < 5');
    expect(conditionToSql({ '==': [{ var: 'city' }, 'Paris'] }, 'postgres', { fields: F })).toBe(`COALESCE("city" = 'Paris', FALSE)`);
    expect(conditionToSql({ '!=': [{ var: 'city' }, 'Paris'] }, 'postgres', { fields: F })).toBe(`("city" IS NULL OR "city" <> 'Paris')`);
    expect(conditionToSql({ in: [{ var: 'city' }, ['a', 'b']] }, 'spark', { fields: F })).toBe("COALESCE(`city` IN ('a', 'b'), FALSE)");
    expect(conditionToSql({ in: [{ var: 'city' }, []] }, 'spark', { fields: F })).toBe('FALSE');
    expect(conditionToSql({ '!': [{ and: [true, false] }] }, 'bigquery', { fields: F })).toBe('NOT (TRUE AND FALSE)');
    expect(conditionToSql({ '!': { '>': [{ var: 'x' }, -1] } } as never, 'duckdb', { fields: F })).toBe('NOT (COALESCE("x", 0) > (-1))');
    expect(conditionToSql({ '<=': [1, { var: 'x' }, 2] }, 'snowflake', { fields: F })).toBe('(1 <= COALESCE("x", 0) AND COALESCE("x", 0) <= 2)');
    expect(conditionToSql({ '==': [{ var: 'x' }, 1] }, 'clickhouse', { fields: F })).toBe('COALESCE(`x` = 1, 0)');
    expect(conditionToSql({ '<': [{ var: 'x' }, 5] }, 'duckdb', { fields: F, column: (f) => `t.${quoteIdentifier(f, 'duckdb')}` })).toBe('COALESCE(t."x", 0) < 5');
  });
  it('refuses what is outside the subset, with the path', () => {
    expect(() => conditionToSql({ '+': [1, 2] } as never, 'duckdb', { fields: F })).toThrow(InvalidRuleError);
    expect(() => conditionToSql({ and: [] } as never, 'duckdb', { fields: F })).toThrow(/condition\.and/);
    expect(() => conditionToSql({ '<': [{ var: 'x' }, NaN] }, 'duckdb', { fields: F })).toThrow(/finite/);
    expect(() => conditionToSql({ '==': [{ var: 'city' }, 'a\u0000'] }, 'duckdb', { fields: F })).toThrow(/NUL/);
    expect(() => conditionToSql({ '<': [{ var: 's' }, 1] }, 'duckdb', { fields: { s: 'string' } })).toThrow(/is text/);
    expect(() => conditionToSql({ '==': [{ var: 'nope' }, 1] }, 'duckdb', { fields: { s: 'string' } })).toThrow(/unknown field/);
  });
  it('refuses to write SQL without declared field types (untyped SQL mixes types that warehouses reject)', async () => {
    // Without types, `{"==": [cat, 30]}` on a text column became COALESCE("cat" = 30, FALSE), which DuckDB refuses
    // while the evaluator answers loosely ("30" == 30).
    // @ts-expect-error a JavaScript caller can leave the options out; the function must refuse at run time
    expect(() => conditionToSql({ '==': [{ var: 'cat' }, 30] }, 'duckdb')).toThrow(UsageError);
    // @ts-expect-error as above
    expect(() => conditionToSql({ '==': [{ var: 'cat' }, 30] }, 'duckdb')).toThrow(/options\.fields/);
    expect(() => conditionToSql({ '==': [{ var: 'cat' }, 30] }, 'duckdb', { fields: { cat: 'string' } })).toThrow(/expected a string literal, got 30/);
    const session = await DuckSession.open({ threads: 1 });
    try {
      await session.run(`CREATE TABLE t AS SELECT '30' AS cat`);
      const sql = conditionToSql({ '==': [{ var: 'cat' }, '30'] }, 'duckdb', { fields: { cat: 'string' } });
      expect((await session.all(`SELECT ${sql} AS hit FROM t`))[0]!.hit).toBe(true);
    } finally {
      session.close();
    }
  });
});

/** `SELECT <literal> AS <identifier>` for every nasty text: the column is named and valued exactly. */
function roundTripSql(dialect: SqlDialect): string {
  return `SELECT ${NASTY.map((v, i) => `${quoteLiteral(v, dialect)} AS ${quoteIdentifier(`${i}:${v}`, dialect)}`).join(', ')}`;
}
function expectRoundTrip(row: Record<string, unknown>): void {
  expect(Object.keys(row)).toEqual(NASTY.map((v, i) => `${i}:${v}`));
  expect(Object.values(row)).toEqual(NASTY);
}

describe('no injection: names and values round-trip through DuckDB', () => {
  let session: DuckSession;
  beforeAll(async () => {
    session = await DuckSession.open({ threads: 1 });
    await session.run('CREATE TABLE t (a INTEGER)');
  });
  afterAll(() => session?.close());
  it('every nasty name and value comes back unchanged, and table t survives', async () => {
    expectRoundTrip((await session.all(roundTripSql('duckdb')))[0]!);
    expect(await session.tableExists('t')).toBe(true);
  });
});

describe.skipIf(SKIP_POSTGRES)('no injection: names and values round-trip through PostgreSQL', () => {
  let client: Client;
  beforeAll(async () => {
    client = await startPostgres();
    await client.query('CREATE TEMP TABLE t (a integer)');
  });
  afterAll(async () => {
    await client?.end();
  });
  it('with standard_conforming_strings on and off', async () => {
    for (const setting of ['on', 'off']) {
      await client.query(`SET standard_conforming_strings = ${setting}`);
      expectRoundTrip((await client.query(roundTripSql('postgres'))).rows[0]);
    }
    expect((await client.query(`SELECT to_regclass('pg_temp.t') IS NOT NULL AS ok`)).rows[0].ok).toBe(true);
  });
});
