import { UsageError } from '../../core/errors';
import { assertSqlDialect, type SqlDialect } from './SqlDialect';
import { dialectNumber } from './sqlNumber';

/**
 * A string or number as a SQL literal of the dialect (numbers: see sqlNumber). Strings:
 * - duckdb: `'…'`, a `'` written twice; a backslash is an ordinary character;
 * - postgres: `'…'`, a `'` written twice; a string holding a backslash is written `E'…'` with `\\`, so
 *   it reads the same whatever `standard_conforming_strings` is set to;
 * - snowflake: `'…'`, a `'` written twice and `\` written `\\` (single-quoted constants process
 *   backslash escape sequences);
 * - bigquery, spark, clickhouse: `'…'` with backslash escapes (`\'`, `\\`; newline, return and tab as
 *   `\n`, `\r`, `\t`; other control characters as `\uXXXX`, ClickHouse `\xHH`). BigQuery refuses raw
 *   newlines in a quoted string and does not read `''` as a quote; Spark would read `'a''b'` as the two
 *   adjacent literals 'a' and 'b'.
 * Spark assumes the default `spark.sql.parser.escapedStringLiterals=false`.
 * Refuses NUL (PostgreSQL text cannot hold it) and lone UTF-16 surrogates (not encodable as UTF-8).
 */
export function quoteLiteral(value: string | number, dialect: SqlDialect): string {
  assertSqlDialect(dialect);
  if (typeof value === 'number') return dialectNumber(value, dialect);
  if (typeof value !== 'string') throw new UsageError(`a SQL literal must be a string or a number, got ${JSON.stringify(value)}`);
  assertEncodable(value, 'string literal');
  switch (dialect) {
    case 'duckdb':
      return `'${value.replace(/'/g, "''")}'`;
    case 'postgres':
      return value.includes('\\') ? `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${value.replace(/'/g, "''")}'`;
    case 'snowflake':
      return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
    case 'bigquery':
    case 'spark':
    case 'clickhouse':
      return `'${backslashEscaped(value, dialect, "'")}'`;
  }
}

const CONTROL = /[\u0001-\u001f\u007f]/;

/** `text` with `\`, `quote` and control characters escaped with a backslash (bigquery, spark, clickhouse). */
export function backslashEscaped(text: string, dialect: 'bigquery' | 'spark' | 'clickhouse', quote: "'" | '`'): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (CONTROL.test(ch)) {
      const hex = ch.charCodeAt(0).toString(16).padStart(2, '0');
      out += dialect === 'clickhouse' ? `\\x${hex}` : `\\u00${hex}`;
    } else out += ch;
  }
  return out;
}

/** Refuses NUL and lone surrogates, which no dialect's text can hold the same way. */
export function assertEncodable(text: string, what: string): void {
  if (text.includes('\u0000')) throw new UsageError(`a SQL ${what} cannot hold the NUL character: ${JSON.stringify(text)}`);
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) {
    throw new UsageError(`a SQL ${what} cannot hold a lone UTF-16 surrogate: ${JSON.stringify(text)}`);
  }
}
