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
import { computeClickHouseFeatures } from '../features/computeClickHouseFeatures';
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
    let drawn: { customers: number; share: number; seed: number } | null = null;
    if (sampling && sampling.above > 0) {
      const sql = planClickHouseFeatures(available, config, asOf).clickhouse;
      // The customers the statement has rows for, counted without computing their features.
      const counts = await engine.allOnShards(`SELECT count() AS n FROM (\n${sql.customers}\n)`, sql.settings);
      const customers = counts.reduce((acc, rows) => acc + Number(rows[0]?.n ?? 0), 0);
      if (customers > sampling.above) drawn = { customers, share: sampling.above / customers, seed: sampling.seed };
    }
    const { plan, rows } = await computeClickHouseFeatures(engine, available, config, asOf, drawn ? { sample: { seed: drawn.seed, share: drawn.share } } : {});
    const sample: EngineSample | null = drawn ? { engine: 'clickhouse', ...drawn, size: rows.length, plan } : null;
    if (sample) {
      progress.note(
        `features: ${sample.customers.toLocaleString('en-US')} customers on the cluster, above cluster.engineSample (${sampling!.above.toLocaleString('en-US')}): a seeded sample of ${sample.size.toLocaleString('en-US')} came back (hash of customer_id and seed ${sample.seed}); its RFM scores are tiles of the sample; the cluster stage assigns every customer on the cluster`,
      );
    }
    // DuckDB's own statement, described (not run), gives each column's type.
    const types = await session.describe(`(${planFeatures(available, config, asOf).sql})`);
    const dir = mkdtempSync(join(tmpdir(), 'seglab-features-'));
    try {
      const file = join(dir, 'features.jsonl');
      writeJsonLines(file, rows);
      const columns = `{${types.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ')}}`;
      await session.run(`CREATE OR REPLACE TABLE features AS SELECT * FROM read_json(${quoteLiteral(file)}, format = 'newline_delimited', columns = ${columns})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const s of plan.skipped) progress.note(`features: skipped ${s.group}: ${s.reason}`);
    const result: FeatureResult = {
      schemaVersion: 1,
      asOf: plan.asOf,
      table: 'features',
      rowCount: rows.length,
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
