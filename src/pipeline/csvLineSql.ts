import { FORMULA_START, NEEDS_QUOTES, PLAIN_NUMBER } from '../core/csvField';
import { quoteIdent, quoteLiteral } from '../data/DuckSession';

/** DuckDB types written as JavaScript numbers (shortest round-trip form). */
export const CSV_FLOAT_TYPES = new Set(['FLOAT', 'DOUBLE', 'REAL']);
/** Integers and booleans: DuckDB's text of them is JavaScript's. */
export const CSV_NATIVE_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT', 'BOOLEAN']);

/** The columns of a query as writeQueryCsv reads them: floats as DOUBLE, integers and booleans as they are, the rest as text. */
export function csvValueSelects(columns: readonly { name: string; type: string }[]): string[] {
  return columns.map(({ name, type }) => {
    const base = baseType(type);
    const as = CSV_FLOAT_TYPES.has(base) ? 'DOUBLE' : CSV_NATIVE_TYPES.has(base) ? null : 'VARCHAR';
    return as ? `CAST(${quoteIdent(name)} AS ${as})` : quoteIdent(name);
  });
}

/**
 * A CSV line per row, formatted by DuckDB (on its threads) with the bytes seglab's CsvWriter writes
 * for the same values: csvField's quoting and formula guard for text, JavaScript's number format
 * for floats. DuckDB writes a double's shortest round-trip digits as JavaScript does, but switches
 * to exponent form at other magnitudes (1e-05 against 0.00001, 1e+16 against 10000000000000000)
 * and writes integers with ".0": so `exact` is true only for rows whose floats are all NULL,
 * integers below 1e15 (written as integers) or of magnitude in [1e-4, 1e15); the writer formats
 * the other rows (and NaN, Infinity) itself.
 */
export function csvLineSql(columns: readonly { name: string; type: string }[], formulaGuard: boolean): { line: string; exact: string } {
  const exact: string[] = [];
  const fields = columns.map(({ name, type }) => {
    const base = baseType(type);
    const col = quoteIdent(name);
    if (CSV_FLOAT_TYPES.has(base)) {
      const x = `CAST(${col} AS DOUBLE)`;
      const integral = `(${x} = trunc(${x}) AND abs(${x}) < 1e15)`;
      exact.push(`(${x} IS NULL OR ${integral} OR (abs(${x}) >= 1e-4 AND abs(${x}) < 1e15))`);
      return `CASE WHEN ${x} IS NULL THEN '' WHEN ${integral} THEN CAST(CAST(${x} AS BIGINT) AS VARCHAR) ELSE CAST(${x} AS VARCHAR) END`;
    }
    if (base === 'BOOLEAN') return `CASE WHEN ${col} IS NULL THEN '' WHEN ${col} THEN 'true' ELSE 'false' END`;
    if (CSV_NATIVE_TYPES.has(base)) return `coalesce(CAST(${col} AS VARCHAR), '')`;
    return csvFieldSql(`CAST(${col} AS VARCHAR)`, formulaGuard);
  });
  return { line: fields.length ? `concat(${fields.join(", ',', ")})` : "''", exact: exact.length ? exact.join(' AND ') : 'true' };
}

/**
 * csvField in SQL: NULL empty, '' as "", formula-like text guarded with a quote, quoted when it holds , " CR or LF.
 * The patterns are csvField's own (their sources read the same in DuckDB's RE2).
 */
export function csvFieldSql(v: string, formulaGuard: boolean): string {
  const matches = (re: RegExp) => `regexp_matches(${v}, ${quoteLiteral(re.source)})`;
  const quoted = `'"' || replace(${v}, '"', '""') || '"'`;
  const guard = formulaGuard ? `WHEN ${matches(FORMULA_START)} AND NOT ${matches(PLAIN_NUMBER)} THEN '"''' || replace(${v}, '"', '""') || '"' ` : '';
  return `CASE WHEN ${v} IS NULL THEN '' WHEN ${v} = '' THEN '""' ${guard}WHEN ${matches(NEEDS_QUOTES)} THEN ${quoted} ELSE ${v} END`;
}

function baseType(type: string): string {
  return type.replace(/\(.*$/, '').toUpperCase();
}
