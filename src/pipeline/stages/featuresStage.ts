import { quoteLiteral } from '../../data/DuckSession';
import { computeFeatures } from '../../features/computeFeatures';
import type { Stage } from '../RunContext';
import { writeQueryCsv } from '../writeQueryCsv';

export const featuresStage: Stage = {
  name: 'features',
  description: 'Per-customer feature table as of asOf, computed in DuckDB SQL.',
  async run(ctx) {
    ctx.progress.start('compute features');
    const result = await computeFeatures(ctx.session, ctx.config.features, ctx.config.asOf, ctx.results.load);
    ctx.results.features = result;
    for (const s of result.skipped) ctx.progress.note(`features: skipped ${s.group}: ${s.reason}`);
    ctx.writer.writeText('features.sql', result.sql + '\n', 'The SQL that computed the feature table (runs in DuckDB; the base for warehouse exports).');
    await ctx.session.run(`COPY features TO ${quoteLiteral(ctx.writer.path('features.parquet'))} (FORMAT parquet)`);
    ctx.writer.record('features.parquet', 'Feature table: one row per customer, one column per feature (Parquet).');
    await writeQueryCsv(ctx.session, 'SELECT * FROM features', ctx.writer.path('features.csv'), { formulaGuard: ctx.config.output.csvFormulaGuard });
    ctx.writer.record('features.csv', 'The same feature table as CSV, for spreadsheets.');
    const { sql: _sql, ...meta } = result;
    ctx.writer.writeJson('features.json', meta, 'Feature definitions, column roles, skipped groups and row count.');
    ctx.progress.end(`${result.rowCount.toLocaleString('en-US')} customers × ${result.columns.length} columns`);
  },
};
