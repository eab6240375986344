import { UsageError } from '../../core/errors';
import { assertSqlDialect, type SqlDialect } from './SqlDialect';
import { backslashEscaped, assertEncodable } from './quoteLiteral';

/** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1 bytes), which could make two names one. */
const POSTGRES_MAX_IDENTIFIER_BYTES = 63;

/**
 * A name as a quoted identifier of the dialect, whatever characters it holds:
 * - duckdb, postgres, snowflake: `"…"`, a `"` written twice (the SQL standard's delimited identifier);
 * - spark: `` `…` ``, a backtick written twice (Spark SQL reference, "Identifiers");
 * - bigquery: `` `…` `` with backslash escapes, since GoogleSQL quoted identifiers "have the same escape
 *   sequences as string literals" (a doubled backtick would end the name);
 * - clickhouse: `` `…` `` with backslash escapes for `\` and the backtick, as ClickHouse's own formatter
 *   and clients write them.
 * Refuses an empty name, a NUL character or a lone UTF-16 surrogate, and (postgres) a name over 63 bytes.
 * Quoted names are case-sensitive in every dialect except Spark, whose identifiers never are.
 */
export function quoteIdentifier(name: string, dialect: SqlDialect): string {
  assertSqlDialect(dialect);
  if (typeof name !== 'string' || name.length === 0) {
    throw new UsageError(`a SQL identifier must be a non-empty string, got ${JSON.stringify(name)}`);
  }
  assertEncodable(name, 'identifier');
  switch (dialect) {
    case 'duckdb':
    case 'snowflake':
      return `"${name.replace(/"/g, '""')}"`;
    case 'postgres':
      if (Buffer.byteLength(name, 'utf8') > POSTGRES_MAX_IDENTIFIER_BYTES) {
        throw new UsageError(`PostgreSQL identifiers are at most ${POSTGRES_MAX_IDENTIFIER_BYTES} bytes (longer ones are silently truncated): ${JSON.stringify(name)}`);
      }
      return `"${name.replace(/"/g, '""')}"`;
    case 'spark':
      return `\`${name.replace(/`/g, '``')}\``;
    case 'bigquery':
    case 'clickhouse':
      return `\`${backslashEscaped(name, dialect, '`')}\``;
  }
}
