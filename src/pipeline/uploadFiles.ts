import { silentProgress, type Progress } from '../core/progress';
import { loadTables } from '../data/loadTables';
import { ClickHouseEngine } from '../engine/ClickHouseEngine';
import { clickHouseSettingsFromEnv } from '../engine/ClickHouseSettings';
import { uploadToClickHouse, type UploadResult } from '../engine/uploadToClickHouse';
import type { DataInput } from './dataInput';
import { withDuckSession } from './withDuckSession';

/**
 * `seglab load --engine clickhouse`: load the data as the load stage does (mapping, checks,
 * pseudonymisation) and upload the canonical tables into the ClickHouse cluster named by the
 * environment (SEGLAB_CLICKHOUSE_*; see engine/ClickHouseSettings), sharded by customer_id.
 */
export async function uploadFiles(
  input: DataInput,
  options: { progress?: Progress; env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<UploadResult> {
  const env = options.env ?? process.env;
  const settings = clickHouseSettingsFromEnv(env);
  const progress = options.progress ?? silentProgress;
  await ClickHouseEngine.ensureDatabase(settings);
  const engine = await ClickHouseEngine.connect(settings);
  try {
    return await withDuckSession(async (session) => {
      await loadTables(session, input.data, { baseDir: input.baseDir, progress, env });
      return uploadToClickHouse(session, engine);
    }, input.duckdb);
  } finally {
    await engine.close();
  }
}
