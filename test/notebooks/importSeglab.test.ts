import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, run } from '../cli/helpers';

// What a notebook cell in notebooks/ does with `import … from 'seglab'`: tslab type-checks it with its own
// TypeScript (5.0, Node10 resolution: node_modules folders only, no package "exports", no self-reference)
// and then runs it with a require rooted at the notebook's folder. The real kernel runs in readme.test.ts
// and notebooks.test.ts; this is the quick check of the same two steps.
describe("import … from 'seglab' in notebooks/", () => {
  it('type-checks with tslab\'s compiler and loads the checkout\'s build', async () => {
    const cell = [
      "import { DuckSession, loadTables, computeFeatures, readFeatureTable, type FeatureTable } from 'seglab';",
      'const open: () => Promise<DuckSession> = DuckSession.open;',
      'const fns = [loadTables, computeFeatures, readFeatureTable];',
      'let t: FeatureTable | undefined;',
    ].join('\n');
    const script = `
      const { createConverter } = require('tslab/dist/converter');
      const converter = createConverter();
      const out = converter.convert('', ${JSON.stringify(cell)});
      converter.close();
      const loaded = require('seglab');
      const build = require(${JSON.stringify(join(root, 'dist', 'cjs', 'index.js'))});
      console.log(JSON.stringify({
        diagnostics: out.diagnostics.map((d) => d.messageText),
        sameBuild: loaded === build,
        open: typeof loaded.DuckSession.open,
      }));`;
    const r = await run(process.execPath, ['-e', script], { cwd: join(root, 'notebooks') });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ diagnostics: [], sameBuild: true, open: 'function' });
  });
});
