import { z } from 'zod';
import { UsageError } from './errors';

export const DAY_MS = 86_400_000;

/** The one grammar of a date: YYYY-MM-DD, optionally followed by midnight (T00:00, T00:00:00[.000][Z]). */
const GRAMMAR = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?Z?)?$/;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** What a date must look like, said once for every message. */
export const CALENDAR_DATE_FORMAT = 'a date YYYY-MM-DD, e.g. 2026-07-01';

/**
 * A real calendar date, meaning UTC midnight at its start: asOf, synthetic start dates and the like.
 * Parsed once (CalendarDate.parse) at the edge; every layer then takes the value, so there is one grammar
 * and one set of rules (2026-02-30 is refused, not rolled over to 2 March). A time of day is not part
 * of a date: "T00:00" is accepted as the same date, any other time is refused, because "as of
 * 2026-07-01T12:00" would mean one instant to the features' SQL and another to the run folder's name.
 * JSON.stringify writes it as "YYYY-MM-DD".
 */
export class CalendarDate {
  private constructor(
    /** Days since 1970-01-01 (negative before). */
    readonly epochDays: number,
  ) {}

  /**
   * Read a date: "YYYY-MM-DD" (a midnight time may follow), a Date at UTC midnight, or a CalendarDate.
   * `name` names the parameter in the error (a UsageError, as checkParam writes it).
   */
  static parse(value: unknown, name = 'date'): CalendarDate {
    const problem = CalendarDate.problem(value);
    if (problem !== undefined) throw new UsageError(`Invalid ${name}: got ${describe(value)}, ${problem}.`);
    return CalendarDate.read(value)!;
  }

  /** The date, or undefined when the value is not one (for schemas, which report the problem themselves). */
  static tryParse(value: unknown): CalendarDate | undefined {
    return CalendarDate.problem(value) === undefined ? CalendarDate.read(value) : undefined;
  }

  /** What is wrong with a value as a date, in a few words; undefined when it is a date. */
  static problem(value: unknown): string | undefined {
    if (value instanceof CalendarDate) return undefined;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) return 'not a valid Date';
      return value.getTime() % DAY_MS === 0 ? undefined : `a date has no time of day (a Date at UTC midnight is one); ${TIME_ADVICE}`;
    }
    if (typeof value !== 'string') return `expected ${CALENDAR_DATE_FORMAT}`;
    const m = GRAMMAR.exec(value.trim());
    if (!m) return `expected ${CALENDAR_DATE_FORMAT}`;
    const [y, mo, d, h = '00', mi = '00', s = '00', frac = '0'] = m.slice(1) as string[];
    if (Number(h) !== 0 || Number(mi) !== 0 || Number(s) !== 0 || Number(frac) !== 0) return `a date has no time of day (only T00:00 may follow it); ${TIME_ADVICE}`;
    const month = Number(mo);
    if (month < 1 || month > 12) return `not a real calendar date (month ${mo} does not exist)`;
    const days = daysInMonth(Number(y), month);
    if (Number(d) < 1 || Number(d) > days) return `not a real calendar date (${MONTHS[month - 1]} ${y} has ${days} days)`;
    return undefined;
  }

  /** The date of an epoch day count. */
  static fromEpochDays(days: number): CalendarDate {
    if (!Number.isSafeInteger(days)) throw new RangeError(`CalendarDate.fromEpochDays: ${days} is not a whole number of days`);
    return new CalendarDate(days);
  }

  private static read(value: unknown): CalendarDate | undefined {
    if (value instanceof CalendarDate) return value;
    if (value instanceof Date) return new CalendarDate(Math.round(value.getTime() / DAY_MS));
    const m = GRAMMAR.exec(String(value).trim())!;
    // setUTCFullYear, as Date.UTC reads years 0–99 as 1900–1999.
    const date = new Date(0);
    date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return new CalendarDate(Math.round(date.getTime() / DAY_MS));
  }

  /** Milliseconds since the epoch of the date's UTC midnight. */
  get epochMs(): number {
    return this.epochDays * DAY_MS;
  }

  /** "2026-07-01". */
  get iso(): string {
    return this.toDate().toISOString().slice(0, 10);
  }

  /** "2026-07-01T00:00:00.000Z": the instant, as features.json and the bundle's fields record it. */
  get isoInstant(): string {
    return this.toDate().toISOString();
  }

  /** The SQL TIMESTAMP literal of its midnight: TIMESTAMP '2026-07-01 00:00:00' (the tables' timestamps are zone-less, read as UTC). */
  get sqlTimestamp(): string {
    return `TIMESTAMP '${this.iso} 00:00:00'`;
  }

  /** The SQL DATE literal: DATE '2026-07-01'. */
  get sqlDate(): string {
    return `DATE '${this.iso}'`;
  }

  /** The date `n` days later (earlier when negative). */
  addDays(n: number): CalendarDate {
    return CalendarDate.fromEpochDays(this.epochDays + n);
  }

  /** A new Date at the date's UTC midnight. */
  toDate(): Date {
    return new Date(this.epochMs);
  }

  equals(other: CalendarDate): boolean {
    return this.epochDays === other.epochDays;
  }

  toString(): string {
    return this.iso;
  }

  toJSON(): string {
    return this.iso;
  }
}

const TIME_ADVICE = 'it stands for 00:00 UTC of its day (asOf counts what happened before it): give the next day to include a whole day';

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function describe(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  return typeof value === 'string' ? JSON.stringify(value) : value === undefined ? 'nothing' : typeof value === 'object' ? JSON.stringify(value) ?? String(value) : String(value);
}

/**
 * A date field of a config: the same grammar as CalendarDate.parse, its value a CalendarDate (written
 * back to JSON as "YYYY-MM-DD"). YAML 1.1 readers turn 2026-07-01 into a Date: accepted at UTC midnight.
 */
export const calendarDateSchema = z
  .custom<string | Date | CalendarDate>((v) => v !== undefined && v !== null, { message: `Required: ${CALENDAR_DATE_FORMAT}` })
  .transform((v, ctx) => {
    const problem = CalendarDate.problem(v);
    if (problem === undefined) return CalendarDate.parse(v);
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    return z.NEVER;
  });
