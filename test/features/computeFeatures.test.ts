import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeFeatures, DuckSession, FEATURE_GROUPS, InputError, parseFeatureConfig, planFeatures, readFeatureTable, UsageError, type FeatureResult, type Row } from '../../src';
import { inspectAvailable, roleHintsFrom } from '../../src/features/AvailableData';
import { AS_OF, createFixture } from './fixture';

// The loader's roles: churned is an outcome, never a feature.
const ROLES = { customers: [{ name: 'churned', role: 'target' as const }] };
// Small top-N so the "other" share columns have something in them.
const CONFIG = { topCategories: 2, topChannels: 2 };

let session: DuckSession;
beforeEach(async () => {
  session = await DuckSession.open({ threads: 1 });
});
afterEach(() => session.close());

async function rowsById(table = 'features'): Promise<Record<string, Row>> {
  const rows = await session.all(`SELECT * FROM ${table}`);
  return Object.fromEntries(rows.map((r) => [String(r.customer_id), r]));
}

describe('computeFeatures on the fixture (every value computed by hand)', () => {
  let result: FeatureResult;
  let f: Record<string, Row>;
  beforeEach(async () => {
    await createFixture(session);
    result = await computeFeatures(session, CONFIG, AS_OF, ROLES);
    f = await rowsById();
  });

  it('has one row per customer of the base: c5 signed up after asOf, the NULL customer is ignored', () => {
    expect(result.rowCount).toBe(4);
    expect(Object.keys(f).sort()).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(result.schemaVersion).toBe(1);
    expect(result.asOf).toBe('2024-01-01T00:00:00.000Z');
    expect(result.columns[0]).toEqual({ name: 'customer_id', role: 'id', description: 'Customer identifier.' });
    expect(result.sql).toContain("TIMESTAMP '2024-01-01 00:00:00'");
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('levels: categories by purchase spend, channels by purchase lines (before asOf, known customers)', () => {
    // Electronics 100 + 200 = 300 (o8 after asOf and o11 without customer left out); Books 30 + 50 + 40 + 70 = 190.
    // Channel lines: web L1, L2, L4, L7, L12 = 5; app L3, L11 = 2; store L6, L8 = 2 (tie: by name).
    expect(result.levels).toEqual({ categories: ['Electronics', 'Books'], channels: ['web', 'app'] });
  });

  it('RFM: recency, frequency, net monetary, average order value, basket size', () => {
    // c1 orders: o1 2023-12-20 10:00 (30 + 20, two lines), o2 2023-11-15 (50), o3 2023-08-01 (100); r1 = return of 20.
    expect(f.c1).toMatchObject({
      recency_days: 12, // 2023-12-20 → 2024-01-01 crosses 12 day boundaries
      frequency: 3, // o1, o2, o3 (the return r1 is not an order; the two lines of o1 are one order)
      monetary_total: 180, // 50 + 50 + 100 - 20
      monetary_avg: 60, // 180 / 3
    });
    expect(f.c1!.avg_items_per_order).toBeCloseTo(5 / 3, 12); // (1 + 2) + 1 + 1 items over 3 orders
    // c2: o4 2023-12-01 (200), o5 2023-06-20 (40), o6 2022-12-15 (60).
    expect(f.c2).toMatchObject({ recency_days: 31, frequency: 3, monetary_total: 300, monetary_avg: 100 }); // Dec 1 → Jan 1 = 31
    expect(f.c2!.avg_items_per_order).toBeCloseTo(4 / 3, 12); // 1 + 2 + 1
    // c3: o7 2023-09-30 (10), o9 2023-12-31 23:00 (15); o8 on 2024-01-05 is after asOf and ignored.
    expect(f.c3).toMatchObject({ recency_days: 1, frequency: 2, monetary_total: 25, monetary_avg: 12.5, avg_items_per_order: 1 });
    // c4 never bought.
    expect(f.c4).toMatchObject({ recency_days: null, frequency: 0, monetary_total: 0, monetary_avg: null, avg_items_per_order: null });
  });

  it('RFM scores: ntile(5) over the 3 buyers, ties share the lowest tile; named segments', () => {
    // recency desc: c2 (31) → 1, c1 (12) → 2, c3 (1) → 3.
    // frequency asc: c3 (2) → 1; c1 and c2 tie at 3 → tiles 2 and 3 → both get 2.
    // monetary asc: c3 (25) → 1, c1 (180) → 2, c2 (300) → 3.
    expect([f.c1!.r_score, f.c1!.f_score, f.c1!.m_score]).toEqual([2, 2, 2]);
    expect([f.c2!.r_score, f.c2!.f_score, f.c2!.m_score]).toEqual([1, 2, 3]);
    expect([f.c3!.r_score, f.c3!.f_score, f.c3!.m_score]).toEqual([3, 1, 1]);
    expect([f.c4!.r_score, f.c4!.f_score, f.c4!.m_score]).toEqual([null, null, null]);
    // FM = floor((F + M + 1) / 2): c1 (2+2+1)/2 → 2; c2 (2+3+1)/2 → 3; c3 (1+1+1)/2 → 1.
    expect(f.c1!.rfm_segment).toBe('Need attention'); // R 2, FM 2
    expect(f.c2!.rfm_segment).toBe('At risk'); // R 1, FM 3
    expect(f.c3!.rfm_segment).toBe('Promising'); // R 3, FM 1
    expect(f.c4!.rfm_segment).toBe('No purchase');
  });

  it('windows: orders and net spend in [asOf - d, asOf), sessions from events', () => {
    // Window starts: 30d 2023-12-02, 60d 2023-11-02, 90d 2023-10-03, 180d 2023-07-05, 365d 2023-01-01.
    // c1: o1 (12-20, 50) and return r1 (12-22, -20) in 30d; + o2 (11-15, 50) in 60/90d; + o3 (08-01, 100) in 180/365d.
    expect(f.c1).toMatchObject({ orders_30d: 1, spend_30d: 30, orders_60d: 2, spend_60d: 80, orders_90d: 2, spend_90d: 80, orders_180d: 3, spend_180d: 180, orders_365d: 3, spend_365d: 180 });
    // c2: o4 (12-01 08:00) is just before the 30d start; o5 (06-20) only in 365d; o6 (2022-12-15) in none.
    expect(f.c2).toMatchObject({ orders_30d: 0, spend_30d: 0, orders_60d: 1, spend_60d: 200, orders_90d: 1, spend_90d: 200, orders_180d: 1, spend_180d: 200, orders_365d: 2, spend_365d: 240 });
    // c3: o9 (12-31, 15) in all; o7 (09-30, 10) from 180d.
    expect(f.c3).toMatchObject({ orders_30d: 1, spend_30d: 15, orders_90d: 1, spend_90d: 15, orders_180d: 2, spend_180d: 25, orders_365d: 2, spend_365d: 25 });
    expect(f.c4).toMatchObject({ orders_30d: 0, spend_30d: 0, orders_365d: 0, spend_365d: 0 });
    // Sessions c1: 12-28 (30d), 11-20 (60d), 06-01 (365d), 2022-11-01 (none), 2024-01-02 (after asOf).
    expect(f.c1).toMatchObject({ sessions_30d: 1, sessions_60d: 2, sessions_90d: 2, sessions_180d: 2, sessions_365d: 3 });
    expect(f.c2).toMatchObject({ sessions_30d: 1, sessions_365d: 1 }); // 12-15
    expect(f.c3).toMatchObject({ sessions_30d: 0, sessions_365d: 0 });
    expect(f.c4).toMatchObject({ sessions_30d: 1, sessions_365d: 1 }); // 12-31
  });

  it('trend: (last 90d - prior 90d) / (|last| + |prior|)', () => {
    // Last = [2023-10-03, 2024-01-01), prior = [2023-07-05, 2023-10-03).
    expect(f.c1!.orders_trend).toBeCloseTo(1 / 3, 12); // last o1, o2 = 2; prior o3 = 1 → (2-1)/(2+1)
    expect(f.c1!.spend_trend).toBeCloseTo(-20 / 180, 12); // last 50 + 50 - 20 = 80; prior 100 → (80-100)/(80+100)
    expect(f.c2).toMatchObject({ orders_trend: 1, spend_trend: 1 }); // last o4 (1, 200); prior nothing
    expect(f.c3!.orders_trend).toBe(0); // last o9, prior o7 → (1-1)/2
    expect(f.c3!.spend_trend).toBeCloseTo(0.2, 12); // (15-10)/(15+10)
    expect(f.c4).toMatchObject({ orders_trend: 0, spend_trend: 0 }); // no activity at all
  });

  it('tenure (signup, else first order) and mean inter-purchase days', () => {
    expect(f.c1!.tenure_days).toBe(730); // 2022-01-01 → 2024-01-01 = 365 + 365
    expect(f.c2!.tenure_days).toBe(200); // 2023-06-15 → 2024-01-01: 16 (to July 1) + 31 + 31 + 30 + 31 + 30 + 31 = 200
    expect(f.c3!.tenure_days).toBe(93); // no signup date: first order 2023-09-30 → 1 + 31 + 30 + 31 = 93
    expect(f.c4!.tenure_days).toBe(92); // 2023-10-01 → 31 + 30 + 31
    expect(f.c1!.interpurchase_days).toBe(70.5); // 2023-08-01 → 2023-12-20 = 141 days over 2 gaps
    expect(f.c2!.interpurchase_days).toBe(175.5); // 2022-12-15 → 2023-12-01 = 351 days over 2 gaps
    expect(f.c3!.interpurchase_days).toBe(92); // 2023-09-30 → 2023-12-31 = 92 days over 1 gap
    expect(f.c4!.interpurchase_days).toBeNull(); // fewer than 2 orders
  });

  it('category shares of purchase spend (top 2 + other) and channel shares of orders (top 2 + other)', () => {
    // c1 purchase lines: Books 30 + 50, Toys 20, Electronics 100 = 200 (the -20 return is left out).
    expect(f.c1).toMatchObject({ cat_share_electronics: 0.5, cat_share_books: 0.4, cat_share_other: 0.1 });
    // c2: Electronics 200, Books 40, Garden 60 = 300.
    expect(f.c2!.cat_share_electronics).toBeCloseTo(200 / 300, 12);
    expect(f.c2!.cat_share_books).toBeCloseTo(40 / 300, 12);
    expect(f.c2!.cat_share_other).toBeCloseTo(60 / 300, 12);
    // c3: Toys 10 + Garden 15, neither in the top 2.
    expect(f.c3).toMatchObject({ cat_share_electronics: 0, cat_share_books: 0, cat_share_other: 1 });
    expect(f.c4).toMatchObject({ cat_share_electronics: null, cat_share_other: null });
    // c1 orders: o1 web, o2 app, o3 web. c2: o4 store, o5 web, o6 store. c3: o7 no channel, o9 app.
    expect(f.c1!.channel_share_web).toBeCloseTo(2 / 3, 12);
    expect(f.c1!.channel_share_app).toBeCloseTo(1 / 3, 12);
    expect(f.c1!.channel_share_other).toBe(0);
    expect(f.c2!.channel_share_web).toBeCloseTo(1 / 3, 12);
    expect(f.c2!.channel_share_app).toBe(0);
    expect(f.c2!.channel_share_other).toBeCloseTo(2 / 3, 12); // store, outside the top 2
    expect(f.c3).toMatchObject({ channel_share_web: 0, channel_share_app: 0.5, channel_share_other: 0.5 }); // NULL channel → other
    expect(f.c4).toMatchObject({ channel_share_web: null, channel_share_other: null });
  });

  it('discount share of orders', () => {
    expect(f.c1!.discount_share).toBeCloseTo(1 / 3, 12); // o2
    expect(f.c2!.discount_share).toBeCloseTo(1 / 3, 12); // o4
    expect(f.c3!.discount_share).toBe(0);
    expect(f.c4!.discount_share).toBeNull();
  });

  it('engagement over the last 365 days', () => {
    // c1: product views 12-28 x2 (the 2022 one is too old); carts 2, abandoned 1; e-mails 4 sent, 2 opened, 1 clicked.
    expect(f.c1).toMatchObject({ product_views_365d: 2, cart_abandonment_rate: 0.5, email_open_rate: 0.5, email_click_rate: 0.25 });
    expect(f.c1!.days_since_last_session).toBe(4); // 2023-12-28 (the 2024-01-02 session is after asOf)
    expect(f.c2).toMatchObject({ product_views_365d: 0, cart_abandonment_rate: null, email_open_rate: 0, email_click_rate: 0, days_since_last_session: 17 });
    expect(f.c3).toMatchObject({ product_views_365d: 0, cart_abandonment_rate: null, email_open_rate: null, days_since_last_session: null });
    expect(f.c4).toMatchObject({ product_views_365d: 1, cart_abandonment_rate: 1, email_open_rate: null, days_since_last_session: 1 });
  });

  it('demographics pass through typed; the target column passes through as the outcome, never a feature', () => {
    expect(f.c1).toMatchObject({ age: 34, gender: 'F', region: 'North', city: 'Oslo', income_band: '50-75k', device: 'mobile', acquisition_channel: 'search', email_opt_in: 1, loyalty_tier: 'gold', credit_score: 720 });
    expect(f.c2).toMatchObject({ email_opt_in: 0, loyalty_tier: 'silver' });
    expect(f.c3).toMatchObject({ age: null, income_band: null, email_opt_in: null });
    expect(result.skipped).toEqual([]);
    const byName = Object.fromEntries(result.columns.map((c) => [c.name, c]));
    // A boolean outcome becomes 1/0 with role 'outcome': the cluster stage, traits and rules leave it out.
    expect(byName.churned).toMatchObject({ role: 'outcome', unit: 'flag', group: 'demographics' });
    expect([f.c1!.churned, f.c2!.churned, f.c3!.churned]).toEqual([0, 1, 0]);
    expect(byName.age).toMatchObject({ role: 'numeric', unit: 'years', group: 'demographics' });
    expect(byName.gender).toMatchObject({ role: 'categorical' });
    expect(byName.email_opt_in).toMatchObject({ role: 'numeric', unit: 'flag' });
    expect(byName.rfm_segment).toMatchObject({ role: 'categorical', group: 'rfm' });
  });

  it('every column has a definition whose standalone SQL gives the same values', async () => {
    expect(result.features.map((d) => d.name)).toEqual(result.columns.slice(1).map((c) => c.name));
    for (const def of result.features) {
      expect(def.description.length).toBeGreaterThan(10);
      const alone = await session.all(def.sql);
      const full = await session.all(`SELECT customer_id, ${def.name} FROM features ORDER BY customer_id`);
      expect(alone, def.name).toEqual(full);
    }
  });

  it('readFeatureTable returns typed columns (NULL → NaN) in customer_id order', async () => {
    const t = await readFeatureTable(session, ['recency_days', 'monetary_total', 'rfm_segment', 'email_opt_in']);
    expect(t.rowCount).toBe(4);
    expect(t.ids).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(t.names).toEqual(['recency_days', 'monetary_total', 'rfm_segment', 'email_opt_in']);
    expect(t.numeric.recency_days).toBeInstanceOf(Float64Array);
    expect(Array.from(t.numeric.recency_days!)).toEqual([12, 31, 1, NaN]);
    expect(Array.from(t.numeric.monetary_total!)).toEqual([180, 300, 25, 0]);
    expect(Array.from(t.numeric.email_opt_in!)).toEqual([1, 0, NaN, 1]);
    expect(t.categorical.rfm_segment).toEqual(['Need attention', 'At risk', 'Promising', 'No purchase']);
    const all = await readFeatureTable(session);
    expect(all.names.length).toBe(result.columns.length - 1);
    expect(Object.keys(all.categorical).sort()).toEqual(['acquisition_channel', 'city', 'device', 'gender', 'income_band', 'loyalty_tier', 'region', 'rfm_segment']);
    await expect(readFeatureTable(session, ['nope'])).rejects.toThrow(/Unknown feature column\(s\) "nope"/);
  });
});

describe('time is an input', () => {
  beforeEach(() => createFixture(session));

  it('a later asOf sees the order of 2024-01-05; an asOf on that day excludes it (asOf is the day\'s 00:00 UTC)', async () => {
    await computeFeatures(session, CONFIG, '2024-01-06', ROLES);
    let f = await rowsById();
    expect(f.c3).toMatchObject({ frequency: 3, monetary_total: 1024, recency_days: 1 }); // + o8 (999) on 2024-01-05 10:00
    await computeFeatures(session, CONFIG, '2024-01-05', ROLES);
    f = await rowsById();
    expect(f.c3).toMatchObject({ frequency: 2, monetary_total: 25 }); // o8 on asOf's day is left out
    // A time of day is refused (it was taken as an instant here and cut to its date elsewhere); midnight is the date.
    await expect(computeFeatures(session, CONFIG, '2023-12-31 23:00:00', ROLES)).rejects.toThrow(/Invalid asOf: got "2023-12-31 23:00:00", a date has no time of day/);
    expect((await computeFeatures(session, CONFIG, '2024-01-05T00:00:00', ROLES)).asOf).toBe('2024-01-05T00:00:00.000Z');
  });

  it('accepts a Date and rejects malformed dates', async () => {
    const r = await computeFeatures(session, CONFIG, new Date(Date.UTC(2024, 0, 1)), ROLES);
    expect(r.asOf).toBe('2024-01-01T00:00:00.000Z');
    await expect(computeFeatures(session, CONFIG, '2024-13-01')).rejects.toThrow(UsageError);
    await expect(computeFeatures(session, CONFIG, 'yesterday')).rejects.toThrow(/Invalid asOf: got "yesterday"/);
    await expect(computeFeatures(session, CONFIG, new Date(Date.UTC(2024, 0, 1, 12)))).rejects.toThrow(/Invalid asOf: got 2024-01-01T12:00:00.000Z, a date has no time of day/);
  });
});

describe('partial data: groups are skipped with reasons', () => {
  it('customers only: demographics and tenure from signup_date', async () => {
    await createFixture(session, { transactions: false, events: false });
    const r = await computeFeatures(session, {}, AS_OF, ROLES);
    expect(r.rowCount).toBe(4);
    const groups = new Set(r.features.map((d) => d.group));
    expect([...groups]).toEqual(['tenure', 'demographics']);
    const skipped = new Set(r.skipped.map((s) => s.group));
    for (const g of ['rfm', 'windows', 'trend', 'interpurchase', 'categoryShares', 'channelShares', 'discount', 'engagement']) expect(skipped.has(g as never), g).toBe(true);
    expect(r.skipped.find((s) => s.group === 'rfm')!.reason).toBe('no transactions table');
    const f = await rowsById();
    expect(f.c3!.tenure_days).toBeNull(); // no signup date and no transactions to fall back on
    expect(f.c1!.tenure_days).toBe(730);
  });

  it('customers only without signup_date (like Telco): only demographics', async () => {
    await createFixture(session, { transactions: false, events: false });
    await session.run('ALTER TABLE customers DROP COLUMN signup_date');
    const r = await computeFeatures(session, {}, AS_OF, ROLES);
    expect(r.rowCount).toBe(5); // without signup dates nobody is left out
    expect(new Set(r.features.map((d) => d.group))).toEqual(new Set(['demographics']));
    expect(r.skipped.find((s) => s.group === 'tenure')!.reason).toMatch(/signup_date or a transactions table/);
  });

  it('transactions only (like Online Retail without events): base = buyers before asOf', async () => {
    await createFixture(session, { customers: false, events: false });
    await session.run('ALTER TABLE transactions DROP COLUMN discount_used');
    const r = await computeFeatures(session, CONFIG, AS_OF);
    const f = await rowsById();
    expect(Object.keys(f).sort()).toEqual(['c1', 'c2', 'c3', 'c5']); // c5 bought on 2023-12-30; no signup filter without customers
    expect(f.c3!.tenure_days).toBe(93); // from the first order
    expect(f.c1!.tenure_days).toBe(153); // first order 2023-08-01 → 2023-12-20 is 141 days, + 12 to 2024-01-01
    expect(f.c1).toMatchObject({ frequency: 3, monetary_total: 180, recency_days: 12 });
    // 4 buyers now: recency desc c2 31 → 1, c1 12 → 2, c5 2 → 3, c3 1 → 4.
    expect(f.c3!.r_score).toBe(4);
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.group + (s.column ? `.${s.column}` : ''), s.reason]));
    expect(reasons).toMatchObject({
      discount: 'transactions has no discount_used column',
      engagement: 'no events table',
      demographics: 'no customers table',
      windows: 'no events table: sessions_{d}d not computed',
    });
    expect(r.columns.some((c) => c.name === 'sessions_30d')).toBe(false);
    expect(r.columns.some((c) => c.name === 'orders_30d')).toBe(true);
  });

  it('without order_id every line is an order; without is_return a negative amount is a return', async () => {
    await createFixture(session, { events: false });
    await session.run('ALTER TABLE transactions DROP COLUMN order_id');
    await session.run('ALTER TABLE transactions DROP COLUMN is_return');
    await computeFeatures(session, CONFIG, AS_OF, ROLES);
    const f = await rowsById();
    // c1: the two lines of o1 are now two orders: 4 orders; the -20 line is still a return.
    expect(f.c1).toMatchObject({ frequency: 4, monetary_total: 180, monetary_avg: 45 });
  });

  it('include / exclude choose groups and report the others', async () => {
    await createFixture(session);
    const r = await computeFeatures(session, { include: ['rfm', 'trend'], exclude: ['trend'] }, AS_OF, ROLES);
    expect(new Set(r.features.map((d) => d.group))).toEqual(new Set(['rfm']));
    expect(r.skipped.find((s) => s.group === 'trend')!.reason).toBe('excluded by features.exclude');
    expect(r.skipped.find((s) => s.group === 'windows')!.reason).toBe('not listed in features.include');
    expect(r.skipped.filter((s) => !s.column).map((s) => s.group).sort()).toEqual(FEATURE_GROUPS.filter((g) => g !== 'rfm').sort());
  });

  it('rfmBins other than 5 gives scores 1..n and no named segment', async () => {
    await createFixture(session);
    const r = await computeFeatures(session, { rfmBins: 3, include: ['rfm'] }, AS_OF, ROLES);
    expect(r.columns.some((c) => c.name === 'rfm_segment')).toBe(false);
    expect(r.skipped).toContainEqual({ group: 'rfm', column: 'rfm_segment', reason: 'the named segment map needs 5 bins, rfmBins is 3' });
    const f = await rowsById();
    expect([f.c1!.r_score, f.c2!.r_score, f.c3!.r_score]).toEqual([2, 1, 3]); // ntile(3) over 3 buyers
  });
});

describe('validation', () => {
  it('rejects duplicate customer ids, naming them', async () => {
    await createFixture(session, { transactions: false, events: false });
    await session.run(`INSERT INTO customers (customer_id) VALUES ('c2')`);
    const err = await computeFeatures(session, {}, AS_OF).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/"c2" \(2 rows\)/);
  });

  it('rejects a config with unknown keys or bad values, naming the field', () => {
    expect(() => parseFeatureConfig({ windows: [30, 30] })).toThrow(/features\.windows/);
    expect(() => parseFeatureConfig({ windwos: [30] })).toThrow(/allowed keys/);
    expect(() => parseFeatureConfig({ include: ['rfm', 'colour'] })).toThrow(/feature groups: rfm/);
    expect(parseFeatureConfig(undefined)).toMatchObject({ windows: [30, 60, 90, 180, 365], trendDays: 90, rfmBins: 5, topCategories: 8, exclude: [] });
  });

  it('planFeatures needs a base table and the required columns', () => {
    expect(() => planFeatures({ events: [{ name: 'customer_id', role: 'id' }, { name: 'ts', role: 'timestamp' }, { name: 'event_type', role: 'categorical' }] }, {}, AS_OF)).toThrow(
      /customers or a transactions table/,
    );
    const err = (() => {
      try {
        planFeatures({ transactions: [{ name: 'customer_id', role: 'id' }, { name: 'ts', role: 'timestamp' }] }, {}, AS_OF);
      } catch (e) {
        return e;
      }
    })() as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.problems[0]).toMatchObject({ check: 'missing-column', location: { column: 'amount', field: 'transactions' } });
  });

  it('planFeatures without levels skips share groups and says how to get them', () => {
    const plan = planFeatures(
      {
        transactions: ['order_id', 'customer_id', 'ts', 'amount', 'category', 'channel'].map((name) => ({ name, role: 'numeric' as const })),
      },
      {},
      AS_OF,
    );
    expect(plan.skipped.find((s) => s.group === 'categoryShares')!.reason).toMatch(/available\.levels\.categories/);
    expect(plan.sql.startsWith('WITH\nbase AS (')).toBe(true);
    expect(plan.sql).not.toMatch(/now\(\)|current_date|current_timestamp/i);
  });
});

describe('roles from the loader', () => {
  it('roleHintsFrom reads AvailableData and { tables } shapes', () => {
    expect(roleHintsFrom({ customers: [{ name: 'Churn', role: 'target' }] })).toEqual({ customers: { Churn: 'target' } });
    expect(roleHintsFrom({ tables: { customers: { columns: [{ name: 'Churn', role: 'target', type: 'VARCHAR' }] } } })).toEqual({ customers: { Churn: 'target' } });
    expect(roleHintsFrom({ tables: [{ table: 'customers', columns: [{ name: 'Churn', role: 'target' }] }] })).toEqual({ customers: { Churn: 'target' } });
    expect(roleHintsFrom(undefined)).toEqual({});
    expect(roleHintsFrom({ tables: [{ table: 'nope', columns: [] }] })).toEqual({});
  });

  it('inspectAvailable infers roles of extra columns from DuckDB types unless hinted', async () => {
    await createFixture(session, { transactions: false, events: false });
    const plain = await inspectAvailable(session);
    expect(plain.customers!.find((c) => c.name === 'churned')).toEqual({ name: 'churned', role: 'boolean', type: 'BOOLEAN' });
    expect(plain.customers!.find((c) => c.name === 'credit_score')!.role).toBe('numeric');
    expect(plain.customers!.find((c) => c.name === 'loyalty_tier')!.role).toBe('categorical');
    const hinted = await inspectAvailable(session, roleHintsFrom(ROLES));
    expect(hinted.customers!.find((c) => c.name === 'churned')!.role).toBe('target');
    expect(plain.transactions).toBeUndefined();
  });
});
