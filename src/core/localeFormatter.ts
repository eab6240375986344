import { CalendarDate } from './CalendarDate';
import { INTL_TAG, type Locale } from './Locale';

/**
 * Numbers as a reader of the locale writes them, by one rule wherever they appear (persona cards,
 * report tables, alerts, notes), so the same number never prints two ways:
 *
 * - count: no decimals, grouped ("12,345" / "12 345");
 * - share (of customers, of revenue, a rate): a percentage with at most one decimal ("25%", "25.5%",
 *   "0.4%"); relative changes and thresholds in whole percents ("+29%", "15%");
 * - measure (a mean, orders per customer, a trait's average): about three significant digits — two
 *   decimals below 10, one below 100, none from 100 ("7.27", "16.4", "123");
 * - money: in the currency, with cents below 100 and none from 100 ("€42.50", "€1,235"); without a
 *   currency (or with a code Intl does not know) the same digits as a number, then the code;
 * - days: in tables always in days, so a column compares at a glance ("45 days", "210 days"); in
 *   sentences as a reader says it (`duration`: "45 days", "8 months", "2.3 years");
 * - lift "×1.8" (one decimal below 10), standardised difference "+1.23" (two decimals, signed).
 *
 * A missing or non-finite value reads "–"; a value that rounds to zero prints "0", never "-0".
 */
export interface LocaleFormatter {
  readonly locale: Locale;
  /** 12345 → "12,345" / "12 345". */
  integer(value: number | null): string;
  /** A measure with at most `digits` decimals (default: 0 from 100, 1 from 10, 2 below). */
  number(value: number | null, digits?: number): string;
  /** 0.125 → "12.5%" / "12,5 %" (default: at most one decimal). */
  percent(share: number | null, digits?: number): string;
  /** A relative change with its sign, in whole percents: 0.23 → "+23%", −0.18 → "−18%". */
  signedPercent(change: number | null): string;
  /** A standardised difference with its sign: "+1.23". */
  signed(value: number | null, digits?: number): string;
  /** In the formatter's currency, or a plain number when it has none. */
  money(value: number | null): string;
  /** Always in days ("45 days", "210 days"): values in one column or row stay comparable at a glance. */
  days(value: number | null): string;
  /** A duration in days as a sentence says it: days below 60, months below two years, then years ("2.3 years"). */
  duration(days: number | null): string;
  /** "×1.8". */
  lift(value: number | null): string;
  /** An ISO date as "1 July 2026" / "1er juillet 2026"; anything else is returned as is. */
  date(iso: string): string;
  /** A value by the unit its column declares: days, currency, share and flag as above, anything else as a measure. */
  byUnit(unit: string | null, value: number | null): string;
}

/** The formatter's own words. French keeps the singular below 2 ("0 jour", "1,5 jour"); English only for 1. */
const WORDS: Record<Locale, { missing: string; days: (n: string, one: boolean) => string; months: (n: string) => string; years: (n: string) => string; one: (n: number) => boolean }> = {
  en: { missing: '–', days: (n, one) => `${n} ${one ? 'day' : 'days'}`, months: (n) => `${n} months`, years: (n) => `${n} years`, one: (n) => Math.abs(n) === 1 },
  fr: { missing: '–', days: (n, one) => `${n} ${one ? 'jour' : 'jours'}`, months: (n) => `${n} mois`, years: (n) => `${n} ans`, one: (n) => Math.abs(n) < 2 },
};

/** Days in a month and in a year, for durations in words. */
const MONTH_DAYS = 30.44;
const YEAR_DAYS = 365.25;

export function localeFormatter(locale: Locale, currency: string | null): LocaleFormatter {
  const tag = INTL_TAG[locale];
  const words = WORDS[locale];
  const dash = words.missing;
  const cache = new Map<string, Intl.NumberFormat>();
  const nf = (key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat => {
    let f = cache.get(key);
    if (!f) cache.set(key, (f = new Intl.NumberFormat(tag, options)));
    return f;
  };
  const missing = (v: number | null): v is null => v === null || !Number.isFinite(v);
  const autoDigits = (v: number) => (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
  // A tiny negative that rounds to zero must read "0", not "-0".
  const unsignedZero = (v: number, digits: number) => (Number(v.toFixed(Math.min(digits, 20))) === 0 ? 0 : v);
  // A bad currency code in the data must not break a report or a card: fall back to number + code.
  let moneyOk = currency !== null;
  if (currency !== null) {
    try {
      new Intl.NumberFormat(tag, { style: 'currency', currency });
    } catch {
      moneyOk = false;
    }
  }

  const f: LocaleFormatter = {
    locale,
    integer: (v) => (missing(v) ? dash : nf('int', { maximumFractionDigits: 0 }).format(unsignedZero(v, 0))),
    number: (v, digits) => {
      if (missing(v)) return dash;
      const d = digits ?? autoDigits(v);
      return nf(`num${d}`, { maximumFractionDigits: d }).format(unsignedZero(v, d));
    },
    percent: (v, digits = 1) => (missing(v) ? dash : nf(`pct${digits}`, { style: 'percent', maximumFractionDigits: digits }).format(unsignedZero(v, digits + 2))),
    signedPercent: (v) => (missing(v) ? dash : nf('spct', { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(v)),
    signed: (v, digits = 2) =>
      missing(v) ? dash : nf(`s${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(v),
    money: (v) => {
      if (missing(v)) return dash;
      const d = Math.abs(v) >= 100 ? 0 : 2;
      if (!moneyOk) return currency ? `${f.number(v, d)} ${currency}` : f.number(v, d);
      return nf(`cur${d}`, { style: 'currency', currency: currency!, minimumFractionDigits: d, maximumFractionDigits: d }).format(v);
    },
    days: (v) => {
      if (missing(v)) return dash;
      const d = Math.round(v);
      return words.days(f.integer(d), words.one(d));
    },
    duration: (v) => {
      if (missing(v)) return dash;
      if (v < 60) return f.days(v);
      if (v < 730) return words.months(f.integer(Math.round(v / MONTH_DAYS)));
      return words.years(f.number(v / YEAR_DAYS, 1));
    },
    lift: (v) => (missing(v) ? dash : `×${f.number(v, v >= 10 ? 0 : 1)}`),
    date: (iso) => {
      // The date part of an ISO date or instant, read by the one date grammar.
      const day = CalendarDate.tryParse(iso.slice(0, 10));
      if (!day) return iso;
      const d = day.toDate();
      const text = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
      // French writes the first of the month as an ordinal: "1er juillet"; Intl does not.
      return locale === 'fr' && d.getUTCDate() === 1 ? text.replace(/^1 /, '1er ') : text;
    },
    byUnit: (unit, v) => {
      switch (unit) {
        case 'days':
          return f.days(v);
        case 'currency':
        case 'currency per order':
          return f.money(v);
        case 'share':
        case 'flag':
          return f.percent(v);
        default:
          return f.number(v);
      }
    },
  };
  return f;
}
