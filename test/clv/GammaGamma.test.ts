import { describe, expect, it } from 'vitest';
import { CLV_MODELS, customerLifetimeValue, GammaGamma, GammaGammaModel, InputError, UsageError } from '../../src';
import { HAVE_CDNOW, readCdnowSummary } from './cdnow';
import { purchaseModelAt, REFERENCE, referenceSummary, relError } from './reference';

const ggAt = (params: { p: number; q: number; v: number }) =>
  GammaGammaModel.fromJSON({ schemaVersion: 1, kind: 'gamma-gamma', params, standardErrors: { p: null, q: null, v: null }, logLikelihood: 0, nCustomers: 1, penalizer: 0, frequencyMonetaryCorrelation: 0, warnings: [] });

describe('Gamma-Gamma', () => {
  it.skipIf(!HAVE_CDNOW)('on the 946 CDNOW repeat buyers: p, q, v within 0.01 of the published [6.25, 3.74, 15.44]; the correlation is reported', () => {
    const s = readCdnowSummary();
    const m = CLV_MODELS.get('gamma-gamma').create().fit({ customerIds: s.ids, frequency: s.frequency, monetaryValue: s.monetaryValue });
    expect(m.nCustomers).toBe(946);
    expect(Math.abs(m.params.p - 6.25), `p = ${m.params.p}`).toBeLessThan(0.01);
    expect(Math.abs(m.params.q - 3.74), `q = ${m.params.q}`).toBeLessThan(0.01);
    expect(Math.abs(m.params.v - 15.44), `v = ${m.params.v}`).toBeLessThan(0.01);
    expect(Object.values(m.standardErrors).every((se) => se !== null && se > 0)).toBe(true);
    // CDNOW's frequency and spend are nearly independent (lifetimes' docs: about 0.11): no warning.
    expect(Math.abs(m.frequencyMonetaryCorrelation)).toBeLessThan(0.3);
    expect(m.warnings).toEqual([]);
  });

  it.skipIf(!HAVE_CDNOW)("the fit's log-likelihood (summed per distinct frequency) equals the sum of the per-customer ones", () => {
    const s = readCdnowSummary();
    const data = { frequency: s.frequency, monetaryValue: s.monetaryValue };
    const m = new GammaGamma().fit(data);
    const each = m.logLikelihoods(data).reduce((a, v) => (Number.isNaN(v) ? a : a + v), 0);
    expect(Math.abs(m.logLikelihood - each) / Math.abs(each)).toBeLessThan(1e-12);
  });

  it('expected average spend and CLV (12 months, 1% a month) equal the scipy reference', () => {
    const gg = ggAt(REFERENCE.params.gammagamma as { p: number; q: number; v: number });
    const bg = purchaseModelAt('bg-nbd', REFERENCE.params.bgnbd);
    const data = referenceSummary();
    const spend = gg.expectedSpend(data);
    const clv = customerLifetimeValue(bg, gg, data);
    REFERENCE.customers.forEach((c, i) => {
      expect(relError(spend[i]!, c.gammagamma.spend), `spend of customer ${c.id}`).toBeLessThan(1e-12);
      expect(relError(clv[i]!, c.clv12), `CLV of customer ${c.id}`).toBeLessThan(1e-10);
    });
    // Customers without a repeat purchase get the population mean v·p / (q − 1).
    const { p, q, v } = REFERENCE.params.gammagamma as { p: number; q: number; v: number };
    expect(spend[REFERENCE.customers.findIndex((c) => c.x === 0)]).toBeCloseTo((v * p) / (q - 1), 12);
    // A longer horizon adds value; a higher discount rate removes some.
    expect(customerLifetimeValue(bg, gg, data, { months: 24 })[0]).toBeGreaterThan(clv[0]!);
    expect(customerLifetimeValue(bg, gg, data, { discountRate: 0.05 })[0]).toBeLessThan(clv[0]!);
    expect(() => customerLifetimeValue(bg, gg, data, { months: 0 })).toThrow(/Invalid customerLifetimeValue months: got 0/);
    expect(() => customerLifetimeValue(bg, gg, data, { unit: 'days' })).toThrow(UsageError);
    // A repeat buyer with no positive spend (CDNOW's master file has $0.00 purchases) is named by its id.
    const zero = { ...data, monetaryValue: data.monetaryValue.map((m, i) => (i === 0 ? 0 : m)) };
    expect(() => customerLifetimeValue(bg, gg, zero)).toThrow(/customerLifetimeValue.*customer "1" \(row 1\) has monetary value 0/);
  });

  it('per-customer log-likelihood equals the scipy reference; the fit on the reference buyers beats the published parameters there', () => {
    const gg = ggAt(REFERENCE.params.gammagamma as { p: number; q: number; v: number });
    const ll = gg.logLikelihoods(referenceSummary());
    REFERENCE.customers.forEach((c, i) => {
      if (c.gammagamma.ll === null) expect(ll[i]).toBeNaN();
      else expect(relError(ll[i]!, c.gammagamma.ll), `ll of customer ${c.id}`).toBeLessThan(1e-12);
    });
    const repeat = REFERENCE.customers.filter((c) => c.x > 0);
    const m = new GammaGamma().fit({ frequency: repeat.map((c) => c.x), monetaryValue: repeat.map((c) => c.m) });
    expect(m.logLikelihood).toBeGreaterThan(repeat.reduce((a, c) => a + c.gammagamma.ll!, 0));
  });

  it('refuses non-positive monetary values of repeat buyers, naming the rows; frequency 0 rows are left out', () => {
    const err = (() => {
      try {
        new GammaGamma().fit({ customerIds: ['a', 'b', 'c', 'd'], frequency: [2, 1, 0, 3], monetaryValue: [10, 0, 0, -5] });
      } catch (e) {
        return e;
      }
      throw new Error('expected an error');
    })() as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/customer "b" \(row 2\) has monetary value 0: the Gamma-Gamma model needs a positive mean spend/);
    expect(err.problems[0]).toMatchObject({ check: 'non-positive-monetary-value', count: 2, sampleRows: [2, 4], location: { row: 2, column: 'monetaryValue' } });
    expect(() => new GammaGamma().fit({ frequency: [0, 0], monetaryValue: [0, 0] })).toThrow(/no customer has a repeat purchase/);
  });

  it('warns when frequency and monetary value are strongly correlated', () => {
    const frequency: number[] = [];
    const monetaryValue: number[] = [];
    for (let i = 0; i < 200; i++) {
      const x = 1 + (i % 10);
      frequency.push(x);
      monetaryValue.push(5 * x + 3 + ((i * 7919) % 13));
    }
    const m = new GammaGamma().fit({ frequency, monetaryValue });
    expect(m.frequencyMonetaryCorrelation).toBeGreaterThan(0.8);
    expect(m.warnings.join('\n')).toMatch(/frequency and monetary value are correlated \(0\.\d{3}, above 0\.3\)/);
    expect(new GammaGamma({ correlationWarning: 1 }).fit({ frequency, monetaryValue }).warnings.some((w) => /correlated/.test(w))).toBe(false);
  });
});
