import { assertUnreachable } from '../core/assertUnreachable';
import { quoteLiteral } from './DuckSession';
import type { ColumnRole } from './schema';
import type { ColumnType } from './resolveMapping';

/** Words read as booleans (compared lower-case, trimmed). */
export const TRUE_WORDS = ['true', 't', 'yes', 'y', '1'] as const;
export const FALSE_WORDS = ['false', 'f', 'no', 'n', '0'] as const;

const list = (words: readonly string[]) => words.map(quoteLiteral).join(', ');

/** SQL that is true when a mapped value is present (not NULL, and not blank text). */
export function presentSql(value: string, valueType: string): string {
  return valueType === 'VARCHAR' ? `(NULLIF(trim(${value}), '') IS NOT NULL)` : `(${value} IS NOT NULL)`;
}

/**
 * SQL that converts a mapped value (source text, or a native Parquet/JSON/expression value) to
 * the column's canonical type. Anything that does not convert becomes NULL, so
 * `present AND converted IS NULL` counts exactly the unparseable values.
 *
 * Text is trimmed before it is converted, but trim() is slow on millions of values, so text is
 * first converted as written and only trimmed where that fails (blank, padded or invalid values);
 * the result is the same. DuckDB computes an expression that occurs twice in a CASE once.
 */
export function conversionSql(
  value: string,
  valueType: string,
  target: ColumnType,
  role: ColumnRole,
  timestampFormat?: string | readonly string[],
): string {
  const isText = valueType === 'VARCHAR';
  const text = isText ? `NULLIF(trim(${value}), '')` : `NULLIF(trim(CAST(${value} AS VARCHAR)), '')`;
  const family = typeFamily(valueType);
  /** `convert` of the text, trimming only the values that do not convert as written. */
  const fromText = (convert: (v: string) => string): string =>
    isText ? `(CASE WHEN ${convert(value)} IS NOT NULL THEN ${convert(value)} ELSE ${convert(text)} END)` : convert(text);
  switch (target) {
    case 'DOUBLE':
    case 'BIGINT': {
      const cast = family === 'number' ? `TRY_CAST(${value} AS ${target})` : fromText((v) => `TRY_CAST(${v} AS ${target})`);
      // NaN and infinities are not usable amounts; treat them as unparseable.
      return target === 'DOUBLE' ? `(CASE WHEN isfinite(${cast}) THEN ${cast} END)` : cast;
    }
    case 'TIMESTAMP': {
      if (timestampFormat !== undefined) {
        const fmt = typeof timestampFormat === 'string' ? quoteLiteral(timestampFormat) : `[${list(timestampFormat)}]`;
        return fromText((v) => `CAST(try_strptime(${v}, ${fmt}) AS TIMESTAMP)`);
      }
      return family === 'time' ? `TRY_CAST(${value} AS TIMESTAMP)` : fromText((v) => `TRY_CAST(${v} AS TIMESTAMP)`);
    }
    case 'BOOLEAN': {
      if (valueType === 'BOOLEAN') return value;
      const words = (operand: string, otherwise: string) =>
        `CASE ${operand} ${TRUE_WORDS.map((w) => `WHEN ${quoteLiteral(w)} THEN true`).join(' ')} ${FALSE_WORDS.map((w) => `WHEN ${quoteLiteral(w)} THEN false`).join(' ')} ELSE ${otherwise} END`;
      // Words written as listed match at once; only the others are trimmed and lower-cased.
      const general = words(`lower(${text})`, 'NULL');
      return `(${isText ? words(value, general) : general})`;
    }
    case 'VARCHAR': {
      // Ids written as floats by spreadsheet tools ("17850.0") mean the integer id.
      // The LIKE guard keeps the (slow) regex off the common case: 10M ids take seconds otherwise.
      if (role === 'id') return `(CASE WHEN ${text} LIKE '%.0' THEN regexp_replace(${text}, '^(-?[0-9]+)\\.0+$', '\\1') ELSE ${text} END)`;
      // A value whose first character is visible ASCII is not blank; only the others need the trim.
      if (isText) return `(CASE WHEN ascii(${value}) BETWEEN 33 AND 126 THEN ${value} WHEN trim(${value}) = '' THEN NULL ELSE ${value} END)`;
      return `CAST(${value} AS VARCHAR)`;
    }
    default:
      return assertUnreachable(target, 'column type');
  }
}

/** Casts between these families are defined in DuckDB; anything else goes through text. */
function typeFamily(duckType: string): 'text' | 'number' | 'time' | 'boolean' | 'other' {
  if (duckType === 'VARCHAR') return 'text';
  if (duckType === 'BOOLEAN') return 'boolean';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/.test(duckType)) return 'number';
  if (/^(DATE|TIMESTAMP.*)$/.test(duckType)) return 'time';
  return 'other';
}
