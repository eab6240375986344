import { clickHouseFeatureTable } from '../clickHouseFeatureTable';
import { computeFeatureTable } from '../computeFeatureTable';
import { ENGINE_SAMPLE_DEFAULT } from '../ClusterConfig';
import type { Stage } from '../RunContext';
import { stagesToRun } from '../RunConfig';
import { writeFeatureTable } from '../writeFeatureTable';

export const featuresStage: Stage = {
  name: 'features',
  description: 'Per-customer feature table as of asOf, computed in DuckDB SQL (or on a ClickHouse cluster with engine: clickhouse).',
  async run(ctx) {
    const onClickHouse = ctx.config.engine === 'clickhouse';
    let result;
    if (onClickHouse) {
      // A large base comes back as a seeded sample only when the cluster stage runs to assign everyone on the cluster.
      const sampling = stagesToRun(ctx.config).includes('cluster') ? { above: ctx.config.cluster.engineSample ?? ENGINE_SAMPLE_DEFAULT, seed: ctx.config.seed } : undefined;
      const computed = await clickHouseFeatureTable(ctx.session, ctx.config.features, ctx.config.asOf, ctx.results.load!, ctx.progress, ctx.env, sampling);
      result = computed.result;
      ctx.results.engine = computed.engine;
      if (computed.sample) ctx.results.engineSample = computed.sample;
    } else result = await computeFeatureTable(ctx.session, ctx.config.features, ctx.config.asOf, ctx.results.load!, ctx.progress);
    ctx.results.features = result;
    ctx.writer.writeText(
      'features.sql',
      result.sql + '\n',
      onClickHouse
        ? 'The SQL that computed the feature table (ClickHouse, run on every shard; the RFM scores computed from its rfm__ columns).'
        : 'The SQL that computed the feature table (runs in DuckDB; the base for warehouse exports).',
    );
    await writeFeatureTable(ctx.session, ctx.writer.path('features.parquet'), 'parquet', { formulaGuard: ctx.config.output.csvFormulaGuard });
    ctx.writer.record('features.parquet', 'Feature table: one row per customer, one column per feature (Parquet).');
    await writeFeatureTable(ctx.session, ctx.writer.path('features.csv'), 'csv', { formulaGuard: ctx.config.output.csvFormulaGuard });
    ctx.writer.record('features.csv', 'The same feature table as CSV, for spreadsheets.');
    const { sql: _sql, ...meta } = result;
    ctx.writer.writeJson('features.json', meta, 'Feature definitions, column roles, skipped groups and row count.');
    ctx.progress.end(`${result.rowCount.toLocaleString('en-US')} customers × ${result.columns.length} columns`);
  },
};
