import type { CalendarDate } from '../core/CalendarDate';
import type { Progress } from '../core/progress';
import type { DuckSession } from '../data/DuckSession';
import type { LoadResult } from '../data/LoadResult';
import { profileTables, profileToMarkdown } from '../data/profileTables';
import type { QualityProfile } from '../data/QualityProfile';

/** The data-quality profile of loaded tables and its Markdown: what the profile stage writes and `seglab profile` prints. */
export async function profileData(session: DuckSession, load: LoadResult, asOf: CalendarDate | undefined, progress: Progress): Promise<{ profile: QualityProfile; markdown: string }> {
  progress.start('profile data quality');
  const profile = await profileTables(session, load, { asOf });
  progress.end(`${profile.tables.length} table(s)`);
  return { profile, markdown: profileToMarkdown(profile) };
}
