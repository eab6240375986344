import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/helpers';

const root = join(__dirname, '..', '..');
const notebooks = readdirSync(join(root, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();

describe('notebooks', () => {
  it('are committed without outputs (CI renders executed copies into reports/notebooks)', () => {
    expect(notebooks.length).toBeGreaterThan(0);
    for (const nb of notebooks) {
      const cells = (JSON.parse(readFileSync(join(root, 'notebooks', nb), 'utf8')) as { cells: { cell_type: string; outputs?: unknown[]; execution_count?: unknown }[] }).cells;
      for (const c of cells.filter((x) => x.cell_type === 'code')) {
        expect(c.outputs ?? [], `${nb} has outputs`).toEqual([]);
      }
    }
  });

  // Executes every notebook with the tslab kernel (needs Jupyter + the kernel: .ci/run installs both).
  // The build must exist (npm test builds first); a cell that errors fails this test with its message.
  it('every notebook runs headless without a cell error and renders to HTML', async () => {
    expect(existsSync(join(root, 'dist', 'cjs', 'index.js')), 'run `npm run build` first').toBe(true);
    const r = await run(process.execPath, [join(root, 'scripts', 'run-notebooks.mjs')], { cwd: root, timeoutMs: 900_000 });
    expect(r.code, r.stderr).toBe(0);
    for (const nb of notebooks) {
      const html = readFileSync(join(root, 'reports', 'notebooks', nb.replace(/\.ipynb$/, '.html')), 'utf8');
      // nbconvert keeps error outputs as "output_error" blocks; a clean run has none.
      expect(html.includes('output_error'), `${nb} rendered an error output`).toBe(false);
    }
  }, 900_000);
});
