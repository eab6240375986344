import { checkParam } from '../core/errors';

/** The reference instant of a feature computation, as an ISO string and as a SQL TIMESTAMP literal. */
export interface AsOfTimestamp {
  /** e.g. "2024-01-01T00:00:00.000Z" (timestamps are zone-less in the tables; read them as UTC). */
  iso: string;
  /** e.g. TIMESTAMP '2024-01-01 00:00:00' */
  literal: string;
}

const AS_OF_STRING = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?Z?$/;

/**
 * Normalise `asOf` (a Date, or "YYYY-MM-DD[ HH:MM[:SS[.fff]]]") to a literal. Strings are read as
 * wall-clock time in the tables' zone-less TIMESTAMP, i.e. as UTC; a Date contributes its UTC fields.
 */
export function asOfTimestamp(asOf: Date | string): AsOfTimestamp {
  let date: Date;
  if (asOf instanceof Date) {
    checkParam(!Number.isNaN(asOf.getTime()), 'asOf', String(asOf), 'a valid Date');
    date = asOf;
  } else {
    const m = typeof asOf === 'string' ? AS_OF_STRING.exec(asOf.trim()) : null;
    checkParam(m !== null, 'asOf', asOf, 'a Date or a string like "2024-01-01" or "2024-01-01 12:00:00"');
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m!;
    const ms = Math.round(Number(`0.${frac}`) * 1000);
    date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms));
    const roundTrip =
      date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) &&
      date.getUTCHours() === Number(h) && date.getUTCMinutes() === Number(mi) && date.getUTCSeconds() === Number(s);
    checkParam(roundTrip, 'asOf', asOf, 'a real calendar date and time');
  }
  const iso = date.toISOString();
  const ms = date.getUTCMilliseconds();
  const text = iso.slice(0, 19).replace('T', ' ') + (ms ? `.${String(ms).padStart(3, '0')}` : '');
  return { iso, literal: `TIMESTAMP '${text}'` };
}
