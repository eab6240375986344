import { describe, expect, it } from 'vitest';
import { CLV_MODELS, ConvergenceError, type PurchaseModel } from '../../src';
import { HAVE_CDNOW, readCdnowSummary } from './cdnow';
import { NEAR_ONE, purchaseModelAt, REFERENCE, referenceSummary, relError } from './reference';

const fitOn = (kind: 'bg-nbd' | 'mbg-nbd' | 'pareto-nbd', params = {}): PurchaseModel => {
  const entry = CLV_MODELS.lookup(kind);
  if (entry.role !== 'purchases') throw new Error('not a purchase model');
  const s = readCdnowSummary();
  return entry.create(params).fit({ customerIds: s.ids, frequency: s.frequency, recency: s.recency, T: s.T, unit: 'weeks' });
};

describe('BG/NBD', () => {
  it.skipIf(!HAVE_CDNOW)("on the CDNOW summary: r, α, a, b within 0.1% of lifetimes' bgf.summary, standard errors within 1%", () => {
    const m = fitOn('bg-nbd');
    const published = { r: [0.242593, 0.012557], alpha: [4.413532, 0.378221], a: [0.792886, 0.185719], b: [2.425752, 0.705345] } as const;
    for (const [name, [coef, se]] of Object.entries(published)) {
      expect(relError(m.params[name]!, coef), `${name} = ${m.params[name]}`).toBeLessThan(0.001);
      expect(relError(m.standardErrors[name]!, se), `se(${name}) = ${m.standardErrors[name]}`).toBeLessThan(0.01);
    }
    expect(m.nCustomers).toBe(2357);
    expect(m.unit).toBe('weeks');
    // Every seeded start reached the same optimum.
    expect(m.starts.every((s) => s.converged && Math.abs(s.objective - m.starts[0]!.objective) < 1e-9)).toBe(true);
  });

  it('log-likelihood, P(alive), conditional and unconditional expectations and P(X(t) = n) equal the scipy reference at the published parameters', () => {
    const m = purchaseModelAt('bg-nbd', REFERENCE.params.bgnbd);
    const data = referenceSummary();
    expect(data.frequency).toHaveLength(6);
    const ll = m.logLikelihoods(data);
    const alive = m.probabilityAlive(data);
    const e10 = m.expectedPurchases(10, data);
    const e39 = m.expectedPurchases(39, data);
    REFERENCE.customers.forEach((c, i) => {
      expect(relError(ll[i]!, c.bgnbd.ll), `ll of customer ${c.id}`).toBeLessThan(1e-12);
      expect(relError(alive[i]!, c.bgnbd.alive), `P(alive) of customer ${c.id}`).toBeLessThan(1e-12);
      expect(relError(e10[i]!, c.bgnbd.expected10), `E[X(10)] of customer ${c.id}`).toBeLessThan(1e-11);
      expect(relError(e39[i]!, c.bgnbd.expected39), `E[X(39)] of customer ${c.id}`).toBeLessThan(1e-11);
      if (c.x === 0) expect(alive[i]).toBe(1);
    });
    for (const [t, want] of REFERENCE.unconditional.bgnbd.expected) expect(relError(m.expectedPurchasesUnconditional(t), want), `E[X(${t})]`).toBeLessThan(1e-11);
    for (const [n, t, want] of REFERENCE.unconditional.bgnbd.pn) expect(relError(m.probabilityOfPurchases(n, t), want), `P(X(${t}) = ${n})`).toBeLessThan(1e-11);
  });

  it('P(alive) is 1 for every customer without a repeat purchase, and below 1 for the others', () => {
    const m = purchaseModelAt('bg-nbd', REFERENCE.params.bgnbd);
    const alive = m.probabilityAlive({ frequency: [0, 0, 0, 1, 5], recency: [0, 0, 0, 10, 10], T: [1, 30, 500, 30, 30] });
    expect(Array.from(alive.subarray(0, 3))).toEqual([1, 1, 1]);
    expect(alive[3]).toBeLessThan(1);
    expect(alive[4]).toBeLessThan(alive[3]!);
  });

  it.skipIf(!HAVE_CDNOW)("penalizer (lifetimes' convention, penalizer · Σθ²) shrinks the parameters; another seed finds the same optimum", () => {
    const plain = fitOn('bg-nbd');
    const penalised = fitOn('bg-nbd', { penalizer: 0.01 });
    const sq = (m: PurchaseModel) => m.theta.reduce((a, v) => a + v * v, 0);
    expect(sq(penalised)).toBeLessThan(sq(plain) * 0.9);
    expect(penalised.penalizer).toBe(0.01);
    expect(penalised.logLikelihood).toBeLessThan(plain.logLikelihood);
    const other = fitOn('bg-nbd', { seed: 12345 });
    other.theta.forEach((v, k) => expect(relError(v, plain.theta[k]!)).toBeLessThan(1e-5));
  });

  it('a fit that cannot converge is a ConvergenceError saying what to try', () => {
    const entry = CLV_MODELS.get('bg-nbd');
    // One customer, no repeat purchase: the likelihood keeps rising as α → ∞ (no optimum).
    expect(() => entry.create({ nStarts: 2, maxIter: 5 }).fit({ frequency: [0], recency: [0], T: [10] })).toThrow(ConvergenceError);
    expect(() => entry.create({ nStarts: 2, maxIter: 5 }).fit({ frequency: [0], recency: [0], T: [10] })).toThrow(/did not converge from any of 2 starts.*Try: a small penalizer/s);
  });
});

describe('MBG/NBD', () => {
  it.skipIf(!HAVE_CDNOW)('on the CDNOW summary: within 0.01 of the published [0.525, 6.183, 0.891, 1.614]', () => {
    const m = fitOn('mbg-nbd');
    [0.525, 6.183, 0.891, 1.614].forEach((want, k) => expect(Math.abs(m.theta[k]! - want), `${Object.keys(m.params)[k]} = ${m.theta[k]}`).toBeLessThan(0.01));
    expect(Object.values(m.standardErrors).every((se) => se !== null && se > 0)).toBe(true);
  });

  it('matches the scipy reference at the published parameters; P(alive) < 1 even without a repeat purchase', () => {
    const m = purchaseModelAt('mbg-nbd', REFERENCE.params.mbgnbd);
    const data = referenceSummary();
    expect(data.frequency).toHaveLength(6);
    const ll = m.logLikelihoods(data);
    const alive = m.probabilityAlive(data);
    const e39 = m.expectedPurchases(39, data);
    REFERENCE.customers.forEach((c, i) => {
      expect(relError(ll[i]!, c.mbgnbd.ll), `ll of customer ${c.id}`).toBeLessThan(1e-12);
      expect(relError(alive[i]!, c.mbgnbd.alive), `P(alive) of customer ${c.id}`).toBeLessThan(1e-12);
      expect(relError(e39[i]!, c.mbgnbd.expected39), `E[X(39)] of customer ${c.id}`).toBeLessThan(1e-11);
      if (c.x === 0) expect(alive[i]).toBeLessThan(1);
    });
    for (const [t, want] of REFERENCE.unconditional.mbgnbd.expected) expect(relError(m.expectedPurchasesUnconditional(t), want), `E[X(${t})]`).toBeLessThan(1e-11);
    for (const [n, t, want] of REFERENCE.unconditional.mbgnbd.pn) expect(relError(m.probabilityOfPurchases(n, t), want), `P(X(${t}) = ${n})`).toBeLessThan(1e-11);
  });
});

describe('Pareto/NBD', () => {
  it.skipIf(!HAVE_CDNOW)('on the CDNOW summary: within 0.01 of the published [0.553, 10.578, 0.606, 11.669]', () => {
    const m = fitOn('pareto-nbd', { nStarts: 2 });
    [0.553, 10.578, 0.606, 11.669].forEach((want, k) => expect(Math.abs(m.theta[k]! - want), `${Object.keys(m.params)[k]} = ${m.theta[k]}`).toBeLessThan(0.01));
  });

  it('matches the scipy reference at the published parameters (α < β branch) and is continuous across α = β', () => {
    const m = purchaseModelAt('pareto-nbd', REFERENCE.params.paretonbd);
    const data = referenceSummary();
    expect(data.frequency).toHaveLength(6);
    const ll = m.logLikelihoods(data);
    const alive = m.probabilityAlive(data);
    const e39 = m.expectedPurchases(39, data);
    REFERENCE.customers.forEach((c, i) => {
      expect(relError(ll[i]!, c.paretonbd.ll), `ll of customer ${c.id}`).toBeLessThan(1e-11);
      expect(relError(alive[i]!, c.paretonbd.alive), `P(alive) of customer ${c.id}`).toBeLessThan(1e-10);
      expect(relError(e39[i]!, c.paretonbd.expected39), `E[X(39)] of customer ${c.id}`).toBeLessThan(1e-10);
    });
    // The α ≥ β branch meets the α < β branch: β a hair above and below α give the same likelihood.
    const near = (beta: number) => purchaseModelAt('pareto-nbd', { r: 0.55, alpha: 10, s: 0.6, beta }).logLikelihoods(data);
    const below = near(10 - 1e-7);
    const above = near(10 + 1e-7);
    below.forEach((v, i) => expect(Math.abs(v - above[i]!)).toBeLessThan(1e-7));
  });

  it('customers whose ₂F₁ argument is close to 1 (α and β far apart, integer s or r + x too): finite and equal to mpmath', () => {
    expect(NEAR_ONE.paretonbd).toHaveLength(5);
    for (const { params, customers } of NEAR_ONE.paretonbd) {
      const m = purchaseModelAt('pareto-nbd', params);
      const data = { frequency: customers.map((c) => c.x), recency: customers.map((c) => c.tx), T: customers.map((c) => c.T), unit: 'weeks' as const };
      const ll = m.logLikelihoods(data);
      const alive = m.probabilityAlive(data);
      const e39 = m.expectedPurchases(39, data);
      customers.forEach((c, i) => {
        const at = `${JSON.stringify(params)}, customer (${c.x}, ${c.tx}, ${c.T})`;
        // ln L absolutely (it can be −1e-7), the probabilities and expectations relatively.
        expect(Math.abs(ll[i]! - c.ll), `ll ${at}: ${ll[i]} vs ${c.ll}`).toBeLessThan(1e-10);
        expect(relError(alive[i]!, c.alive), `P(alive) ${at}: ${alive[i]} vs ${c.alive}`).toBeLessThan(1e-8);
        expect(relError(e39[i]!, c.expected39), `E[X(39)] ${at}: ${e39[i]} vs ${c.expected39}`).toBeLessThan(1e-8);
      });
    }
  });

  it('P(X(t) = n) sums to 1 over n and its mean is E[X(t)], on both branches', () => {
    for (const params of [REFERENCE.params.paretonbd, { r: 0.8, alpha: 12, s: 1.3, beta: 4 }]) {
      const m = purchaseModelAt('pareto-nbd', params);
      for (const t of [5, 39, 100]) {
        let total = 0;
        let mean = 0;
        for (let n = 0; n < 400; n++) {
          const p = m.probabilityOfPurchases(n, t);
          expect(p).toBeGreaterThanOrEqual(-1e-12);
          total += p;
          mean += n * p;
        }
        expect(Math.abs(total - 1), `Σ P, t = ${t}`).toBeLessThan(1e-9);
        expect(relError(mean, m.expectedPurchasesUnconditional(t)), `mean, t = ${t}`).toBeLessThan(1e-8);
      }
    }
  });
});

describe('expectedPurchasesByHorizon', () => {
  it('equals expectedPurchases at every horizon (within rounding: one shared series), for every purchase model; bad horizons are UsageErrors naming the index', () => {
    const data = { ...referenceSummary(), frequency: [...referenceSummary().frequency, 2], recency: [...referenceSummary().recency, 30.43], T: [...referenceSummary().T, 38.86], customerIds: [...referenceSummary().customerIds, 'twin of 1'], monetaryValue: [...referenceSummary().monetaryValue, 1] };
    // 500 weeks puts z = t / (α + T + t) past 0.9 for every customer: the per-horizon fallback of the shared series.
    const ts = [1, 4.345, 10, 39, 52.14, 500];
    for (const kind of ['bg-nbd', 'mbg-nbd', 'pareto-nbd'] as const) {
      const key = ({ 'bg-nbd': 'bgnbd', 'mbg-nbd': 'mbgnbd', 'pareto-nbd': 'paretonbd' } as const)[kind];
      const m = purchaseModelAt(kind, REFERENCE.params[key]);
      const many = m.expectedPurchasesByHorizon(ts, data);
      expect(many).toHaveLength(ts.length);
      ts.forEach((t, k) => {
        const one = m.expectedPurchases(t, data);
        one.forEach((want, i) => expect(relError(many[k]![i]!, want), `${kind} t ${t} customer ${i}`).toBeLessThan(1e-13));
      });
    }
    const m = purchaseModelAt('bg-nbd', REFERENCE.params.bgnbd);
    expect(() => m.expectedPurchasesByHorizon([], data)).toThrow(/expectedPurchasesByHorizon ts/);
    expect(() => m.expectedPurchasesByHorizon([1, -2], data)).toThrow(/expectedPurchasesByHorizon ts\[1\]: got -2/);
  });
});
