import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { buildPersonas } from '../../src/personas/buildPersonas';
import type { PersonaInput } from '../../src/personas/PersonaInput';
import type { SegmentPersona } from '../../src/personas/PersonaResult';
import { activityOf } from '../../src/personas/SegmentFacts';

/**
 * A CDNOW-like base: most customers bought once or twice long ago. Segment 0 (70%) last bought a median
 * ~480 days ago and 90% of it has no order in 12 months; segment 1 (15%) buys every ~80 days and bought a
 * month ago; segment 2 (15%) bought within the year but is past twice the usual interval (~240 days).
 * Against this dormant base, segment 0's standardised differences look "average": the old namer called it
 * "Steady mid-value" and recommended a loyalty programme.
 */
function dormantBase(): PersonaInput {
  const rng = new Rng(11);
  const sizes = [700, 150, 150];
  const labels: number[] = [];
  const cols: Record<string, number[]> = { recency_days: [], frequency: [], orders_90d: [], orders_365d: [], monetary_total: [], spend_365d: [], interpurchase_days: [], tenure_days: [] };
  sizes.forEach((n, seg) => {
    for (let i = 0; i < n; i++) {
      labels.push(seg);
      const u = rng.next();
      const recency = seg === 0 ? 420 + Math.round(120 * u) : seg === 1 ? 20 + Math.round(20 * u) : 220 + Math.round(40 * u);
      const orders = seg === 0 ? 1 + (i % 3 === 0 ? 1 : 0) : seg === 1 ? 6 + Math.round(3 * u) : 3 + Math.round(2 * u);
      const active365 = seg === 0 ? i % 10 === 0 : true;
      cols.recency_days!.push(seg === 0 && active365 ? 300 : recency);
      cols.frequency!.push(orders);
      cols.orders_90d!.push(seg === 1 ? 1 + Math.round(u) : 0);
      cols.orders_365d!.push(active365 ? (seg === 1 ? 4 : 1) : 0);
      cols.monetary_total!.push(orders * 30 * (0.8 + 0.4 * rng.next()));
      cols.spend_365d!.push(active365 ? (seg === 1 ? 120 : 30) : 0);
      cols.interpurchase_days!.push(orders > 1 ? (seg === 1 ? 70 + 20 * u : 90 + 30 * u) : NaN);
      cols.tenure_days!.push(500 + Math.round(40 * rng.next()));
    }
  });
  const numeric = Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, Float64Array.from(v)]));
  return { labels, numeric, categorical: {} };
}

describe('personas: names follow the segment’s own buying cycle', () => {
  const result = buildPersonas(dormantBase());
  const seg = (id: number): SegmentPersona => result.segments.find((s) => s.id === id) as SegmentPersona;

  it('a segment that mostly has not bought for a year is lapsed, whatever the base looks like', () => {
    expect(seg(0).activity).toBe('lapsed');
    expect(['lapsedRegulars', 'lapsedOneTimers', 'dormant']).toContain(seg(0).archetype);
    // Two thirds of its buyers ordered once: one-timers, not "regulars".
    expect(seg(0).archetype).toBe('lapsedOneTimers');
    expect(seg(0).card.actions[0]!.id).toBe('winBack');
    expect(seg(0).card.actions.map((a) => a.id)).not.toContain('loyaltyProgramme');
  });

  it('past twice the usual interval but active this year: overdue (at risk), never loyal or steady', () => {
    expect(seg(2).activity).toBe('overdue');
    expect(seg(2).archetype).toBe('atRisk');
    expect(seg(1).activity).toBe('active');
    expect(['champions', 'highValueLoyal', 'loyalRegulars']).toContain(seg(1).archetype);
  });

  it('no steady / loyal / champion name on a segment with median recency above twice the data’s cycle (the issue’s bar)', () => {
    const cycle = 90; // the repeat buyers' gaps in this fixture are 70 to 120 days
    for (const s of result.segments as SegmentPersona[]) {
      if ((s.kpis.recency ?? 0) > 2 * cycle) expect(s.name).not.toMatch(/steady|loyal|champion/i);
    }
    expect(result.notes.some((n) => n.startsWith('Names follow each segment'))).toBe(true);
  });

  it('activityOf by hand', () => {
    const kpis = (recency: number | null) => ({ recency });
    expect(activityOf({ noOrderShare: 0.6, kpis: kpis(10), active365: 1, cycleDays: 30 })).toBe('noOrders');
    expect(activityOf({ noOrderShare: 0, kpis: kpis(400), active365: 0.49, cycleDays: 30 })).toBe('lapsed');
    expect(activityOf({ noOrderShare: 0, kpis: kpis(61), active365: 0.9, cycleDays: 30 })).toBe('overdue');
    expect(activityOf({ noOrderShare: 0, kpis: kpis(60), active365: 0.9, cycleDays: 30 })).toBe('active');
    // Without the 12-month window: a year since the median last order is lapsed; without a cycle, 180 days.
    expect(activityOf({ noOrderShare: 0, kpis: kpis(365), active365: null, cycleDays: null })).toBe('lapsed');
    expect(activityOf({ noOrderShare: 0, kpis: kpis(181), active365: null, cycleDays: null })).toBe('overdue');
    // No order dates at all (a customer snapshot): no buying cycle.
    expect(activityOf({ noOrderShare: null, kpis: {}, active365: null, cycleDays: null })).toBeNull();
  });
});

/** A Telco-like snapshot: no orders, a contract type, flags and an outcome (churn). */
function subscriptionBase(): PersonaInput {
  const rng = new Rng(5);
  const n = 900;
  const labels = Array.from({ length: n }, (_, i) => (i < 400 ? 0 : i < 700 ? 1 : 2));
  const contract = labels.map((l, i) => (l === 0 ? (i % 10 === 0 ? 'One year' : 'Month-to-month') : l === 1 ? (i % 2 ? 'Two year' : 'One year') : 'Month-to-month'));
  const internet = labels.map((l, i) => (l === 0 ? 'Fiber optic' : l === 1 ? (i % 3 ? 'DSL' : 'No') : 'No'));
  const tenure = Float64Array.from(labels, (l) => (l === 0 ? 5 + 10 * rng.next() : l === 1 ? 50 + 20 * rng.next() : 20 + 20 * rng.next()));
  const partner = Float64Array.from(labels, (l, i) => (l === 1 ? (i % 10 ? 1 : 0) : i % 2));
  const churn = Float64Array.from(labels, (l, i) => (l === 0 ? (i % 2 === 0 ? 1 : 0) : l === 1 ? (i % 20 === 0 ? 1 : 0) : i % 4 === 0 ? 1 : 0));
  return {
    labels,
    numeric: { tenure, partner },
    categorical: { contract, internet_service: internet },
    columns: [{ name: 'partner', kind: 'numeric', unit: 'flag' }],
    outcome: { column: 'churn', label: 'Churn', higherIsBetter: false, values: churn },
  };
}

describe('personas: data without orders are named by their traits; the outcome is a KPI', () => {
  const result = buildPersonas(subscriptionBase());
  const seg = (id: number): SegmentPersona => result.segments.find((s) => s.id === id) as SegmentPersona;

  it('names from the strongest traits in words, all distinct, none "Steady mid-value"', () => {
    const names = (result.segments as SegmentPersona[]).map((s) => s.name);
    expect(new Set(names).size).toBe(3);
    for (const s of result.segments as SegmentPersona[]) {
      expect(s.archetype).toBe('traitProfile');
      expect(s.activity).toBeNull();
      expect(s.name).not.toMatch(/steady/i);
    }
    expect(seg(0).name).toMatch(/^Internet service: Fiber optic, /);
    expect(seg(0).name).toContain('short tenure');
    expect(seg(1).name.toLowerCase()).toContain('long tenure');
    expect(seg(1).name.toLowerCase()).toContain('two year');
  });

  it('every card says what sets the segment apart, with numbers', () => {
    expect(result.segments.length).toBeGreaterThan(1);
    for (const s of result.segments as SegmentPersona[]) {
      expect(s.card.apart).toMatch(/^What sets them apart: .*\d/);
    }
  });

  it('the outcome rate is a KPI per segment and drives the actions; it is never a trait', () => {
    const def = result.kpiDefinitions.find((d) => d.key === 'outcomeRate')!;
    expect(def).toMatchObject({ label: 'Churn rate', unit: 'share', source: ['churn'], higherIsBetter: false });
    expect(seg(0).kpis.outcomeRate).toBeCloseTo(0.5, 12);
    expect(result.base.kpis.outcomeRate).toBeCloseTo((200 + 15 + 50) / 900, 12);
    // 265 / 900 = 29.4%, with the KPI table's decimal (one locale formatter).
    expect(seg(0).card.actions[0]).toMatchObject({ id: 'retentionOffer', reason: 'Churn: 50% (base: 29.4%).' });
    expect(seg(0).card.risks).toContain('Churn: 50% (base: 29.4%).');
    expect(seg(1).card.actions[0]!.id).toBe('protectAndGrow');
    for (const s of result.segments as SegmentPersona[]) {
      expect([...s.traits.numeric, ...s.traits.categorical].map((t) => t.feature)).not.toContain('churn');
    }
  });

  it('a segment with the base rate gets no action and says why; data without an outcome says it has nothing to act on', () => {
    const even = subscriptionBase();
    const flat = Float64Array.from(even.labels as number[], (_, i) => (i % 4 === 0 ? 1 : 0));
    const r = buildPersonas({ ...even, outcome: { ...even.outcome!, values: flat } });
    expect(r.segments.length).toBeGreaterThan(1);
    for (const s of r.segments as SegmentPersona[]) {
      expect(s.card.actions).toEqual([]);
      expect(s.card.actionsNote).toMatch(/^No targeted action: their churn rate \(25%\) is close to the base \(25%\)/);
    }
    const none = buildPersonas({ ...even, outcome: undefined });
    expect(none.segments).toHaveLength(r.segments.length);
    for (const s of none.segments as SegmentPersona[]) expect(s.card.actionsNote).toMatch(/^No action from the catalogue applies: the data has no orders/);
  });

  it('in French', () => {
    const fr = buildPersonas({ ...subscriptionBase(), outcome: { ...subscriptionBase().outcome!, label: 'Résiliation' } }, { locale: 'fr' });
    const s0 = fr.segments.find((s) => s.id === 0) as SegmentPersona;
    expect(fr.kpiDefinitions.find((d) => d.key === 'outcomeRate')!.label).toBe('Résiliation (taux)');
    expect(s0.name).toContain('ancienneté courte');
    expect(s0.card.apart).toMatch(/^Ce qui les distingue : /);
    expect(s0.card.actions[0]!.title).toBe('Offre de rétention');
  });
});

describe('personas: a trait needs enough customers behind it', () => {
  it('a large difference carried by fewer than minGroupSize customers is no trait', () => {
    // 300 customers per segment; interpurchase_days is known for 16 customers of segment 0 only, far above the rest.
    const n = 600;
    const labels = Array.from({ length: n }, (_, i) => (i < 300 ? 0 : 1));
    const gaps = Float64Array.from({ length: n }, (_, i) => (i < 16 ? 400 : i >= 300 && i < 400 ? 30 : NaN));
    const spend = Float64Array.from({ length: n }, (_, i) => (i < 300 ? 200 : 100) + (i % 7));
    const r = buildPersonas({ labels, numeric: { interpurchase_days: gaps, monetary_total: spend }, categorical: {} });
    const s0 = r.segments.find((s) => s.id === 0) as SegmentPersona;
    expect(s0.traits.numeric.map((t) => t.feature)).toEqual(['monetary_total']);
    expect(s0.traits.numeric[0]!.customers).toBe(300);
    const loose = buildPersonas({ labels, numeric: { interpurchase_days: gaps, monetary_total: spend }, categorical: {} }, { minGroupSize: 10 });
    const l0 = loose.segments.find((s) => s.id === 0) as SegmentPersona;
    expect(l0.traits.numeric.find((t) => t.feature === 'interpurchase_days')).toMatchObject({ customers: 16 });
  });
});

describe('personas: labels of the data’s own columns', () => {
  it('a configured label replaces the column name in traits, names and cards', () => {
    const r = buildPersonas(subscriptionBase(), { labels: { internet_service: 'Internet plan', tenure: 'Months as a customer' } });
    const s0 = r.segments.find((s) => s.id === 0) as SegmentPersona;
    expect(s0.traits.categorical.find((t) => t.feature === 'internet_service')!.label).toBe('Internet plan');
    expect(s0.name).toMatch(/^Internet plan: Fiber optic, /);
    expect(s0.card.apart).toContain('Months as a customer');
    expect(() => buildPersonas(subscriptionBase(), { labels: { tenure: '' } })).toThrow(/labels.tenure/);
  });
});

describe('personas: a few orders in a newcomer’s first weeks are not a yearly rhythm', () => {
  it('newcomers (three months of tenure) get no loyalty programme and no "orders in the last 12 months" reason', () => {
    const rng = new Rng(2);
    const n = 400;
    const labels = Array.from({ length: n }, (_, i) => (i < 200 ? 0 : 1));
    const col = (f: (seg: number) => number) => Float64Array.from(labels, (l) => f(l));
    const input: PersonaInput = {
      labels,
      numeric: {
        tenure_days: col((s) => (s === 0 ? 80 + 20 * rng.next() : 700 + 100 * rng.next())),
        recency_days: col(() => 5 + 10 * rng.next()),
        frequency: col((s) => (s === 0 ? 4 + Math.round(2 * rng.next()) : 6 + Math.round(2 * rng.next()))),
        orders_365d: col((s) => (s === 0 ? 4 + Math.round(2 * rng.next()) : 5 + Math.round(2 * rng.next()))),
        interpurchase_days: col(() => 20 + 5 * rng.next()),
      },
      categorical: {},
    };
    const r = buildPersonas(input);
    const newcomers = r.segments.find((s) => s.id === 0) as SegmentPersona;
    expect(newcomers.archetype).toBe('newcomers');
    expect(newcomers.card.actions.map((a) => a.id)).not.toContain('loyaltyProgramme');
    for (const a of newcomers.card.actions) expect(a.reason).not.toMatch(/last 12 months/);
  });
});

describe('personas: a model score beside the outcome (a churn model on Telco-like data)', () => {
  // The observed churn says segment 0 is at risk; the model's score for the coming period says segment 2 is
  // (and segment 0 near the base): the retention action must follow the score, and the result says so.
  const input = subscriptionBase();
  const risk = Float64Array.from(input.labels as number[], (l) => (l === 0 ? 0.25 : l === 1 ? 0.05 : 0.6));
  const score = { column: 'probability', label: 'Predicted risk (model): Churn', higherIsBetter: false, values: risk };

  it('shows the score as its own KPI, keeps the observed rate, and the at-risk action follows the score', () => {
    const r = buildPersonas({ ...input, score });
    const seg = (id: number): SegmentPersona => r.segments.find((s) => s.id === id) as SegmentPersona;
    expect(r.kpiDefinitions.find((d) => d.key === 'modelScore')).toMatchObject({ label: 'Predicted risk (model): Churn', unit: 'share', source: ['probability'], higherIsBetter: false });
    expect(seg(2).kpis.modelScore).toBeCloseTo(0.6, 12);
    expect(seg(0).kpis.outcomeRate).toBeCloseTo(0.5, 12);
    expect(r.base.kpis.modelScore).toBeCloseTo((400 * 0.25 + 300 * 0.05 + 200 * 0.6) / 900, 12);
    expect(seg(2).card.actions[0]).toMatchObject({ id: 'retentionOffer', reason: 'Predicted risk (model): Churn: 60% (base: 26.1%).' });
    expect(seg(0).card.actions.map((a) => a.id)).not.toContain('retentionOffer');
    expect(r.actionsFollow).toBe('score');
    expect(r.notes).toContain('The outcome actions (retention offer, protect and grow, outreach) follow “Predicted risk (model): Churn”, not “Churn rate”.');
    // Never a trait.
    for (const s of r.segments as SegmentPersona[]) expect([...s.traits.numeric, ...s.traits.categorical].map((t) => t.feature)).not.toContain('probability');
  });

  it('a propensity score leaves the actions to the observed outcome, and says so (in French too)', () => {
    const r = buildPersonas({ ...input, score: { ...score, label: 'Propensity (model): upgrade', higherIsBetter: true } });
    expect(r.actionsFollow).toBe('outcome');
    expect((r.segments.find((s) => s.id === 0) as SegmentPersona).card.actions[0]!.id).toBe('retentionOffer');
    expect(r.notes).toContain('The outcome actions (retention offer, protect and grow, outreach) follow “Churn rate”, not “Propensity (model): upgrade”.');
    const fr = buildPersonas({ ...input, outcome: { ...input.outcome!, label: 'Résiliation' }, score: { ...score, label: 'Risque prédit (modèle) : Résiliation' } }, { locale: 'fr' });
    expect(fr.notes).toContain('Les actions sur le résultat (offre de rétention, protéger et développer, prospection) suivent « Risque prédit (modèle) : Résiliation », et non « Résiliation (taux) ».');
  });

  it('refuses a score of another length', () => {
    expect(() => buildPersonas({ ...input, score: { ...score, values: risk.subarray(1) } })).toThrow(/score probability/);
  });
});
