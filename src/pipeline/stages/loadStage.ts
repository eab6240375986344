import { loadTables } from '../../data/loadTables';
import { resolvePseudonymKey } from '../../data/pseudonymise';
import type { Stage } from '../RunContext';

export const loadStage: Stage = {
  name: 'load',
  description: 'Read the configured files into DuckDB, validate them and map them onto the canonical tables.',
  async run(ctx) {
    const pseudonymKey = resolvePseudonymKey(ctx.config.data.pseudonymise, ctx.env);
    ctx.results.load = await loadTables(ctx.session, ctx.config.data, {
      baseDir: ctx.baseDir,
      progress: ctx.progress,
      pseudonymKey,
    });
    ctx.writer.writeJson('load.json', ctx.results.load, 'What was loaded: files, fingerprints, row counts, excluded rows and warnings.');
  },
};
