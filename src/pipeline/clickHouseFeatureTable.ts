import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CalendarDate } from '../core/CalendarDate';
import { inputError } from '../core/errors';
import type { Progress } from '../core/progress';
import { quoteIdent, quoteLiteral, type DuckSession } from '../data/DuckSession';
import type { LoadResult } from '../data/LoadResult';
import { ClickHouseEngine } from '../engine/ClickHouseEngine';
import { clickHouseSettingsFromEnv } from '../engine/ClickHouseSettings';
import type { EngineInfo } from '../engine/Engine';
import { clickHouseSampleSql, rfmColumnValue } from '../features/computeClickHouseFeatures';
import { RFM_INPUTS } from '../features/clickHouseFeatureSql';
import { rfmScores } from '../features/rfmScores';
import { featureInputs, type FeatureResult } from '../features/computeFeatures';
import type { FeatureConfig } from '../features/FeatureConfig';
import { planFeatures } from '../features/planFeatures';
import { writeJsonLines } from './writeJsonLines';
import { planClickHouseFeatures, type ClickHouseFeaturePlan } from '../features/planClickHouseFeatures';

/** The features stage kept a seeded sample of a large base on a ClickHouse cluster (cluster.engineSample). */
export interface EngineSample {
  engine: 'clickhouse';
  /** Customers in the feature table on the cluster. */
  customers: number;
  /** Customers in the sample that came back. */
  size: number;
  seed: number;
  /** Share of customers kept (cluster.engineSample / customers). */
  share: number;
  /** The feature plan whose statement the assignment runs around. */
  plan: ClickHouseFeaturePlan;
}

/**
 * The features stage on `engine: clickhouse`: the feature table computed on the cluster named by the
 * environment (SEGLAB_CLICKHOUSE_*), from the tables uploaded there (`seglab load --engine clickhouse`
 * with the same data: each table's row count on the cluster must equal the run's load, else exit 2).
 * What to compute (tables, column roles, category / channel levels) is read from the run's own load, as
 * on DuckDB, so both engines plan the same features. The rows come back into the DuckDB table `features`
 * with the column types DuckDB's statement has, so the files and later stages are those of a DuckDB run.
 */
export async function clickHouseFeatureTable(
  session: DuckSession,
  config: FeatureConfig,
  asOf: CalendarDate,
  load: LoadResult,
  progress: Progress,
  env: Readonly<Record<string, string | undefined>>,
  sampling?: { above: number; seed: number },
): Promise<{ result: FeatureResult; engine: EngineInfo; sample: EngineSample | null }> {
  progress.start('compute features on ClickHouse');
  const engine = await ClickHouseEngine.connect(clickHouseSettingsFromEnv(env));
  try {
    const info = await engine.describe();
    for (const t of load.tables) {
      const rows = await engine.all(`SELECT count() AS n FROM ${t.table}`);
      const local = Number(await session.scalar(`SELECT count(*) FROM ${quoteIdent(t.table)}`));
      if (Number(rows[0]?.n) !== local) {
        throw inputError({
          check: 'engine-data',
          what: `the cluster's ${engine.settings.database}.${t.table} holds ${Number(rows[0]?.n)} rows, the run loaded ${local}`,
          where: { field: `data.${t.table}` },
          fix: 'upload this data first: seglab load --engine clickhouse --config <this config>',
        });
      }
    }
    const { inspected, levels } = await featureInputs(session, config, asOf, load);
    const available = { ...inspected, levels };
    // Above `sampling.above` customers only a seeded sample comes back; the cluster stage assigns everyone on the cluster.
    const plan = planClickHouseFeatures(available, config, asOf);
    let drawn: { customers: number; share: number; seed: number } | null = null;
    if (sampling && sampling.above > 0) {
      const sql = plan.clickhouse;
      // The customers the statement has rows for, counted without computing their features.
      const counts = await engine.allOnShards(`SELECT count() AS n FROM (\n${sql.customers}\n)`, sql.settings);
      const customers = counts.reduce((acc, rows) => acc + Number(rows[0]?.n ?? 0), 0);
      if (customers > sampling.above) drawn = { customers, share: sampling.above / customers, seed: sampling.seed };
    }
    const sql = drawn ? clickHouseSampleSql(plan.clickhouse.sql, { seed: drawn.seed, share: drawn.share }) : plan.clickhouse.sql;
    // DuckDB's own statement, described (not run), gives each column's type.
    const types = await session.describe(`(${planFeatures(available, config, asOf).sql})`);
    const rowCount = await gatherIntoDuckDb(session, engine, plan, sql, types);
    const sample: EngineSample | null = drawn ? { engine: 'clickhouse', ...drawn, size: rowCount, plan } : null;
    if (sample) {
      progress.note(
        `features: ${sample.customers.toLocaleString('en-US')} customers on the cluster, above cluster.engineSample (${sampling!.above.toLocaleString('en-US')}): a seeded sample of ${sample.size.toLocaleString('en-US')} came back (hash of customer_id and seed ${sample.seed}); its RFM scores are tiles of the sample; the cluster stage assigns every customer on the cluster`,
      );
    }
    for (const s of plan.skipped) progress.note(`features: skipped ${s.group}: ${s.reason}`);
    const result: FeatureResult = {
      schemaVersion: 1,
      asOf: plan.asOf,
      table: 'features',
      rowCount,
      columns: plan.columns,
      features: plan.features,
      skipped: plan.skipped,
      levels,
      sql: plan.clickhouse.sql,
    };
    return { result, engine: info, sample };
  } finally {
    await engine.close();
  }
}

/**
 * The shards' rows into DuckDB's `features` table, in customer order, with DuckDB's column types: each
 * shard streams its JSON lines to a file (no row is parsed in Node), DuckDB reads them; the RFM scores,
 * which need every customer and window functions ClickHouse 18.16 lacks, are tiled here from the three
 * inputs the statement returns and joined on. Returns the number of customers.
 */
async function gatherIntoDuckDb(session: DuckSession, engine: ClickHouseEngine, plan: ClickHouseFeaturePlan, sql: string, types: readonly { name: string; type: string }[]): Promise<number> {
  const typeOf = new Map(types.map((c) => [c.name, c.type]));
  const rfm = plan.clickhouse.rfm;
  const returned = [...plan.columns.map((c) => c.name).filter((n) => !rfm.includes(n)), ...(rfm.length ? RFM_INPUTS.map((n) => `rfm__${n}`) : [])];
  const spec = (names: readonly string[], type: (n: string) => string) => `{${names.map((n) => `${quoteLiteral(n)}: ${quoteLiteral(type(n))}`).join(', ')}}`;
  const dir = mkdtempSync(join(tmpdir(), 'seglab-features-'));
  try {
    const urls = await engine.shardUrls();
    const files = urls.map((_, i) => join(dir, `shard${i + 1}.jsonl`));
    await engine.streamOnShards(sql, files, { ...(await engine.spillSettings()), ...plan.clickhouse.settings });
    const list = `[${files.map(quoteLiteral).join(', ')}]`;
    await session.run(
      `CREATE OR REPLACE TEMP TABLE ch_features AS SELECT * FROM read_json(${list}, format = 'newline_delimited', columns = ${spec(returned, (n) => typeOf.get(n) ?? 'DOUBLE')})`,
    );
    const select = plan.columns.map((c) => (rfm.includes(c.name) ? `CAST(r.${quoteIdent(c.name)} AS ${typeOf.get(c.name) ?? 'VARCHAR'}) AS ${quoteIdent(c.name)}` : `c.${quoteIdent(c.name)}`));
    let from = 'ch_features c';
    if (rfm.length) {
      const got = await session.columns(`SELECT customer_id, ${RFM_INPUTS.map((n) => quoteIdent(`rfm__${n}`)).join(', ')} FROM ch_features ORDER BY customer_id`);
      const ids = got.columns.customer_id as (string | null)[];
      const numeric = (name: string): Float64Array => {
        const col = got.columns[`rfm__${name}`]!;
        return col instanceof Float64Array ? col : Float64Array.from(col, (v) => (v === null ? NaN : Number(v)));
      };
      const scores = rfmScores(numeric('recency_days'), numeric('frequency'), numeric('monetary_total'), plan.rfmBins);
      const rows = ids.map((id, i) => Object.fromEntries([['customer_id', id], ...rfm.map((n) => [n, rfmColumnValue(n, scores, i)])]));
      const file = join(dir, 'rfm.jsonl');
      writeJsonLines(file, rows);
      from += ` LEFT JOIN read_json(${quoteLiteral(file)}, format = 'newline_delimited', columns = ${spec(['customer_id', ...rfm], (n) => (n === 'customer_id' ? 'VARCHAR' : n === 'rfm_segment' ? 'VARCHAR' : 'DOUBLE'))}) r ON r.customer_id = c.customer_id`;
    }
    await session.run(`CREATE OR REPLACE TABLE features AS SELECT ${select.join(', ')} FROM ${from} ORDER BY c.customer_id`);
    await session.run('DROP TABLE IF EXISTS ch_features');
    return Number(await session.scalar('SELECT count(*) FROM features'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
