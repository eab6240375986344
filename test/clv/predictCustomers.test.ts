import { describe, expect, it } from 'vitest';
import { customerLifetimeValue, GammaGamma, GammaGammaModel, predictCustomers, UsageError } from '../../src';
import { HAVE_CDNOW, readCdnowSummary } from './cdnow';
import { purchaseModelAt, REFERENCE, referenceSummary, relError } from './reference';

describe('predictCustomers', () => {
  it.skipIf(!HAVE_CDNOW)('equals expectedPurchases, probabilityAlive, expectedSpend and customerLifetimeValue one by one, on CDNOW, for every purchase model', () => {
    const s = readCdnowSummary();
    const data = { customerIds: s.ids, frequency: s.frequency, recency: s.recency, T: s.T, monetaryValue: s.monetaryValue, unit: 'weeks' as const };
    const gg = new GammaGamma().fit(data);
    for (const kind of ['bg-nbd', 'mbg-nbd', 'pareto-nbd'] as const) {
      const key = ({ 'bg-nbd': 'bgnbd', 'mbg-nbd': 'mbgnbd', 'pareto-nbd': 'paretonbd' } as const)[kind];
      const m = purchaseModelAt(kind, REFERENCE.params[key]);
      const p = predictCustomers(m, gg, data, { t: 39, months: 12, discountRate: 0.01 });
      expect(p.t).toBe(39);
      expect(p.unit).toBe('weeks');
      const one = { expectedPurchases: m.expectedPurchases(39, data), probabilityAlive: m.probabilityAlive(data), expectedSpend: gg.expectedSpend(data), clv: customerLifetimeValue(m, gg, data) };
      for (const k of ['expectedPurchases', 'probabilityAlive', 'expectedSpend', 'clv'] as const) {
        expect(p[k]).toHaveLength(2357);
        one[k].forEach((want, i) => expect(relError(p[k][i]!, want), `${kind} ${k} of ${s.ids[i]}`).toBeLessThan(1e-12));
      }
    }
  });

  it('defaults t to the CLV horizon (12 months of 4.345 weeks); bad options are UsageErrors under its own name', () => {
    const data = referenceSummary();
    const m = purchaseModelAt('bg-nbd', REFERENCE.params.bgnbd);
    const gg = GammaGammaModel.fromJSON({ schemaVersion: 1, kind: 'gamma-gamma', params: REFERENCE.params.gammagamma, standardErrors: { p: null, q: null, v: null }, logLikelihood: 0, nCustomers: 1, penalizer: 0, frequencyMonetaryCorrelation: 0, warnings: [] });
    const p = predictCustomers(m, gg, data);
    expect(p.t).toBeCloseTo(12 * 4.345, 12);
    p.expectedPurchases.forEach((v, i) => expect(relError(v, m.expectedPurchases(12 * 4.345, data)[i]!)).toBeLessThan(1e-13));
    REFERENCE.customers.forEach((c, i) => {
      expect(relError(p.probabilityAlive[i]!, c.bgnbd.alive), c.id).toBeLessThan(1e-12);
      expect(relError(p.clv[i]!, c.clv12), `CLV of ${c.id} against scipy`).toBeLessThan(1e-10);
    });
    expect(() => predictCustomers(m, gg, data, { t: 0 })).toThrow(/Invalid predictCustomers t: got 0/);
    expect(() => predictCustomers(m, gg, data, { t: Number.NaN })).toThrow(UsageError);
    expect(() => predictCustomers(m, gg, data, { months: 0 })).toThrow(/Invalid predictCustomers months: got 0/);
    expect(() => predictCustomers(m, gg, { ...data, monetaryValue: data.monetaryValue.map(() => 0) })).toThrow(/predictCustomers.*customer "1" \(row 1\) has monetary value 0/);
  });
});
