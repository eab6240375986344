import { profileTables, profileToMarkdown } from '../../data/profileTables';
import type { Stage } from '../RunContext';

export const profileStage: Stage = {
  name: 'profile',
  description: 'Data-quality profile of every loaded table.',
  async run(ctx) {
    const load = ctx.results.load!;
    ctx.progress.start('profile data quality');
    const profile = await profileTables(ctx.session, load, { asOf: ctx.config.asOf });
    ctx.results.profile = profile;
    ctx.writer.writeJson('quality.json', profile, 'Data-quality profile (missing values, duplicates, constant columns, outliers, returns, future dates).');
    ctx.writer.writeText('quality.md', profileToMarkdown(profile), 'The data-quality profile as readable Markdown.');
    ctx.progress.end(`${profile.tables.length} table(s)`);
  },
};
