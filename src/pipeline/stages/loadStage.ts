import { loadTables } from '../../data/loadTables';
import type { Stage } from '../RunContext';

export const loadStage: Stage = {
  name: 'load',
  description: 'Read the configured files into DuckDB, validate them and map them onto the canonical tables.',
  async run(ctx) {
    // loadTables resolves the key (config, keyEnv or SEGLAB_PSEUDONYM_KEY) and warns about unused ones.
    ctx.results.load = await loadTables(ctx.session, ctx.config.data, {
      baseDir: ctx.baseDir,
      progress: ctx.progress,
      env: ctx.env,
    });
    ctx.writer.writeJson('load.json', ctx.results.load, 'What was loaded: files, fingerprints, row counts, excluded rows and warnings.');
  },
};
