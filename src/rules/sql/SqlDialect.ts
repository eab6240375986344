import { UsageError } from '../../core/errors';

/** The SQL dialects the rule compiler writes. */
export const SQL_DIALECTS = ['duckdb', 'postgres', 'clickhouse', 'bigquery', 'snowflake', 'spark'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

export function isSqlDialect(value: unknown): value is SqlDialect {
  return typeof value === 'string' && (SQL_DIALECTS as readonly string[]).includes(value);
}

/** Throws a UsageError naming the parameter unless `value` is one of SQL_DIALECTS. */
export function assertSqlDialect(value: unknown, parameter = 'dialect'): asserts value is SqlDialect {
  if (!isSqlDialect(value)) {
    throw new UsageError(`${parameter}: expected one of ${SQL_DIALECTS.join(', ')}, got ${JSON.stringify(value)}`);
  }
}
