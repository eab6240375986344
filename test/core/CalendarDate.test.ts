import { describe, expect, it } from 'vitest';
import { CalendarDate, calendarDateSchema } from '../../src/core/CalendarDate';
import { UsageError } from '../../src/core/errors';
import { localeFormatter } from '../../src/core/localeFormatter';
import { runConfigSchema } from '../../src/pipeline/RunConfig';
import { parseIsoDate } from '../../src/synth/dates';

describe('CalendarDate: one grammar, one value', () => {
  it('reads YYYY-MM-DD into its ISO string, SQL literals, epoch days and instant', () => {
    const d = CalendarDate.parse('2026-07-01', 'asOf');
    expect(d.iso).toBe('2026-07-01');
    expect(d.isoInstant).toBe('2026-07-01T00:00:00.000Z');
    expect(d.sqlTimestamp).toBe("TIMESTAMP '2026-07-01 00:00:00'");
    expect(d.sqlDate).toBe("DATE '2026-07-01'");
    expect(d.epochDays).toBe(20635); // 56 years of 365 days + 14 leap days + 181 days of 2026
    expect(d.epochMs).toBe(Date.UTC(2026, 6, 1));
    expect(JSON.stringify({ asOf: d })).toBe('{"asOf":"2026-07-01"}');
    expect(`${d}`).toBe('2026-07-01');
    expect(d.addDays(-1).iso).toBe('2026-06-30');
    expect(CalendarDate.fromEpochDays(0).iso).toBe('1970-01-01');
  });

  it('midnight, a Date at UTC midnight and a CalendarDate are the same date', () => {
    for (const v of ['2026-07-01T00:00', '2026-07-01 00:00:00', '2026-07-01T00:00:00.000Z', new Date(Date.UTC(2026, 6, 1)), CalendarDate.parse('2026-07-01')]) {
      expect(CalendarDate.parse(v).iso, String(v)).toBe('2026-07-01');
    }
  });

  it('years below 100 are not read as 19xx', () => {
    expect(CalendarDate.parse('0099-03-01').iso).toBe('0099-03-01');
  });

  it('refuses dates that do not exist, saying why, as a UsageError naming the parameter', () => {
    const cases: [unknown, RegExp][] = [
      ['2026-02-30', /Invalid asOf: got "2026-02-30", not a real calendar date \(February 2026 has 28 days\)\./],
      ['2025-02-29', /February 2025 has 28 days/],
      ['2024-06-31', /June 2024 has 30 days/],
      ['2026-13-01', /month 13 does not exist/],
      ['2026-00-10', /month 00 does not exist/],
      ['2026-01-00', /January 2026 has 31 days/],
      ['01/07/2026', /expected a date YYYY-MM-DD, e\.g\. 2026-07-01/],
      ['yesterday', /expected a date YYYY-MM-DD/],
      ['', /expected a date YYYY-MM-DD/],
      [20260701, /got 20260701, expected a date YYYY-MM-DD/],
      [null, /got null, expected/],
      [new Date(NaN), /not a valid Date/],
      ['2026-07-01T24:00', /a date has no time of day/],
    ];
    for (const [v, re] of cases) {
      expect(() => CalendarDate.parse(v, 'asOf'), String(v)).toThrow(UsageError);
      expect(() => CalendarDate.parse(v, 'asOf'), String(v)).toThrow(re);
    }
    expect(CalendarDate.parse('2024-02-29').iso).toBe('2024-02-29');
  });

  it('a time of day is refused, with what to write instead', () => {
    for (const v of ['2026-07-01T12:00', '2026-07-01 00:00:01', '2026-07-01T00:00:00.5', new Date(Date.UTC(2026, 6, 1, 12))]) {
      expect(() => CalendarDate.parse(v, 'asOf'), String(v)).toThrow(/a date has no time of day .*give the next day to include a whole day/);
    }
  });

  it('the config schema, the synthetic generator and the report read by the same grammar', () => {
    const cfg = (asOf: unknown) => runConfigSchema.safeParse({ name: 'x', asOf, data: { transactions: { path: 'x' } } });
    const ok = cfg('2026-07-01T00:00:00');
    expect(ok.success && ok.data.asOf instanceof CalendarDate && ok.data.asOf.iso).toBe('2026-07-01');
    for (const bad of ['2026-02-30', '2026-07-01T12:00', '2026-07-01 23:59:59']) {
      const r = cfg(bad);
      expect(r.success, bad).toBe(false);
      if (!r.success) expect(r.error.issues[0]!.message).toBe(CalendarDate.problem(bad));
    }
    expect(calendarDateSchema.safeParse(undefined).success).toBe(false);
    expect(parseIsoDate('2026-07-01')).toBe(Date.UTC(2026, 6, 1));
    expect(parseIsoDate('2026-02-30')).toBeNaN();
    const en = localeFormatter('en', 'EUR');
    expect(en.date('2026-07-01')).toBe('1 July 2026');
    expect(en.date('2026-02-30')).toBe('2026-02-30'); // was rolled over to March 2
  });
});
