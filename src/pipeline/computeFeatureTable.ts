import type { CalendarDate } from '../core/CalendarDate';
import type { Progress } from '../core/progress';
import type { DuckSession } from '../data/DuckSession';
import type { LoadResult } from '../data/LoadResult';
import { computeFeatures, type FeatureResult } from '../features/computeFeatures';
import type { FeatureConfig } from '../features/FeatureConfig';

/**
 * The feature table (DuckDB table `features`) as of asOf, the groups it skipped said as notes: what the
 * features stage and `seglab features` compute. The step stays open so the caller ends it once the files are written.
 */
export async function computeFeatureTable(session: DuckSession, config: FeatureConfig, asOf: CalendarDate, load: LoadResult, progress: Progress): Promise<FeatureResult> {
  progress.start('compute features');
  const result = await computeFeatures(session, config, asOf, load);
  for (const s of result.skipped) progress.note(`features: skipped ${s.group}: ${s.reason}`);
  return result;
}
