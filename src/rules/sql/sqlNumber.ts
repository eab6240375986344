import { UsageError } from '../../core/errors';

/**
 * A finite number as a SQL numeric literal that every dialect reads back as the same double:
 * - integers below 2^53 as plain digits (`42`);
 * - other numbers with at most 15 significant digits and at most 22 decimals as a plain decimal
 *   (`0.1`, `0.0000001`): dialects that read it as an exact DECIMAL turn it into the same double, since
 *   the digits and the power of ten are both exact doubles and one division rounds once;
 * - everything else (17-digit values such as 0.30000000000000004, 1e21, 5e-324) in scientific notation
 *   with the shortest round-trip digits (`3.0000000000000004E-1`), which the dialects read as a double
 *   (PostgreSQL as an exact numeric, converted to float8 when compared with a float8 column);
 * - never JavaScript's `1e+21` spelling; -0 is `0`;
 * - a negative number is parenthesised (`(-5)`), so that `a - (-5)` never becomes a `--` comment.
 */
export function sqlNumber(value: number): string {
  return dialectNumber(value, undefined);
}

/**
 * sqlNumber for one dialect: the same, except that for ClickHouse, whose 18.x parser refuses subnormal
 * literals (`5E-324` is a syntax error), a subnormal is an exact product of two normal doubles
 * (a·2^600 times 2^-600: both exact, and the product is a exactly).
 */
export function dialectNumber(value: number, dialect: string | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new UsageError(`a SQL number literal must be a finite number, got ${typeof value === 'number' ? String(value) : JSON.stringify(value)}`);
  }
  if (value === 0) return '0';
  const a = Math.abs(value);
  const body = dialect === 'clickhouse' && a < 2.2250738585072014e-308 ? `(${unsignedNumber(a * 2 ** 600)} * ${unsignedNumber(2 ** -600)})` : unsignedNumber(a);
  return value < 0 ? `(-${body})` : body;
}

function unsignedNumber(a: number): string {
  if (Number.isInteger(a) && a <= Number.MAX_SAFE_INTEGER) return String(a);
  // toExponential() without an argument gives the shortest digits that round-trip.
  const [mantissa, expText] = a.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const digits = mantissa.replace('.', '');
  const scale = digits.length - 1 - exp; // digits after the decimal point in the plain form
  if (digits.length <= 15 && scale > 0 && scale <= 22) {
    if (exp >= 0) return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
    return `0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return `${mantissa}E${exp}`;
}
