import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { profileTables } from '../../src/data/profileTables';
import { CONFIGS, exampleDataConfig } from './helpers';

// The reference numbers are those of /work/shared/datasets/README.md.
describe('loading the real datasets through the committed configs', () => {
  let session: DuckSession;
  beforeEach(async () => {
    session = await DuckSession.open();
  });
  afterEach(() => session.close());

  it('UCI Online Retail: 541,909 rows, 406,829 with a customer, 4,372 customers', async () => {
    const { doc, data } = exampleDataConfig('online-retail', 'online_retail_uci_2010_2011.csv.gz');
    expect(doc.asOf).toBe('2011-12-10');
    const t0 = performance.now();
    const load = await loadTables(session, data, { baseDir: CONFIGS, env: {} });
    const ms = performance.now() - t0;
    console.log(`online retail loaded in ${(ms / 1000).toFixed(2)} s`);

    expect(load.absent).toEqual(['customers', 'events']);
    expect(load.tables).toHaveLength(1);
    const t = load.tables[0]!;
    expect(t.table).toBe('transactions');
    expect(t.format).toBe('csv');
    expect(t.compressed).toBe(true);
    expect(t.sha256).toBe('737745256ddb4410bfe4e29f2dcb72329b7486e584837f1e84f9a07416cf7d45');
    expect(t.rawRows).toBe(541_909);
    expect(t.loadedRows).toBe(406_829);
    expect(t.excluded).toEqual([{ reason: 'missing-customer-id', count: 135_080, sampleRows: expect.any(Array) }]);
    const missing = load.warnings.find((w) => w.check === 'missing-customer-id')!;
    expect(missing.count).toBe(135_080);
    expect(missing.location?.column).toBe('CustomerID');

    const s = await session.one(
      `SELECT count(*) AS n, count(DISTINCT customer_id) AS customers, min(ts)::VARCHAR AS first, max(ts)::VARCHAR AS last,
              count(*) FILTER (WHERE is_return) AS returns, count(*) FILTER (WHERE customer_id LIKE '%.%') AS float_ids
       FROM transactions`,
    );
    expect(s).toMatchObject({ n: 406_829, customers: 4_372, first: '2010-12-01 08:26:00', last: '2011-12-09 12:50:00', float_ids: 0 });
    // Cancellations among the rows with a customer (all 9,288 are checked below).
    expect(Number(s!.returns)).toBeGreaterThan(8_000);
    const first = await session.one(`SELECT * FROM transactions LIMIT 1`);
    expect(first).toMatchObject({ order_id: '536365', customer_id: '17850', items: 6, stock_code: '85123A', country: 'United Kingdom' });
    expect(first!.amount as number).toBeCloseTo(15.3, 10);

    const p0 = performance.now();
    const profile = await profileTables(session, load, { asOf: String(doc.asOf) });
    console.log(`online retail profiled in ${((performance.now() - p0) / 1000).toFixed(2)} s`);
    const tp = profile.tables[0]!;
    expect(tp.rows).toBe(406_829);
    expect(tp.dates).toEqual({ column: 'ts', min: '2010-12-01 08:26:00', max: '2011-12-09 12:50:00', future: 0 });
    expect(tp.columns.find((c) => c.name === 'customer_id')).toMatchObject({ distinct: 4_372, missing: 0 });
    expect(tp.amounts!.returns!.count).toBe(s!.returns);

    // One count of repeated rows, and it says what it counts: the warning used to count 5,268 over all
    // 541,909 source rows (43 of them among the rows left out) and the profile 5,225 over the loaded ones.
    const dup = load.warnings.find((w) => w.check === 'duplicate-rows')!;
    expect(dup.count).toBe(5_225);
    expect(tp.duplicateRows.count).toBe(5_225);
    expect(dup.sampleRows).toEqual(tp.duplicateRows.sampleRows);
    expect(dup.message).toContain('of the 406,829 loaded rows');
  });

  it('UCI Online Retail with every row kept: 9,288 cancellations, Quantity × UnitPrice = 9,747,747.93', async () => {
    const { data } = exampleDataConfig('online-retail', 'online_retail_uci_2010_2011.csv.gz');
    // Keep the rows without a customer under one placeholder id to check the README's whole-file totals.
    data.transactions!.columns = { ...data.transactions!.columns, customer_id: { sql: `coalesce("CustomerID", 'none')` } };
    const load = await loadTables(session, data, { baseDir: CONFIGS, env: {} });
    expect(load.tables[0]!.loadedRows).toBe(541_909);
    const s = await session.one(
      `SELECT count(*) FILTER (WHERE is_return) AS cancellations, sum(amount) AS total, sum(items) AS quantity,
              count(DISTINCT order_id) AS invoices FROM transactions`,
    );
    expect(s!.cancellations).toBe(9_288);
    expect(s!.quantity).toBe(5_176_450);
    expect(s!.invoices).toBe(25_900);
    expect(Math.round((s!.total as number) * 100) / 100).toBe(9_747_747.93);
  });

  it('CDNOW master: 69,659 rows, 23,570 customers, $2,500,315.63', async () => {
    const { doc, data } = exampleDataConfig('cdnow', 'CDNOW_master.txt.gz');
    expect(doc.asOf).toBe('1998-07-01');
    const t0 = performance.now();
    const load = await loadTables(session, data, { baseDir: CONFIGS, env: {} });
    console.log(`CDNOW loaded in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    const t = load.tables[0]!;
    expect(t.format).toBe('whitespace');
    expect(t.sourceColumns).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    expect(t.rawRows).toBe(69_659);
    expect(t.loadedRows).toBe(69_659);
    expect(t.excluded).toEqual([]);
    expect(load.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    const s = await session.one(
      `SELECT count(DISTINCT customer_id) AS customers, sum(amount) AS total, sum(items) AS cds,
              min(ts)::DATE::VARCHAR AS first, max(ts)::DATE::VARCHAR AS last,
              count(DISTINCT order_id) AS orders, count(*) FILTER (WHERE is_return) AS returns FROM transactions`,
    );
    expect(s).toMatchObject({ customers: 23_570, cds: 167_881, first: '1997-01-01', last: '1998-06-30', orders: 69_659, returns: 0 });
    expect(Math.round((s!.total as number) * 100) / 100).toBe(2_500_315.63);
    expect(await session.one(`SELECT customer_id FROM transactions LIMIT 1`)).toEqual({ customer_id: '00001' });
  });

  it('Telco churn: 7,043 customers, 11 missing TotalCharges, churn as a boolean target', async () => {
    const { data } = exampleDataConfig('telco', 'Telco-Customer-Churn.csv.gz');
    const load = await loadTables(session, data, { baseDir: CONFIGS, env: {} });
    expect(load.absent).toEqual(['transactions', 'events']);
    const t = load.tables[0]!;
    expect(t.table).toBe('customers');
    expect(t.rawRows).toBe(7_043);
    expect(t.loadedRows).toBe(7_043);
    const col = (name: string) => t.columns.find((c) => c.name === name);
    expect(col('churn')).toMatchObject({ role: 'target', type: 'BOOLEAN', roleSource: 'config', source: 'Churn' });
    expect(col('total_charges')).toMatchObject({ role: 'numeric', type: 'DOUBLE' });
    // A 0/1 column is a flag.
    expect(col('senior_citizen')).toMatchObject({ role: 'boolean', type: 'BOOLEAN', roleSource: 'inferred', source: 'SeniorCitizen' });
    expect(col('partner')).toMatchObject({ role: 'boolean', type: 'BOOLEAN', roleSource: 'inferred' });
    expect(col('payment_method')).toMatchObject({ role: 'categorical', type: 'VARCHAR' });
    expect(col('signup_date')).toMatchObject({ provided: false });
    // Every one of the 21 source columns is in the table exactly once.
    expect(t.columns.filter((c) => c.provided)).toHaveLength(21);
    const s = await session.one(
      `SELECT count(*) AS n, count(DISTINCT customer_id) AS ids, count(*) FILTER (WHERE total_charges IS NULL) AS no_total,
              count(*) FILTER (WHERE total_charges IS NULL AND tenure = 0) AS no_total_tenure0,
              count(*) FILTER (WHERE churn) AS churned, count(*) FILTER (WHERE senior_citizen) AS seniors,
              count(*) FILTER (WHERE contract = 'Month-to-month') AS monthly, avg(tenure) AS tenure, avg(monthly_charges) AS charges
       FROM customers`,
    );
    expect(s).toMatchObject({ n: 7_043, ids: 7_043, no_total: 11, no_total_tenure0: 11, churned: 1_869, seniors: 1_142, monthly: 3_875 });
    expect(s!.tenure as number).toBeCloseTo(32.3711, 4);
    expect(s!.charges as number).toBeCloseTo(64.7617, 4);
    // " " was declared missing, so it is not an unparseable value.
    expect(load.warnings.map((w) => w.check)).not.toContain('unparseable-values');
  });

  it('Bank marketing: 45,211 rows, generated ids, 5,289 y = yes', async () => {
    const { data } = exampleDataConfig('bank-marketing', 'bank-full.csv.gz');
    const load = await loadTables(session, data, { baseDir: CONFIGS, env: {} });
    const t = load.tables[0]!;
    expect(t.rawRows).toBe(45_211);
    expect(t.loadedRows).toBe(45_211);
    expect(t.columns.find((c) => c.name === 'customer_id')).toMatchObject({ origin: 'sql' });
    expect(t.columns.find((c) => c.name === 'age')).toMatchObject({ canonical: true, source: 'age' });
    expect(t.columns.find((c) => c.name === 'y')).toMatchObject({ role: 'target', type: 'BOOLEAN' });
    const s = await session.one(
      `SELECT count(*) AS n, count(DISTINCT customer_id) AS ids, count(*) FILTER (WHERE y) AS yes,
              min(customer_id) AS first, max(customer_id) AS last, count(*) FILTER (WHERE pdays IS NULL) AS never FROM customers`,
    );
    expect(s).toMatchObject({ n: 45_211, ids: 45_211, yes: 5_289, first: 'bank-00001', last: 'bank-45211' });
    // pdays = -1 ("never contacted") is read as missing (missingValues in the config).
    expect(Number(s!.never)).toBe(36_954);
    expect(load.warnings.filter((w) => w.check === 'duplicate-customer-id')).toEqual([]);
  });
});
