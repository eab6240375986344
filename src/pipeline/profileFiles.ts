import { resolve } from 'node:path';
import { writeFileAtomic } from '../core/atomicWrite';
import { silentProgress, type Progress } from '../core/progress';
import { loadTables } from '../data/loadTables';
import type { QualityProfile } from '../data/QualityProfile';
import type { DataInput } from './dataInput';
import { profileData } from './profileData';
import { withDuckSession } from './withDuckSession';

/**
 * `seglab profile`: load the data as the load stage does and profile it as the profile stage does; the
 * profile as JSON to `json` when given. Returns the profile and its Markdown.
 */
export async function profileFiles(
  input: DataInput,
  options: { json?: string; progress?: Progress; env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<{ profile: QualityProfile; markdown: string }> {
  const progress = options.progress ?? silentProgress;
  return withDuckSession(async (session) => {
    const load = await loadTables(session, input.data, { baseDir: input.baseDir, progress, env: options.env ?? process.env });
    const result = await profileData(session, load, input.asOf, progress);
    if (options.json) writeFileAtomic(resolve(options.json), JSON.stringify(result.profile, null, 2) + '\n');
    return result;
  }, input.duckdb);
}
