import { assertUnreachable } from '../core/assertUnreachable';
import { INTL_TAG, type Locale } from '../core/Locale';
import type { KpiUnit } from '../personas/PersonaResult';
import { commonTexts } from './commonTexts';

/** Numbers, shares, money, durations and dates as a reader of the locale writes them. null reads "–". */
export interface ReportFormatter {
  readonly locale: Locale;
  /** 12345 → "12,345" / "12 345". */
  integer(value: number | null): string;
  /** A measure with at most `digits` decimals (default: 0 from 100, 1 from 10, 2 below). */
  number(value: number | null, digits?: number): string;
  /** 0.125 → "12.5%" / "12,5 %". */
  percent(share: number | null, digits?: number): string;
  /** A relative change with its sign: 0.23 → "+23%", −0.18 → "−18%". */
  signedPercent(change: number | null): string;
  /** A standardised difference with its sign: "+1.23". */
  signed(value: number | null, digits?: number): string;
  /** In the result's currency, or a plain number when it has none. */
  money(value: number | null): string;
  /** Always in days ("45 days", "210 days"): values in one column or row stay comparable at a glance. */
  days(value: number | null): string;
  /** "×1.8". */
  lift(value: number | null): string;
  /** An ISO date as "1 July 2026" / "1 juillet 2026"; anything else is returned as is. */
  date(iso: string): string;
  /** A KPI value by its unit. */
  kpi(unit: KpiUnit, value: number | null): string;
  /** A trait's value by its feature unit (days, currency, share, …; free text from the feature layer). */
  feature(unit: string | null, value: number | null): string;
}

export function reportFormatter(locale: Locale, currency: string | null): ReportFormatter {
  const tag = INTL_TAG[locale];
  const t = commonTexts(locale);
  const dash = t.missingValue;
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
  // A bad currency code in the data must not break the report: fall back to number + code.
  let moneyOk = currency !== null;
  if (currency !== null) {
    try {
      new Intl.NumberFormat(tag, { style: 'currency', currency });
    } catch {
      moneyOk = false;
    }
  }

  const f: ReportFormatter = {
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
      return t.durationDays(f.integer(d), Math.abs(d) === 1);
    },
    lift: (v) => (missing(v) ? dash : `×${f.number(v, v >= 10 ? 0 : 1)}`),
    date: (iso) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
      if (!m) return iso;
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      if (Number.isNaN(d.getTime())) return iso;
      const text = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
      // French writes the first of the month as an ordinal: "1er juillet"; Intl does not.
      return locale === 'fr' && d.getUTCDate() === 1 ? text.replace(/^1 /, '1er ') : text;
    },
    kpi: (unit, v) => {
      switch (unit) {
        case 'count':
          return f.integer(v);
        case 'share':
          return f.percent(v);
        case 'currency':
          return f.money(v);
        case 'orders':
          return f.number(v, v !== null && Math.abs(v) >= 10 ? 1 : 2);
        case 'days':
          return f.days(v);
        default:
          return assertUnreachable(unit, 'KPI unit');
      }
    },
    feature: (unit, v) => {
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
