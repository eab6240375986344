import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CUSTOMERS_SCHEMA, EVENT_TYPES, EVENTS_SCHEMA, TRANSACTIONS_SCHEMA } from '../../src/data/schema';
import { SEGMENTS } from '../../src/synth/segments';
import { writeSynthetic, type SynthSummary } from '../../src/synth/writeSynthetic';
import { cleanup, dayOf, generate, labelsOf, readTable, tempDir } from './helpers';

afterAll(cleanup);

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
  return out;
}

describe('writeSynthetic', () => {
  it('same params give byte-identical files, another seed gives different ones', async () => {
    const params = { customers: 400, seed: 11, compress: true };
    const a = tempDir(), b = tempDir(), c = tempDir();
    await writeSynthetic(params, a);
    await writeSynthetic(params, b);
    await writeSynthetic({ ...params, seed: 12 }, c);
    const ha = hashes(a);
    expect(Object.keys(ha)).toEqual(['customers.csv.gz', 'events.csv.gz', 'ground_truth.csv.gz', 'synth.json', 'transactions.csv.gz']);
    expect(hashes(b)).toEqual(ha);
    const hc = hashes(c);
    for (const f of ['customers.csv.gz', 'transactions.csv.gz', 'events.csv.gz', 'ground_truth.csv.gz']) expect(hc[f]).not.toBe(ha[f]);
  });

  it('writes the canonical columns, plausible values and a consistent synth.json', async () => {
    const g = await generate({ customers: 600, seed: 5 });
    expect(g.transactions.header).toEqual(TRANSACTIONS_SCHEMA.columns.map((c) => c.name));
    expect(g.events!.header).toEqual(EVENTS_SCHEMA.columns.map((c) => c.name));
    expect(g.customers.header.slice(0, CUSTOMERS_SCHEMA.columns.length)).toEqual(CUSTOMERS_SCHEMA.columns.map((c) => c.name));
    expect(g.customers.header.slice(CUSTOMERS_SCHEMA.columns.length)).toEqual(['interests', 'price_sensitivity', 'eco_consciousness']);
    expect(g.truth.header).toEqual(['customer_id', 'quarter', 'latent_segment', 'churned']);
    for (const t of [g.customers, g.transactions, g.events!, g.truth]) {
      expect(t.rows.filter((r) => r.length !== t.header.length)).toEqual([]);
    }

    const s = g.summary;
    expect(s.rowCounts).toEqual({ customers: 600, transactions: g.transactions.rows.length, events: g.events!.rows.length, ground_truth: g.truth.rows.length });
    expect(s.quarters.map((q) => [q.quarter, q.start, q.end, q.asOf, q.drift])).toEqual([
      ['2026-Q1', '2026-01-01', '2026-03-31', '2026-04-01', false],
      ['2026-Q2', '2026-04-01', '2026-06-30', '2026-07-01', true],
    ]);
    expect(s.dateRange).toMatchObject({ start: '2024-01-01', end: '2026-06-30', endExclusive: '2026-07-01', eventsFrom: '2025-10-01' });
    expect(JSON.parse(readFileSync(join(g.dir, 'synth.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(s)));

    // Ids: pseudonymous customers, unique orders and sessions.
    const ids = g.customers.rows.map((r) => r[0]!);
    expect(new Set(ids).size).toBe(600);
    expect(ids.filter((id) => !/^C\d{6}$/.test(id))).toEqual([]);
    const orderIds = g.transactions.rows.map((r) => r[0]!);
    expect(new Set(orderIds).size).toBe(orderIds.length);
    expect(orderIds.filter((id) => !/^[OR][0-9A-F]{8}$/.test(id))).toEqual([]);
    const known = new Set(ids);
    expect(g.transactions.rows.filter((r) => !known.has(r[1]!))).toEqual([]);

    // Transactions within the history; returns negative and pointing at an earlier order of the same customer.
    const T = g.transactions;
    const [ts, amount, items, isReturn, orderId, cust] = ['ts', 'amount', 'items', 'is_return', 'order_id', 'customer_id'].map((c) => T.col(c)) as number[];
    const orders = new Map(T.rows.filter((r) => r[isReturn!] === 'false').map((r) => [r[orderId!]!.slice(1), r]));
    const bad = T.rows.filter((r) => {
      if (!(r[ts!]! >= '2024-01-01 00:00:00' && r[ts!]! < '2026-07-01') || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(r[ts!]!)) return true;
      if (r[isReturn!] === 'false') return !(Number(r[amount!]) > 0 && Number(r[items!]) >= 1);
      const original = orders.get(r[orderId!]!.slice(1));
      return !(Number(r[amount!]) < 0 && Number(r[items!]) < 0 && original && original[cust!] === r[cust!] && dayOf(r[ts!]!) - dayOf(original[ts!]!) >= 2);
    });
    expect(bad.slice(0, 5)).toEqual([]);
    const returnShare = T.rows.filter((r) => r[isReturn!] === 'true').length / T.rows.length;
    expect(returnShare).toBeGreaterThan(0.02);
    expect(returnShare).toBeLessThan(0.12);

    // Events: known types, inside the events window, sorted per customer.
    const E = g.events!;
    const types = new Set(E.rows.map((r) => r[2]));
    expect([...types].sort()).toEqual([...EVENT_TYPES].sort());
    const unordered = E.rows.filter((r, i) => !(r[1]! >= '2025-10-01' && r[1]! < '2026-07-01') || (i > 0 && E.rows[i - 1]![0] === r[0] && E.rows[i - 1]![1]! > r[1]!));
    expect(unordered.slice(0, 5)).toEqual([]);
  });

  it('keeps the ground truth out of the customers file', async () => {
    const g = await generate({ customers: 300, seed: 9, events: false });
    expect(g.customers.header.some((h) => /segment|churn|latent/i.test(h))).toBe(false);
    const values = new Set(g.customers.rows.flat());
    for (const s of SEGMENTS) expect(values.has(s)).toBe(false);
    expect(g.events).toBeNull();
    expect(readdirSync(g.dir).sort()).toEqual(['customers.csv', 'ground_truth.csv', 'synth.json', 'transactions.csv']);
  });

  it('leaves no temporary files and replaces an earlier synth output of the other format', async () => {
    const dir = tempDir();
    await writeSynthetic({ customers: 50, seed: 1 }, dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    await writeSynthetic({ customers: 50, seed: 1, compress: true, events: false }, dir);
    expect(readdirSync(dir).sort()).toEqual(['customers.csv.gz', 'ground_truth.csv.gz', 'notes.txt', 'synth.json', 'transactions.csv.gz']);
    expect(readTable(dir, 'customers').rows.length).toBe(50);
  });

  it('honours segmentMix: first-quarter counts by largest remainder, shares documented in synth.json', async () => {
    // 1,000 customers, 80 sign up in 2026-Q2, so 920 exist at the end of 2026-Q1. Completed mix (see
    // synthParams.test.ts) × 920: vip 18.4, loyal 166.75, promo 150.075, new 100.05, at risk 116.725,
    // lapsed 322, window 46 → floors sum to 918; the 2 left go to the largest remainders (loyal, at risk).
    const segmentMix = { window_shopper: 0.05, lapsed: 0.35, vip_ambassador: 0.02 };
    const g = await generate({ customers: 1000, seed: 4, events: false, segmentMix });
    const expected = { vip_ambassador: 18, loyal_regular: 167, promo_hunter: 150, new_promising: 100, at_risk: 117, lapsed: 322, window_shopper: 46 };
    const q1 = g.summary.quarters[0]!;
    expect(q1.customers).toBe(920);
    expect(q1.segmentCounts).toEqual(expected);
    const fromTruth = Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as Record<string, number>;
    for (const s of labelsOf(g, '2026-Q1').values()) fromTruth[s]!++;
    expect(fromTruth).toEqual(expected);

    const written = JSON.parse(readFileSync(join(g.dir, 'synth.json'), 'utf8')) as SynthSummary;
    const used = { vip_ambassador: 0.02, loyal_regular: 0.18125, promo_hunter: 0.163125, new_promising: 0.10875, at_risk: 0.126875, lapsed: 0.35, window_shopper: 0.05 };
    expect(written.params.segmentMix).toEqual(used);
    expect(Object.fromEntries(SEGMENTS.map((s) => [s, written.segments[s].share]))).toEqual(used);

    // A full mix, hand-computed the same way: × 920 = 46, 92, 239.2, 73.6, 110.4, 276, 82.8.
    const full = { vip_ambassador: 0.05, loyal_regular: 0.1, promo_hunter: 0.26, new_promising: 0.08, at_risk: 0.12, lapsed: 0.3, window_shopper: 0.09 };
    const f = await writeSynthetic({ customers: 1000, seed: 4, events: false, segmentMix: full }, tempDir());
    expect(f.quarters[0]!.segmentCounts).toEqual({ vip_ambassador: 46, loyal_regular: 92, promo_hunter: 239, new_promising: 74, at_risk: 110, lapsed: 276, window_shopper: 83 });
  });

  it('same mix in another key order gives byte-identical files; another mix changes them', async () => {
    const params = { customers: 300, seed: 11, compress: true };
    const a = tempDir(), b = tempDir(), c = tempDir();
    await writeSynthetic({ ...params, segmentMix: { lapsed: 0.3, promo_hunter: 0.25 } }, a);
    await writeSynthetic({ ...params, segmentMix: { promo_hunter: 0.25, lapsed: 0.3 } }, b);
    await writeSynthetic({ ...params, segmentMix: { lapsed: 0.3, promo_hunter: 0.2 } }, c);
    expect(hashes(b)).toEqual(hashes(a));
    expect(hashes(c)['ground_truth.csv.gz']).not.toBe(hashes(a)['ground_truth.csv.gz']);
  });

  it('the default mix still writes data/sample (seglab synth --customers 3000 --seed 42) byte for byte', async () => {
    const dir = tempDir();
    await writeSynthetic({ customers: 3000, seed: 42, compress: true }, dir);
    const sample = join(__dirname, '..', '..', 'data', 'sample');
    expect(readdirSync(dir).sort()).toEqual(readdirSync(sample).sort());
    expect(readFileSync(join(dir, 'synth.json'), 'utf8')).toBe(readFileSync(join(sample, 'synth.json'), 'utf8'));
    // The CSV bytes inside the .gz files: the gzip stream itself may change with Node's zlib, the data may not.
    for (const f of ['customers', 'transactions', 'events', 'ground_truth']) {
      const csv = (d: string) => createHash('sha256').update(gunzipSync(readFileSync(join(d, `${f}.csv.gz`)))).digest('hex');
      expect(csv(dir), f).toBe(csv(sample));
    }
  }, 120_000);

  it('calibrates the order rate to transactionsPerCustomer', async () => {
    const g = await generate({ customers: 3000, seed: 3, events: false, transactionsPerCustomer: 6 });
    const perCustomer = g.transactions.rows.length / 3000;
    expect(Math.abs(perCustomer - 6) / 6).toBeLessThan(0.05);
    expect(g.summary.calibration.orderRateScale).toBeLessThan(1);
    expect(g.summary.calibration.actualTransactionsPerCustomer).toBeCloseTo(perCustomer, 3);
  });
});
