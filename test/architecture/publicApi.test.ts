import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from '../../src';

const root = join(__dirname, '..', '..');

/** Every name src/index.ts exports, types included (what `import … from 'seglab'` can name). */
function indexExports(): Set<string> {
  const index = join(root, 'src', 'index.ts');
  const program = ts.createProgram([index], { strict: true, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, skipLibCheck: true, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  return new Set(checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(index)!)!).map((s) => s.name));
}

/** Names in `import { a, type B, c as d } from 'seglab'` statements of a text. */
function importedNames(text: string): string[] {
  return [...text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'seglab'/g)].flatMap((m) =>
    m[1]!
      .split(',')
      .map((s) => s.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!)
      .filter(Boolean),
  );
}

/** The README's Library section: the calls it documents, as a program would write them. */
function readmeLibraryNames(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Library');
  expect(start, 'README.md has a Library section').toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  return importedNames(readme.slice(start, end < 0 ? undefined : end));
}

/** What the notebooks use: `seglab.name` after `import * as seglab from 'seglab'`, and named imports. */
function notebookNames(): string[] {
  const dir = join(root, 'notebooks');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ipynb'))
    .flatMap((f) => {
      const nb = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { cells: { cell_type: string; source: string[] | string }[] };
      const code = nb.cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source)).join('\n');
      return [...[...code.matchAll(/\bseglab\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!), ...importedNames(code)];
    });
}

describe('the public API (src/index.ts)', () => {
  const exported = indexExports();

  it('exports every name the README Library section imports from seglab', () => {
    const names = readmeLibraryNames();
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => !exported.has(n))).toEqual([]);
  });

  it('exports every name the notebooks use', () => {
    const names = [...new Set(notebookNames())];
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => !exported.has(n))).toEqual([]);
  });

  it('the README names that are values are values at run time (not only types)', () => {
    const values = readmeLibraryNames();
    expect(values.filter((n) => (api as Record<string, unknown>)[n] === undefined)).toEqual([]);
  });
});
