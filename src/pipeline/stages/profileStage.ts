import { profileData } from '../profileData';
import type { Stage } from '../RunContext';

export const profileStage: Stage = {
  name: 'profile',
  description: 'Data-quality profile of every loaded table.',
  async run(ctx) {
    const { profile, markdown } = await profileData(ctx.session, ctx.results.load!, ctx.config.asOf, ctx.progress);
    ctx.results.profile = profile;
    ctx.writer.writeJson('quality.json', profile, 'Data-quality profile (missing values, duplicates, constant columns, outliers, returns, future dates).');
    ctx.writer.writeText('quality.md', markdown, 'The data-quality profile as readable Markdown.');
  },
};
