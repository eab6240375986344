import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, run, tempDir } from '../cli/helpers';

/** The ```ts blocks of a README section, in order. */
function codeBlocks(readme: string, heading: string): string[] {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, `README has no "${heading}"`).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + heading.length + 2);
  return [...readme.slice(start, end < 0 ? undefined : end).matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/**
 * A checkout as a user has it (package.json, node_modules, the build, data, notebooks/ with its
 * node_modules/seglab), made of links to this one, so that the README's code writes its run into a
 * scratch reports/ rather than this checkout's.
 */
function scratchCheckout(): string {
  const dir = tempDir('seglab-readme-');
  for (const entry of ['package.json', 'node_modules', 'dist', 'data']) symlinkSync(join(root, entry), join(dir, entry));
  mkdirSync(join(dir, 'notebooks'));
  symlinkSync(join(root, 'notebooks', 'node_modules'), join(dir, 'notebooks', 'node_modules'));
  return dir;
}

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  ename?: string;
  evalue?: string;
}

describe("README's Library section", () => {
  // Needs Jupyter and the tslab kernel (.ci/run installs both) and the build (npm test builds first).
  it('runs as written, block after block, in a tslab notebook in notebooks/', async () => {
    expect(existsSync(join(root, 'dist', 'cjs', 'index.js')), 'run `npm run build` first').toBe(true);
    const blocks = codeBlocks(readFileSync(join(root, 'README.md'), 'utf8'), '## Library');
    expect(blocks).toHaveLength(3);
    expect(blocks[0]).toMatch(/import \{[^}]*DuckSession[^}]*\} from 'seglab'/);
    const checkout = scratchCheckout();
    const notebook = {
      cells: blocks.map((source, i) => ({ cell_type: 'code', id: `readme-${i + 1}`, metadata: {}, execution_count: null, outputs: [], source })),
      metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    writeFileSync(join(checkout, 'notebooks', 'readme.ipynb'), JSON.stringify(notebook));
    const r = await run(
      'jupyter',
      ['nbconvert', '--to', 'notebook', '--execute', '--allow-errors', '--ExecutePreprocessor.kernel_name=tslab', '--ExecutePreprocessor.timeout=600', '--ExecutePreprocessor.startup_timeout=300', '--output-dir', join(checkout, 'out'), 'readme.ipynb'],
      { cwd: join(checkout, 'notebooks'), env: { PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH}` }, timeoutMs: 900_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const executed = JSON.parse(readFileSync(join(checkout, 'out', 'readme.ipynb'), 'utf8')) as { cells: { outputs: Output[] }[] };
    const text = (o: Output) => (Array.isArray(o.text) ? o.text.join('') : (o.text ?? ''));
    executed.cells.forEach((cell, i) => {
      // tslab reports compile errors on stderr, run-time errors as error outputs.
      const problems = cell.outputs.filter((o) => o.output_type === 'error' || o.name === 'stderr').map((o) => (o.output_type === 'error' ? `${o.ename}: ${o.evalue}` : text(o)));
      expect(problems, `README Library block ${i + 1}`).toEqual([]);
    });
    const printed = executed.cells.map((c) => c.outputs.filter((o) => o.name === 'stdout').map(text).join(''));
    expect(printed[0]).toMatch(/^3 tables profiled; 3000 customers × \d+ columns\n$/);
    expect(printed[1]).toMatch(/^k = \d+: .+; mean Jaccard \d\.\d\d(, \d\.\d\d)+\n$/);
    expect(printed[2]).toMatch(/^\d+ personas, \d+\.\d MB of HTML, bundle (validated|draft), isVip true\n$/);
    const latest = readFileSync(join(checkout, 'reports', 'LATEST'), 'utf8').trim();
    expect(existsSync(join(checkout, 'reports', latest, 'rules', 'segments.v1.json'))).toBe(true);
    rmSync(checkout, { recursive: true, force: true }); // links are removed, not followed
  }, 900_000);
});
