import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildTrainingSet, CalendarDate, DuckSession, loadTables, parseModelsConfig, type LoadResult, type TrainingSet } from '../../../src';

const sample = join(__dirname, '..', '..', '..', 'data', 'sample');
const AS_OF = '2026-07-01';
/** The `models:` section proposed for data/configs/sample.yaml (RunConfig does not take the key yet), read as it will be. */
const SAMPLE_MODELS = `
models:
  # Churn: no order in the 90 days after a snapshot, trained on the three quarters before asOf.
  target: { kind: churn, horizonDays: 90 }
  snapshots: 3
`;
const models = parseModelsConfig((parse(SAMPLE_MODELS) as { models: unknown }).models, 'models', 'sample.yaml');
const { target } = models;

/** Rows of one snapshot (s_i: i horizons before asOf), by customer: every input value as text (NaN and null kept apart), and the label. */
function snapshotRows(set: TrainingSet, horizonsBack: number): Map<string, { values: string; label: number }> {
  const order = set.snapshots.find((s) => s.horizonsBack === horizonsBack)!.order;
  const out = new Map<string, { values: string; label: number }>();
  for (let i = 0; i < set.train.ids.length; i++) {
    if (set.train.snapshot[i] !== order) continue;
    const values = set.columns.map((c) => (c.role === 'numeric' ? String(set.train.frame.numeric[c.name]![i]) : JSON.stringify(set.train.frame.categorical[c.name]![i])));
    out.set(set.train.ids[i]!, { values: values.join('|'), label: set.train.labels[i]! });
  }
  return out;
}

/**
 * The leakage test: orders and events planted after snapshot s2 (inside its label window, in a category and
 * on a channel never seen before, big enough to top the category ranking) leave every feature value of s2
 * and of the earlier s3 as it was, while s2's labels of those customers flip from churned to not churned.
 */
/** The CLV inputs a run with a clv: section adds (the clv stage's defaults): fitted again at every snapshot. */
const CLV = { model: 'bg-nbd', unit: 'weeks', penalizer: 0, horizon: 12, discount: 0.01, seed: 42 } as const;

describe.each([
  ['the feature SQL', undefined],
  ['the feature SQL and the CLV inputs', CLV],
] as const)('no feature of a snapshot sees what happens after it (synthetic sample, churn, 90 days, 3 snapshots): %s', (_what, clv) => {
  let session: DuckSession;
  let load: LoadResult;
  let before: TrainingSet;
  let after: TrainingSet;
  let planted: string[];
  let s2: CalendarDate;

  beforeAll(async () => {
    session = await DuckSession.open({ threads: 2 });
    load = await loadTables(
      session,
      { customers: { path: 'customers.csv.gz', keepUnmapped: true }, transactions: { path: 'transactions.csv.gz' }, events: { path: 'events.csv.gz' } },
      { baseDir: sample },
    );
    before = await buildTrainingSet(session, {}, AS_OF, target, { snapshots: models.snapshots, available: load, ...(clv && { clv }) });
    s2 = CalendarDate.parse(before.snapshots.find((s) => s.horizonsBack === 2)!.asOf);
    // Up to 40 customers who churned in s2's window.
    planted = [...snapshotRows(before, 2)].filter(([, r]) => r.label === 1).map(([id]) => id).slice(0, 40);
    const list = planted.map((id) => `'${id}'`).join(', ');
    const at = s2.addDays(10).iso;
    await session.run(`INSERT INTO transactions BY NAME
      SELECT 'P' || customer_id AS order_id, customer_id, TIMESTAMP '${at} 12:00:00' AS ts, 50000.0 AS amount, 3.0 AS items,
             'planted-category' AS category, false AS discount_used, 'planted-channel' AS channel, false AS is_return
      FROM customers WHERE customer_id IN (${list})`);
    await session.run(`INSERT INTO events BY NAME
      SELECT customer_id, TIMESTAMP '${at} 11:00:00' AS ts, unnest(['session', 'product_view', 'add_to_cart', 'email_open', 'email_click']) AS event_type, 'PS' || customer_id AS session_id
      FROM customers WHERE customer_id IN (${list})`);
    after = await buildTrainingSet(session, {}, AS_OF, target, { snapshots: models.snapshots, available: load, ...(clv && { clv }) });
  }, 120_000);
  afterAll(() => session?.close());

  it('plants orders for customers who churned in s2\'s window', () => {
    expect(models.validation).toBe('out-of-time');
    // The sample's orders reach asOf: no window is partly unobserved.
    expect(before.notes.filter((n) => n.includes('partly unobserved'))).toEqual([]);
    expect(before.snapshots.map((s) => s.asOf)).toEqual(['2025-10-04', '2026-01-02', '2026-04-02']);
    expect(planted.length).toBe(40);
  });

  it('leaves the columns, the share levels and every feature value of s2 and s3 as they were', () => {
    expect(after.columns).toEqual(before.columns);
    expect(after.levels).toEqual(before.levels);
    expect(after.levels.categories).not.toContain('planted-category');
    for (const i of [3, 2]) {
      const a = snapshotRows(before, i);
      const b = snapshotRows(after, i);
      expect([...b.keys()]).toEqual([...a.keys()]);
      const changed = [...a].filter(([id, r]) => b.get(id)!.values !== r.values).map(([id]) => id);
      expect(changed, `snapshot s${i}`).toEqual([]);
    }
  });

  it('flips s2\'s label of exactly the planted customers, and leaves s3\'s labels alone', () => {
    const a = snapshotRows(before, 2);
    const b = snapshotRows(after, 2);
    const flipped = [...a].filter(([id, r]) => b.get(id)!.label !== r.label).map(([id]) => id);
    expect(flipped.sort()).toEqual([...planted].sort());
    for (const id of planted) expect(b.get(id)!.label).toBe(0);
    const a3 = snapshotRows(before, 3);
    const b3 = snapshotRows(after, 3);
    expect([...a3].filter(([id, r]) => b3.get(id)!.label !== r.label)).toEqual([]);
  });

  it('the planted orders do reach the features of the later snapshot s1 (the comparison can see a change)', () => {
    const a = snapshotRows(before, 1);
    const b = snapshotRows(after, 1);
    const changed = new Set([...b].filter(([id, r]) => a.get(id)?.values !== r.values).map(([id]) => id));
    // Every planted customer's features change (others may too: the RFM scores are quantiles of the whole base).
    expect(planted.filter((id) => !changed.has(id))).toEqual([]);
  });

  it('with a clv: section, clv, p_alive and expected_purchases are inputs, filled at every snapshot, and move for the planted customers only from s1 on', () => {
    const names = before.columns.map((c) => c.name);
    if (!clv) {
      expect(names).not.toContain('clv');
      return;
    }
    expect(names).toEqual(expect.arrayContaining(['clv', 'p_alive', 'expected_purchases']));
    for (const set of [before, after]) {
      const p = set.train.frame.numeric.p_alive!;
      let filled = 0;
      for (let i = 0; i < p.length; i++) if (Number.isFinite(p[i]!)) filled++;
      // Every snapshot has customers with a purchase before it, so most rows have a P(alive).
      expect(filled / p.length).toBeGreaterThan(0.5);
      expect(set.notes.filter((n) => n.startsWith('CLV inputs'))).toEqual([]);
    }
    const column = before.columns.findIndex((c) => c.name === 'clv');
    const clvOf = (set: TrainingSet, i: number) => new Map([...snapshotRows(set, i)].map(([id, r]) => [id, r.values.split('|')[column]]));
    const a1 = clvOf(before, 1);
    const b1 = clvOf(after, 1);
    expect(planted.filter((id) => a1.get(id) === b1.get(id))).toEqual([]);
  });
});
