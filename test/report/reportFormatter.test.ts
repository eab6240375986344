import { describe, expect, it } from 'vitest';
import { reportFormatter } from '../../src/report/reportFormatter';
import { plainSpaces } from './helpers';

describe('reportFormatter', () => {
  const en = reportFormatter('en', 'EUR');
  const fr = reportFormatter('fr', 'EUR');

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

  it('money in the currency, a plain number without one, a bad code does not throw', () => {
    expect(en.money(42.5)).toBe('€42.50');
    expect(en.money(1234.5)).toBe('€1,235');
    expect(plainSpaces(fr.money(42.5))).toBe('42,50 €');
    expect(reportFormatter('en', null).money(42.5)).toBe('42.5');
    expect(reportFormatter('en', 'not a code').money(42.5)).toBe('42.5 not a code');
  });

  it('durations in days, dates in words, missing values as a dash', () => {
    expect(en.days(1)).toBe('1 day');
    expect(en.days(210.4)).toBe('210 days');
    expect(fr.days(45)).toBe('45 jours');
    expect(en.date('2026-07-01')).toBe('1 July 2026');
    expect(fr.date('2026-07-01')).toBe('1er juillet 2026');
    expect(fr.date('2026-07-14')).toBe('14 juillet 2026');
    expect(en.date('not a date')).toBe('not a date');
    expect(en.percent(null)).toBe('–');
    expect(en.kpi('days', NaN)).toBe('–');
    expect(en.number(-1e-12)).toBe('0');
    expect(en.percent(-1e-9)).toBe('0%');
  });

  it('KPI and feature values by unit', () => {
    expect(en.kpi('count', 5000)).toBe('5,000');
    expect(en.kpi('share', 0.25)).toBe('25%');
    expect(en.kpi('currency', 120)).toBe('€120');
    expect(en.kpi('orders', 2.8)).toBe('2.8');
    expect(en.kpi('days', 30)).toBe('30 days');
    expect(en.feature('share', 0.4)).toBe('40%');
    expect(en.feature('currency per order', 55)).toBe('€55.00');
    expect(en.feature(null, 6.125)).toBe('6.13');
  });
});
