import { checkParam } from '../core/errors';
import type { CalendarDate } from '../core/CalendarDate';
import type { Row } from '../data/DuckSession';
import { ClickHouseEngine } from '../engine/ClickHouseEngine';
import type { AvailableData } from './AvailableData';
import type { FeatureConfig, FeatureConfigInput } from './FeatureConfig';
import { planClickHouseFeatures, type ClickHouseFeaturePlan } from './planClickHouseFeatures';
import { RFM_INPUTS } from './clickHouseFeatureSql';
import { rfmScores, type RfmScores } from './rfmScores';
import { NO_PURCHASE_SEGMENT, rfmSegment } from './rfmSegment';

/** Merge lists sorted by customer_id (byte order of UTF-8, as DuckDB and ClickHouse sort text) into one. */
export function mergeByCustomerId(lists: readonly Row[][]): Row[] {
  const key = (r: Row) => Buffer.from(String(r.customer_id), 'utf8');
  let merged: Row[] = [];
  for (const list of lists) {
    const out: Row[] = [];
    let i = 0;
    let j = 0;
    while (i < merged.length && j < list.length) {
      if (Buffer.compare(key(merged[i]!), key(list[j]!)) <= 0) out.push(merged[i++]!);
      else out.push(list[j++]!);
    }
    while (i < merged.length) out.push(merged[i++]!);
    while (j < list.length) out.push(list[j++]!);
    merged = out;
  }
  return merged;
}

/** A seeded sample of customers: those whose hash of (customer_id, seed) falls below share × 2^32. */
export interface ClickHouseSample {
  seed: number;
  /** Share of the customers to keep, in (0, 1]. */
  share: number;
}

/**
 * The feature statement kept to a seeded sample of its customers: cityHash64(customer_id, seed) below
 * share × 2^32. The same ids and seed keep the same customers on any cluster and shard layout (about
 * share × customers of them, binomially), so a run is reproducible.
 */
export function clickHouseSampleSql(sql: string, sample: ClickHouseSample): string {
  const threshold = Math.min(2 ** 32, Math.ceil(sample.share * 2 ** 32));
  return `SELECT * FROM (\n${sql}\n) WHERE cityHash64(toString(customer_id), toUInt32(${sample.seed})) % 4294967296 < ${threshold} ORDER BY customer_id`;
}

/** The feature table computed on ClickHouse: one row per customer, columns in the plan's order. */
export interface ClickHouseFeatureTable {
  plan: ClickHouseFeaturePlan;
  rows: Row[];
}

/**
 * Compute the feature table on a ClickHouse cluster: the plan's statement runs on every shard at once,
 * over its local tables (the upload shards every table by customer_id, so each shard computes its own
 * customers completely), one row per customer comes back, and the RFM scores, which
 * need every customer's values at once, are computed here from the returned inputs (rfmScores, the
 * same ntile and tie rule as DuckDB's statement). `available` says which tables and columns exist and
 * fixes the category / channel levels (e.g. from the local load whose tables were uploaded).
 */
export async function computeClickHouseFeatures(
  engine: ClickHouseEngine,
  available: AvailableData,
  config: FeatureConfigInput | FeatureConfig | undefined,
  asOf: CalendarDate | Date | string,
  options: { sample?: ClickHouseSample } = {},
): Promise<ClickHouseFeatureTable> {
  checkParam(engine instanceof ClickHouseEngine, 'engine', typeof engine, 'a ClickHouseEngine');
  const plan = planClickHouseFeatures(available, config, asOf);
  const sql = options.sample ? clickHouseSampleSql(plan.clickhouse.sql, options.sample) : plan.clickhouse.sql;
  // Every shard computes its own customers' rows (sorted by customer_id); merged here in DuckDB's order. The
  // per-order GROUP BY of a shard's transactions outgrows a server's per-query memory limit at about half a
  // million customers per shard (1.5 GB: scripts/clickhouse-cluster): it spills to disk instead.
  const perShard = await engine.allOnShards(sql, { ...(await engine.spillSettings()), ...plan.clickhouse.settings });
  const gathered = mergeByCustomerId(perShard);
  const n = gathered.length;
  let scores: ReturnType<typeof rfmScores> | undefined;
  if (plan.clickhouse.rfm.length) {
    const [recency, frequency, monetary] = RFM_INPUTS.map((name) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = gathered[i]![`rfm__${name}`];
        out[i] = v === null || v === undefined ? NaN : Number(v);
      }
      return out;
    }) as [Float64Array, Float64Array, Float64Array];
    scores = rfmScores(recency, frequency, monetary, plan.rfmBins);
  }
  const rows = gathered.map((g, i) => {
    const row: Row = {};
    for (const col of plan.columns) {
      if (col.name === 'customer_id' || !plan.clickhouse.rfm.includes(col.name)) {
        row[col.name] = g[col.name] ?? null;
        continue;
      }
      row[col.name] = rfmColumnValue(col.name, scores!, i);
    }
    return row;
  });
  return { plan, rows };
}

/** Customer i's value of an RFM column (r_score, f_score, m_score, rfm_segment) from its scores, as DuckDB's statement gives it. */
export function rfmColumnValue(column: string, scores: RfmScores, i: number): number | string | null {
  const has = !Number.isNaN(scores.r[i]!);
  if (column === 'r_score') return has ? scores.r[i]! : null;
  if (column === 'f_score') return has ? scores.f[i]! : null;
  if (column === 'm_score') return has ? scores.m[i]! : null;
  if (column === 'rfm_segment') return has ? rfmSegment(scores.r[i]!, scores.f[i]!, scores.m[i]!) : NO_PURCHASE_SEGMENT;
  throw new Error(`no ClickHouse computation for the RFM column ${column}`);
}
