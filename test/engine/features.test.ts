import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { DuckSession, type Row } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import type { ClickHouseEngine } from '../../src/engine/ClickHouseEngine';
import { uploadToClickHouse } from '../../src/engine/uploadToClickHouse';
import { computeClickHouseFeatures } from '../../src/features/computeClickHouseFeatures';
import { computeFeatures } from '../../src/features/computeFeatures';
import { inspectAvailable, roleHintsFrom } from '../../src/features/AvailableData';
import type { FeatureConfigInput } from '../../src/features/FeatureConfig';
import { createFixture } from '../features/fixture';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { HAVE_CDNOW_MASTER, loadCdnowMaster } from '../clv/cdnow';
import { DATASETS } from '../datasets';
import { existsSync } from 'node:fs';
import { SKIP_CLICKHOUSE, SKIP_REASON, startClickHouse } from './clickhouse';

const sample = join(__dirname, '..', '..', 'data', 'sample');

/**
 * Every column of every customer: strings and NULLs equal, numbers equal to 1e-9 relative (the sums are
 * exact decimals on both sides, so they come out equal digit for digit anyway; see `exact` below).
 */
function differences(duck: Row[], ch: Row[], columns: string[]): string[] {
  const out: string[] = [];
  if (duck.length !== ch.length) out.push(`rows: DuckDB ${duck.length}, ClickHouse ${ch.length}`);
  for (let i = 0; i < Math.min(duck.length, ch.length); i++) {
    for (const c of columns) {
      const a = duck[i]![c] ?? null;
      const b = ch[i]![c] ?? null;
      const same = typeof a === 'number' && typeof b === 'number' ? a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) : a === b;
      if (!same) out.push(`${String(duck[i]!.customer_id)} ${c}: DuckDB ${JSON.stringify(a)}, ClickHouse ${JSON.stringify(b)}`);
    }
  }
  return out;
}

/** The session's tables through DuckDB and, uploaded, through the cluster: both feature tables, ordered by customer_id. */
async function bothWays(session: DuckSession, engine: ClickHouseEngine, config: FeatureConfigInput, asOf: string, load?: object) {
  const duckResult = await computeFeatures(session, config, asOf, load);
  const duck = await session.all('SELECT * FROM features ORDER BY customer_id');
  await session.run('DROP TABLE features');
  const upload = await uploadToClickHouse(session, engine);
  const available = { ...(await inspectAvailable(session, roleHintsFrom(load))), levels: duckResult.levels };
  const ch = await computeClickHouseFeatures(engine, available, config, asOf);
  const columns = duckResult.columns.map((c) => c.name);
  expect(ch.plan.columns.map((c) => c.name)).toEqual(columns);
  expect(Object.keys(ch.rows[0]!)).toEqual(columns);
  return { duck, ch: ch.rows, columns, upload, skipped: duckResult.skipped };
}

describe.skipIf(SKIP_CLICKHOUSE)(`the feature table on a two-shard ClickHouse cluster equals DuckDB's${SKIP_CLICKHOUSE ? ` (${SKIP_REASON})` : ''}`, () => {
  let engine: ClickHouseEngine;
  let session: DuckSession;
  beforeAll(async () => {
    engine = await startClickHouse('seglab_test_features');
    session = await DuckSession.open({ threads: 2 });
  }, 120_000);
  afterAll(async () => {
    session?.close();
    await engine?.close();
  });

  it('the committed sample (3,000 customers): every column of every customer, sums digit for digit', async () => {
    const load = await loadTables(
      session,
      { customers: { path: 'customers.csv.gz', keepUnmapped: true }, transactions: { path: 'transactions.csv.gz' }, events: { path: 'events.csv.gz' } },
      { baseDir: sample },
    );
    const { duck, ch: rows, columns, upload } = await bothWays(session, engine, { windows: [30, 60, 90, 180, 365] }, '2026-07-01', load);
    const ch = { rows };
    // Both shards hold customers (sharded by customer_id), and all rows arrived.
    const customers = upload.tables.find((t) => t.table === 'customers')!;
    expect(customers.rows).toBe(3000);
    expect(customers.rowsPerShard.every((n) => n > 500)).toBe(true);

    expect(differences(duck, ch.rows, columns).slice(0, 10)).toEqual([]);
    // Sums are exact on both sides: money columns equal to the last digit, not just to 1e-9.
    const exact = columns.filter((c) => /^(monetary_total|spend_\d+d)$/.test(c));
    expect(exact.length).toBeGreaterThan(3);
    for (const c of exact) expect(ch.rows.map((r) => r[c])).toEqual(duck.map((r) => r[c]));
    // The RFM scores and segments are spread (not all NULL / one value).
    expect(new Set(ch.rows.map((r) => r.rfm_segment)).size).toBeGreaterThan(5);
  }, 300_000);

  it('the features fixture: returns, multi-line orders, NULL flags and ids, activity after asOf, quotes and backslashes in values', async () => {
    await createFixture(session);
    // Category and channel values that need quoting differently in DuckDB and ClickHouse.
    await session.run(`UPDATE transactions SET category = 'Toy''s \\ "best"' WHERE category = 'Toys'`);
    await session.run(`UPDATE transactions SET channel = 'st''ore\\' WHERE channel = 'store'`);
    // Ids whose UTF-8 byte order (DuckDB's and ClickHouse's) differs from JavaScript's UTF-16 order.
    for (const t of ['customers', 'transactions', 'events']) {
      await session.run(`UPDATE ${t} SET customer_id = CASE customer_id WHEN 'c1' THEN '😀1' WHEN 'c2' THEN 'Ａ2' ELSE customer_id END`);
    }
    const { duck, ch, columns, upload } = await bothWays(session, engine, { windows: [30, 90, 365], trendDays: 90 }, '2024-01-01');
    expect(duck.length).toBe(4);
    expect(ch.map((r) => r.customer_id)).toEqual(['c3', 'c4', 'Ａ2', '😀1']);
    expect(columns).toContain(`cat_share_toy_s_best`);
    expect(columns).toContain(`channel_share_st_ore`);
    expect(columns).toContain('rfm_segment');
    expect(upload.tables.find((t) => t.table === 'transactions')!.rowsPerShard.filter((n) => n > 0).length).toBe(2);
    expect(differences(duck, ch, columns)).toEqual([]);
  }, 120_000);

  it('no customers table, no order_id, no is_return (a negative amount is a return), 4 RFM bins', async () => {
    await createFixture(session, { customers: false });
    await session.run('DROP TABLE IF EXISTS customers');
    await session.run('ALTER TABLE transactions DROP COLUMN order_id');
    await session.run('ALTER TABLE transactions DROP COLUMN is_return');
    const { duck, ch, columns, skipped } = await bothWays(session, engine, { windows: [30, 365], rfmBins: 4 }, '2024-01-01');
    expect(skipped.some((s) => s.column === 'rfm_segment')).toBe(true);
    expect(columns).toContain('r_score');
    expect(duck.length).toBe(4);
    expect(differences(duck, ch, columns)).toEqual([]);
  }, 120_000);

  it.skipIf(!HAVE_CDNOW_MASTER)('real data, CDNOW master (69,659 lines, 23,570 customers; transactions only)', async () => {
    await session.run('DROP TABLE IF EXISTS customers; DROP TABLE IF EXISTS events');
    await loadCdnowMaster(session);
    const { duck, ch, columns } = await bothWays(session, engine, { windows: [30, 90, 365] }, '1998-07-01');
    expect(duck.length).toBe(23570);
    expect(differences(duck, ch, columns).slice(0, 10)).toEqual([]);
  }, 300_000);

  const retail = join(DATASETS, 'online_retail_uci_2010_2011.csv.gz');
  it.skipIf(!existsSync(retail))('real data, UCI Online Retail (406,829 invoice lines with a customer, of 541,909: multi-line orders, cancellations, fractional amounts)', async () => {
    await session.run('DROP TABLE IF EXISTS customers; DROP TABLE IF EXISTS events');
    const { config, baseDir } = loadRunConfig(join(__dirname, '..', '..', 'data', 'configs', 'online-retail.yaml'), { data: retail });
    const load = await loadTables(session, config.data, { baseDir });
    const { duck, ch, columns } = await bothWays(session, engine, config.features, config.asOf!.iso, load);
    expect(duck.length).toBeGreaterThan(4000);
    expect(differences(duck, ch, columns).slice(0, 10)).toEqual([]);
    const exact = columns.filter((c) => /^(monetary_total|spend_\d+d)$/.test(c));
    for (const c of exact) expect(ch.map((r) => r[c])).toEqual(duck.map((r) => r[c]));
  }, 600_000);

  it('a timestamp ClickHouse cannot hold (before 1970) is an InputError naming table, column and count; nothing is uploaded', async () => {
    await createFixture(session);
    await session.run(`UPDATE customers SET signup_date = TIMESTAMP '1900-01-01' WHERE customer_id IN ('c1', 'c2')`);
    const error = await uploadToClickHouse(session, engine).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/2 values of customers\.signup_date lie outside 1970-01-01 … 2105-12-31 \(from 1900-01-01 00:00:00/);
  });
});
