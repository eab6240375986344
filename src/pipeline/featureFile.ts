import { resolve } from 'node:path';
import { writeFileAtomic } from '../core/atomicWrite';
import { UsageError } from '../core/errors';
import { silentProgress, type Progress } from '../core/progress';
import { loadTables } from '../data/loadTables';
import type { FeatureResult } from '../features/computeFeatures';
import { clickHouseFeatureTable } from './clickHouseFeatureTable';
import { computeFeatureTable } from './computeFeatureTable';
import type { DataInput } from './dataInput';
import { withDuckSession } from './withDuckSession';
import { featureFileFormat, writeFeatureTable } from './writeFeatureTable';

/**
 * `seglab features`: load the data and compute the feature table as the load and features stages do (on
 * the config's engine: DuckDB, or the ClickHouse cluster with `engine: clickhouse`), and
 * write it to `out` (.parquet, .csv or .json), its SQL to `sql` when given. `csvRaw` turns the CSV formula
 * guard off (as the config's output.csvFormulaGuard: false does).
 */
export async function featureFile(
  input: DataInput,
  out: string,
  options: { sql?: string; csvRaw?: boolean; progress?: Progress; env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<FeatureResult & { out: string }> {
  const progress = options.progress ?? silentProgress;
  if (!input.asOf) throw new UsageError('features needs a reference date: pass --as-of YYYY-MM-DD (or a config with asOf).');
  const asOf = input.asOf;
  const path = resolve(out);
  const format = featureFileFormat(path);
  if (!format) throw new UsageError(`--out must end in .parquet, .csv or .json, got "${out}".`);
  return withDuckSession(async (session) => {
    const load = await loadTables(session, input.data, { baseDir: input.baseDir, progress, env: options.env ?? process.env });
    const env = options.env ?? process.env;
    const result =
      input.engine === 'clickhouse'
        ? (await clickHouseFeatureTable(session, input.features, asOf, load, progress, env)).result
        : await computeFeatureTable(session, input.features, asOf, load, progress);
    await writeFeatureTable(session, path, format, { formulaGuard: !options.csvRaw && input.csvFormulaGuard });
    if (options.sql) writeFileAtomic(resolve(options.sql), result.sql + '\n');
    progress.end(`${result.rowCount.toLocaleString('en-US')} customers × ${result.columns.length} columns → ${path}`);
    return { ...result, out: path };
  }, input.duckdb);
}
