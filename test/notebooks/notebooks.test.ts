import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../cli/helpers';

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

  // Notebooks hold no logic: dates, seeds and settings come from the config, the clustering from the run's own
  // stage. Notebook 02 once re-wired the cluster stage with asOf 2026-04-01 while the config said 2026-07-01.
  it('take asOf from the config and the segments from the cluster stage, never re-wiring it', () => {
    const code = (nb: string) =>
      (JSON.parse(readFileSync(join(root, 'notebooks', nb), 'utf8')) as { cells: { cell_type: string; source: string[] }[] }).cells
        .filter((c) => c.cell_type === 'code')
        .map((c) => c.source.join(''))
        .join('\n');
    expect(notebooks.length).toBeGreaterThan(0);
    for (const nb of notebooks) {
      expect(code(nb), `${nb} writes a date instead of config.asOf`).not.toMatch(/['"`]\d{4}-\d{2}-\d{2}/);
      expect(code(nb), `${nb} builds a cluster config of its own`).not.toMatch(/clusterConfigSchema\.parse/);
    }
    const segmentation = code('02_segmentation.ipynb');
    expect(segmentation).toMatch(/seglab\.runPipeline\(/);
    expect(segmentation).toMatch(/run\.results\.cluster/);
    expect(segmentation, 'the segments are the stage\'s, not a fit of the notebook').not.toMatch(/new seglab\.KMeans\(\{ k: chosenK/);
  });

  // Issue 14: notebook 05 shows calibration and a small search, not only the plain fit (executed by the last test).
  it('05 runs the churn model with Platt calibration and a search of 4 candidates, and shows both', () => {
    const cells = (JSON.parse(readFileSync(join(root, 'notebooks', '05_churn_propensity.ipynb'), 'utf8')) as { cells: { cell_type: string; source: string[] }[] }).cells;
    const code = cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')).join('\n');
    expect(code).toMatch(/parseModelsConfig\(\{[^)]*calibration: 'platt'[^)]*search: \{ budget: 4 \}/);
    expect(code, 'the search candidates are displayed').toMatch(/card\.search!?[\s\S]*tableHtml/);
    expect(code, 'the calibration before and after is displayed').toMatch(/card\.calibrator[\s\S]*uncalibrated/);
  });

  // Issue 16: notebook 07 runs the sample at both quarters' ends (dates from synth.json) with the drift stage, and
  // a cell fails when the drift synth.json documents is not found (executed by the last test).
  it('07 compares the two sample quarters through the drift stage and checks the documented drift', () => {
    const cells = (JSON.parse(readFileSync(join(root, 'notebooks', '07_drift.ipynb'), 'utf8')) as { cells: { cell_type: string; source: string[] }[] }).cells;
    const code = cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')).join('\n');
    expect(code).toMatch(/const \[q1Facts, q2Facts\] = synth\.quarters/);
    expect(code).toMatch(/asOf: seglab\.CalendarDate\.parse\(q1Facts\.asOf\)[\s\S]*asOf: seglab\.CalendarDate\.parse\(q2Facts\.asOf\)/);
    expect(code).toMatch(/stages: \[[^\]]*'drift'[^\]]*\][\s\S]*previous: q1\.dir/);
    expect(code).toMatch(/seglab\.readDriftReport\(path\.join\(q2\.dir, 'drift\.json'\)\)/);
    expect(code).toMatch(/seglab\.reportFigures\(review\.data\)\.filter\(\(x\) => x\.section === 'drift'\)/);
    expect(code).toMatch(/if \(missed\.length\) throw new Error\(`documented drift not found/);
  });

  // nbconvert warns MissingIDFieldWarning on cells without ids and invents random ones on every run.
  it('pass run-notebooks --check: nbformat 4.5, a unique stable id on every cell, no outputs', async () => {
    const r = await run(process.execPath, [join(root, 'scripts', 'run-notebooks.mjs'), '--check'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`${notebooks.length} notebook\\(s\\) clean`));
  });

  it('run-notebooks refuses a notebook with a missing or repeated id, or outputs, naming notebook and cell', async () => {
    const dir = tempDir();
    const nb = JSON.parse(readFileSync(join(root, 'notebooks', notebooks[0]!), 'utf8')) as { cells: Record<string, unknown>[] };
    delete nb.cells[0]!.id;
    nb.cells[2]!.id = nb.cells[1]!.id;
    const code = nb.cells.findIndex((c) => c.cell_type === 'code');
    nb.cells[code]!.outputs = [{ output_type: 'stream', name: 'stdout', text: ['x'] }];
    nb.cells[code]!.execution_count = 3;
    writeFileSync(join(dir, 'bad.ipynb'), JSON.stringify(nb));
    const r = await run(process.execPath, [join(root, 'scripts', 'run-notebooks.mjs'), '--check', '--dir', dir], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.ipynb: cell 1 \(markdown\) has no "id"/);
    expect(r.stderr).toMatch(new RegExp(`bad\\.ipynb: cell 3 \\(\\w+\\) repeats the id "${String(nb.cells[1]!.id)}" of cell 2`));
    expect(r.stderr).toMatch(new RegExp(`bad\\.ipynb: cell ${code + 1} \\(code\\) has outputs`));
    expect(r.stderr).toMatch(new RegExp(`bad\\.ipynb: cell ${code + 1} \\(code\\) has execution_count 3`));
    // The full run checks first too: nothing is executed.
    const full = await run(process.execPath, [join(root, 'scripts', 'run-notebooks.mjs'), '--dir', dir], { cwd: root });
    expect(full.code).toBe(1);
    expect(full.stderr).not.toMatch(/bad\.ipynb …/);
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
