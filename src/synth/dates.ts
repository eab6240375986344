/**
 * UTC calendar helpers for the generator. Days are integers counted from the history start;
 * nothing here reads the clock.
 */
import { CalendarDate } from '../core/CalendarDate';

export const DAY_MS = 86_400_000;
export const DAY_S = 86_400;

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** Milliseconds of a date's UTC midnight (core's CalendarDate grammar), or NaN when the string is not a real date. */
export function parseIsoDate(s: string): number {
  return CalendarDate.tryParse(s)?.epochMs ?? NaN;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface QuarterRef {
  year: number;
  /** 1..4 */
  q: number;
}

export function parseQuarter(s: string): QuarterRef | undefined {
  const m = QUARTER.exec(s);
  return m ? { year: Number(m[1]), q: Number(m[2]) } : undefined;
}

export function quarterName(ref: QuarterRef): string {
  return `${ref.year}-Q${ref.q}`;
}

export function quarterStartMs(ref: QuarterRef): number {
  return Date.UTC(ref.year, 3 * (ref.q - 1), 1);
}

export function nextQuarter(ref: QuarterRef): QuarterRef {
  return ref.q === 4 ? { year: ref.year + 1, q: 1 } : { year: ref.year, q: ref.q + 1 };
}

/** Day of month of the n-th given weekday (0 = Sunday … 6 = Saturday) of a month (0-based). */
export function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7) + 7 * (n - 1);
}

/** Day of month of the last given weekday of a month (0-based month). */
export function lastWeekday(year: number, month: number, weekday: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const lastDow = new Date(Date.UTC(year, month, lastDay)).getUTCDay();
  return lastDay - ((lastDow - weekday + 7) % 7);
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** "HH:MM:SS" for every second of a day, built once: formatting 10M timestamps must not allocate per field. */
export const TIME_OF_DAY: readonly string[] = (() => {
  const out: string[] = new Array(DAY_S);
  for (let s = 0; s < DAY_S; s++) out[s] = `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
  return out;
})();
