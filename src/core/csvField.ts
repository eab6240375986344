/** A value of one CSV cell: numbers and booleans are written as they are, text may be quoted or guarded. */
export type CsvValue = string | number | bigint | boolean | null | undefined;

/**
 * Text that a spreadsheet (Excel, LibreOffice, Google Sheets) would run as a formula: it starts with
 * = + - @ tab or carriage return (OWASP "CSV injection", CWE-1236).
 */
export const FORMULA_START = /^[=+\-@\t\r]/;
/** Text that is exactly a decimal number (-3.5, +33, 1e-5): spreadsheets read it as that number, never as a formula. */
export const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** RFC 4180: a field holding the separator, a quote, CR or LF is quoted (quotes doubled). */
export const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field. null / undefined is an empty field; the empty string is `""` (so a reader can tell
 * them apart); numbers use JavaScript's shortest round-trip form and are never guarded.
 * With `formulaGuard` (the default), text that a spreadsheet would run as a formula is prefixed
 * with a single quote and quoted (`=1+1` → `"'=1+1"`), OWASP's advice; text that is exactly a number
 * (`-3.5`) is left alone.
 */
export function csvField(value: CsvValue, formulaGuard = true): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  if (value === '') return '""';
  if (formulaGuard && FORMULA_START.test(value) && !PLAIN_NUMBER.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
