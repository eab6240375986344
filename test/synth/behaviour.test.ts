import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGIONS } from '../../src/synth/geography';
import { SEGMENTS, type Segment } from '../../src/synth/segments';
import { cleanup, dayOf, generate, labelsOf, type Generated } from './helpers';

/** Segment behaviour and data semantics on one 2,000-customer data set. */
let g: Generated;
beforeAll(async () => {
  g = await generate({ customers: 2000, seed: 21 });
});
afterAll(cleanup);

const Q2_START = dayOf('2026-04-01');
const Q2_END = dayOf('2026-07-01');

/** Per segment (label at the end of 2026-Q2): pooled sums over that segment's customers. */
function bySegment<T>(init: () => T, add: (acc: T, row: string[]) => void, rows: string[][], custCol: number): Map<Segment, T> {
  const labels = labelsOf(g, '2026-Q2');
  const out = new Map<Segment, T>(SEGMENTS.map((s) => [s, init()]));
  for (const r of rows) {
    const s = labels.get(r[custCol]!) as Segment | undefined;
    if (s) add(out.get(s)!, r);
  }
  return out;
}

describe('segment behaviour', () => {
  it('has the first quarter shares exactly and a ground-truth row per existing customer and quarter', () => {
    const q1 = g.summary.quarters[0]!;
    const shares = { vip_ambassador: 0.06, loyal_regular: 0.2, promo_hunter: 0.18, new_promising: 0.12, at_risk: 0.14, lapsed: 0.18, window_shopper: 0.12 };
    for (const [s, share] of Object.entries(shares)) {
      expect(Math.abs(q1.segmentCounts[s as Segment] - share * q1.customers)).toBeLessThanOrEqual(1);
    }
    const signup = new Map(g.customers.rows.map((r) => [r[0]!, r[1]!]));
    const q1Labels = labelsOf(g, '2026-Q1');
    const q2Labels = labelsOf(g, '2026-Q2');
    expect(q2Labels.size).toBe(2000);
    for (const [id, date] of signup) expect(q1Labels.has(id)).toBe(date < '2026-04-01');
  });

  it('VIPs spend more per order than promo hunters, who use discounts most', () => {
    const T = g.transactions;
    const [amount, disc, ret] = [T.col('amount'), T.col('discount_used'), T.col('is_return')];
    const stats = bySegment(
      () => ({ orders: 0, spend: 0, discounted: 0 }),
      (acc, r) => {
        if (r[ret] === 'true') return;
        acc.orders++;
        acc.spend += Number(r[amount]);
        if (r[disc] === 'true') acc.discounted++;
      },
      T.rows,
      T.col('customer_id'),
    );
    const aov = (s: Segment) => stats.get(s)!.spend / stats.get(s)!.orders;
    const discount = (s: Segment) => stats.get(s)!.discounted / stats.get(s)!.orders;
    expect(aov('vip_ambassador')).toBeGreaterThan(2 * aov('promo_hunter'));
    expect(aov('loyal_regular')).toBeGreaterThan(aov('promo_hunter'));
    for (const s of SEGMENTS) if (s !== 'promo_hunter' && stats.get(s)!.orders > 20) expect(discount('promo_hunter')).toBeGreaterThan(discount(s));
    expect(discount('promo_hunter')).toBeGreaterThan(0.6);
    expect(discount('vip_ambassador')).toBeLessThan(0.15);
    // Order frequency ranks VIP > loyal > window shopper.
    const customers = bySegment(() => ({ n: 0 }), (acc) => acc.n++, g.truth.rows.filter((r) => r[1] === '2026-Q2'), 0);
    const perCustomer = (s: Segment) => stats.get(s)!.orders / customers.get(s)!.n;
    expect(perCustomer('vip_ambassador')).toBeGreaterThan(2 * perCustomer('loyal_regular'));
    expect(perCustomer('loyal_regular')).toBeGreaterThan(3 * perCustomer('window_shopper'));
  });

  it('window shoppers browse most and abandon the most carts', () => {
    const E = g.events!;
    const counts = bySegment(
      () => ({ session: 0, add_to_cart: 0, cart_abandoned: 0 }),
      (acc, r) => {
        const d = dayOf(r[1]!);
        if (d < Q2_START || d >= Q2_END) return;
        const t = r[2] as keyof typeof acc;
        if (t in acc) acc[t]++;
      },
      E.rows,
      0,
    );
    const rate = (s: Segment) => counts.get(s)!.cart_abandoned / counts.get(s)!.add_to_cart;
    for (const s of SEGMENTS) {
      if (s === 'window_shopper') continue;
      expect(counts.get('window_shopper')!.session).toBeGreaterThan(counts.get(s)!.session);
      if (counts.get(s)!.add_to_cart >= 20) expect(rate('window_shopper')).toBeGreaterThan(rate(s));
    }
    expect(rate('window_shopper')).toBeGreaterThan(0.85);
    expect(rate('vip_ambassador')).toBeLessThan(0.3);
  });

  it('lapsed customers place no order in the quarter they are lapsed at, and exactly they are churned', () => {
    const T = g.transactions;
    const [cust, ts, ret] = [T.col('customer_id'), T.col('ts'), T.col('is_return')];
    expect(g.summary.quarters.length).toBeGreaterThan(1);
    for (const q of g.summary.quarters) {
      const [start, end] = [dayOf(q.start), dayOf(q.asOf)];
      const bought = new Set(T.rows.filter((r) => r[ret] === 'false' && dayOf(r[ts]!) >= start && dayOf(r[ts]!) < end).map((r) => r[cust]));
      const rows = g.truth.rows.filter((r) => r[1] === q.quarter);
      const lapsed = rows.filter((r) => r[2] === 'lapsed');
      expect(lapsed.length).toBeGreaterThan(100);
      for (const r of lapsed) expect(bought.has(r[0])).toBe(false);
      for (const r of rows) expect(r[3]).toBe(r[2] === 'lapsed' ? 'true' : 'false');
      expect(rows.filter((r) => r[3] === 'true').length).toBe(q.churned);
      // Most active customers did buy in the quarter.
      const vips = rows.filter((r) => r[2] === 'vip_ambassador');
      expect(vips.filter((r) => bought.has(r[0])).length / vips.length).toBeGreaterThan(0.9);
    }
  });

  it('has weekly and yearly seasonality and promotion peaks', () => {
    const T = g.transactions;
    const [ts, ret] = [T.col('ts'), T.col('is_return')];
    const byMonth = new Map<string, number>();
    for (const r of T.rows) {
      if (r[ret] === 'true' || r[ts]! < '2025-01-01' || r[ts]! >= '2026-01-01') continue;
      const m = r[ts]!.slice(5, 7);
      byMonth.set(m, (byMonth.get(m) ?? 0) + 1);
    }
    const avg = [...byMonth.values()].reduce((a, b) => a + b, 0) / 12;
    expect(byMonth.get('12')!).toBeGreaterThan(1.1 * avg);
    expect(byMonth.get('11')! + byMonth.get('12')!).toBeGreaterThan(2.5 * byMonth.get('08')!);
    expect(byMonth.get('08')!).toBeLessThan(avg);
    // Weekends busier than early weekdays.
    const byWeekday = new Array<number>(7).fill(0);
    for (const r of T.rows) if (r[ret] === 'false') byWeekday[new Date(`${r[ts]!.slice(0, 10)}T00:00:00Z`).getUTCDay()]!++;
    expect(byWeekday[6]!).toBeGreaterThan(1.08 * byWeekday[2]!);
    // Promo hunters buy mostly during sales.
    const labels = labelsOf(g, '2026-Q1');
    const promoDays = new Set<number>();
    for (const p of g.summary.promoPeriods) for (let d = dayOf(p.start); d <= dayOf(p.end); d++) promoDays.add(d);
    let inPromo = 0, all = 0;
    for (const r of T.rows) {
      if (r[ret] === 'true' || labels.get(r[1]!) !== 'promo_hunter' || r[ts]! >= '2026-04-01') continue;
      all++;
      if (promoDays.has(dayOf(r[ts]!))) inPromo++;
    }
    expect(inPromo / all).toBeGreaterThan(0.5);
  });
});

describe('data semantics', () => {
  it('keeps the e-mail funnel consistent and sends only to opted-in customers', () => {
    const optIn = new Map(g.customers.rows.map((r) => [r[0]!, r[g.customers.col('email_opt_in')] === 'true']));
    const perCustomer = new Map<string, { sent: number; open: number; click: number }>();
    const violations: string[] = [];
    for (const r of g.events!.rows) {
      if (!r[2]!.startsWith('email_')) continue;
      if (r[3] !== '') violations.push(`session on e-mail event ${r.join(',')}`);
      if (!optIn.get(r[0]!)) violations.push(`e-mail to opted-out ${r[0]}`);
      const c = perCustomer.get(r[0]!) ?? { sent: 0, open: 0, click: 0 };
      // Running counts: every open follows a send, every click an open.
      if (r[2] === 'email_sent') c.sent++;
      if (r[2] === 'email_open') c.open++;
      if (r[2] === 'email_click') c.click++;
      if (c.open > c.sent || c.click > c.open) violations.push(`funnel broken at ${r.join(',')}`);
      perCustomer.set(r[0]!, c);
    }
    expect(violations.slice(0, 5)).toEqual([]);
    const optedIn = [...optIn.values()].filter(Boolean).length;
    expect(perCustomer.size).toBeGreaterThan(0.8 * optedIn);
    const tot = [...perCustomer.values()].reduce((a, c) => ({ sent: a.sent + c.sent, open: a.open + c.open, click: a.click + c.click }), { sent: 0, open: 0, click: 0 });
    expect(tot.open / tot.sent).toBeGreaterThan(0.15);
    expect(tot.open / tot.sent).toBeLessThan(0.5);
    expect(tot.click / tot.open).toBeGreaterThan(0.1);
  });

  it('gives each cart one add_to_cart and abandons only carts that were started', () => {
    const bySession = new Map<string, string[]>();
    for (const r of g.events!.rows) {
      if (!r[3]) continue;
      const list = bySession.get(r[3]) ?? [];
      list.push(r[2]!);
      bySession.set(r[3], list);
    }
    const broken = [...bySession.entries()].filter(([, types]) => {
      const carts = types.filter((t) => t === 'add_to_cart').length;
      const abandoned = types.filter((t) => t === 'cart_abandoned').length;
      return (
        types[0] !== 'session' ||
        types.filter((t) => t === 'session').length !== 1 ||
        carts > 1 ||
        abandoned > carts ||
        (abandoned > 0 && types[types.length - 1] !== 'cart_abandoned')
      );
    });
    expect(broken.slice(0, 5)).toEqual([]);
    // Bought carts: web and app orders in the events window each have a purchase session with an add_to_cart.
    const T = g.transactions;
    const online = T.rows.filter((r) => r[T.col('is_return')] === 'false' && r[T.col('channel')] !== 'store' && r[T.col('ts')]! >= '2025-10-01').length;
    const carts = g.events!.rows.filter((r) => r[2] === 'add_to_cart').length;
    const abandoned = g.events!.rows.filter((r) => r[2] === 'cart_abandoned').length;
    expect(carts - abandoned).toBe(online);
  });

  it('has consistent regions and cities and realistic missingness', () => {
    const C = g.customers;
    const cities = new Map(REGIONS.map((r) => [r.region, new Set(r.cities.map((c) => c[0]))]));
    const [region, city] = [C.col('region'), C.col('city')];
    for (const r of C.rows) {
      if (r[region]) {
        expect(cities.has(r[region]!)).toBe(true);
        if (r[city]) expect(cities.get(r[region]!)!.has(r[city]!)).toBe(true);
      } else expect(r[city]).toBe('');
    }
    const missing = (name: string) => C.rows.filter((r) => r[C.col(name)] === '').length / C.rows.length;
    expect(missing('customer_id')).toBe(0);
    expect(missing('signup_date')).toBe(0);
    expect(missing('device')).toBe(0);
    expect(missing('email_opt_in')).toBe(0);
    expect(missing('age')).toBeGreaterThan(0.01);
    expect(missing('age')).toBeLessThan(0.06);
    for (const name of ['interests', 'price_sensitivity', 'eco_consciousness', 'income_band']) {
      expect(missing(name)).toBeGreaterThan(0.05);
      expect(missing(name)).toBeLessThan(0.25);
    }
    for (const r of C.rows) {
      const age = r[C.col('age')];
      if (age) expect(Number(age) >= 18 && Number(age) <= 85).toBe(true);
      for (const likert of [r[C.col('price_sensitivity')], r[C.col('eco_consciousness')]]) if (likert) expect(['1', '2', '3', '4', '5']).toContain(likert);
      expect(['mobile', 'desktop', 'tablet']).toContain(r[C.col('device')]);
    }
  });
});
