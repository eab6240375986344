import { describe, expect, it } from 'vitest';
import { localeFormatter } from '../../src/core/localeFormatter';
import { formatKpi } from '../../src/report/formatKpi';
import { plainSpaces } from '../report/helpers';

describe('localeFormatter', () => {
  const en = localeFormatter('en', 'EUR');
  const fr = localeFormatter('fr', 'EUR');

  it('percent, integers and decimals in each locale', () => {
    expect(en.percent(0.125)).toBe('12.5%');
    expect(plainSpaces(fr.percent(0.125))).toBe('12,5 %');
    expect(en.integer(12345.4)).toBe('12,345');
    expect(plainSpaces(fr.integer(12345))).toBe('12 345');
    expect(en.number(2.345)).toBe('2.35');
    expect(fr.number(2.345)).toBe('2,35');
    expect(en.signed(1.234)).toBe('+1.23');
    expect(plainSpaces(en.signedPercent(-0.375))).toBe('-38%');
  });

  it('the one rule for decimals: shares with at most one, measures with about three significant digits', () => {
    // A share prints the same in a card sentence and in a table: 25.5%, never 26% in one and 25.5% in the other.
    expect([0.255, 0.25, 0.0935, 0.004, 1].map((v) => en.percent(v))).toEqual(['25.5%', '25%', '9.4%', '0.4%', '100%']);
    expect([7.273, 16.42, 123.4, 0.456].map((v) => en.number(v))).toEqual(['7.27', '16.4', '123', '0.46']);
    // Explicit digits for what is not a share of customers: relative changes and thresholds in whole percents.
    expect(en.percent(0.15, 0)).toBe('15%');
    expect(en.signedPercent(0.289)).toBe('+29%');
  });

  it('money in the currency, a plain number without one, a bad code does not throw', () => {
    expect(en.money(42.5)).toBe('€42.50');
    expect(en.money(1234.5)).toBe('€1,235');
    expect(plainSpaces(fr.money(42.5))).toBe('42,50 €');
    expect(localeFormatter('en', null).money(42.5)).toBe('42.5');
    expect(localeFormatter('en', 'not a code').money(42.5)).toBe('42.5 not a code');
  });

  it('durations: tables in days, sentences in days, months or years; French singular below 2', () => {
    expect(en.days(1)).toBe('1 day');
    expect(en.days(0)).toBe('0 days');
    expect(en.days(210.4)).toBe('210 days');
    expect(fr.days(45)).toBe('45 jours');
    expect(fr.days(0)).toBe('0 jour');
    expect(fr.days(1)).toBe('1 jour');
    expect(plainSpaces(en.days(1500))).toBe('1,500 days');
    expect([12, 45.4, 59.6, 61, 400, 729, 730, 1000].map((v) => en.duration(v))).toEqual(['12 days', '45 days', '60 days', '2 months', '13 months', '24 months', '2 years', '2.7 years']);
    expect([1, 61, 1000].map((v) => fr.duration(v))).toEqual(['1 jour', '2 mois', '2,7 ans']);
  });

  it('dates in words, missing values as a dash', () => {
    expect(en.date('2026-07-01')).toBe('1 July 2026');
    expect(fr.date('2026-07-01')).toBe('1er juillet 2026');
    expect(fr.date('2026-07-14')).toBe('14 juillet 2026');
    expect(en.date('not a date')).toBe('not a date');
    for (const f of [en.integer, en.number, en.percent, en.signedPercent, en.signed, en.money, en.days, en.duration, en.lift]) {
      expect(f(null)).toBe('–');
      expect(f(NaN)).toBe('–');
      expect(f(Infinity)).toBe('–');
    }
    expect(en.byUnit('days', null)).toBe('–');
    expect(en.number(-1e-12)).toBe('0');
    expect(en.percent(-1e-9)).toBe('0%');
    expect(en.integer(-0.2)).toBe('0');
  });

  it('values by their column’s unit; KPIs by theirs', () => {
    expect(en.byUnit('share', 0.4)).toBe('40%');
    expect(en.byUnit('flag', 0.086)).toBe('8.6%');
    expect(en.byUnit('currency per order', 55)).toBe('€55.00');
    expect(en.byUnit('days', 30.2)).toBe('30 days');
    expect(en.byUnit(null, 6.125)).toBe('6.13');
    expect(en.byUnit('orders', 123.4)).toBe('123');
    expect(en.lift(1.84)).toBe('×1.8');
    expect(en.lift(12.4)).toBe('×12');
    expect(formatKpi(en, 'count', 5000)).toBe('5,000');
    expect(formatKpi(en, 'share', 0.25)).toBe('25%');
    expect(formatKpi(en, 'currency', 120)).toBe('€120');
    expect(formatKpi(en, 'orders', 2.8)).toBe('2.8');
    expect(formatKpi(en, 'orders', 7.273)).toBe('7.27');
    expect(formatKpi(en, 'days', 30)).toBe('30 days');
    expect(formatKpi(en, 'days', NaN)).toBe('–');
  });
});
