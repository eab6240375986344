import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const src = join(root, 'src');

/** What a layer may import: layer names, or every layer. */
type Allowed = ReadonlySet<string> | 'any';
interface Rule {
  runtime: Allowed;
  types: Allowed;
}

/** The layer table of docs/ARCHITECTURE.md: folder → "may import" ("core, viz (and, as types, any layer)"). */
function layerTable(): Map<string, Rule> {
  const doc = readFileSync(join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');
  const start = doc.indexOf('| folder | owns | may import |');
  expect(start, 'docs/ARCHITECTURE.md has the layer table').toBeGreaterThan(0);
  const rows = doc.slice(start).split('\n').slice(2);
  const table = new Map<string, Rule>();
  const list = (text: string): Allowed => (text === 'any layer' ? 'any' : new Set(text === 'nothing of ours' ? [] : text.split(',').map((s) => s.trim())));
  for (const row of rows) {
    if (!row.startsWith('|')) break;
    const cells = row.split('|').map((c) => c.trim());
    const folder = cells[1]!.replace(/\/$/, '');
    const m = /^(.*?)(?:\s*\(and, as types, (.*)\))?$/.exec(cells[3]!)!;
    const runtime = list(m[1]!.trim());
    const extra = m[2] === undefined ? new Set<string>() : list(m[2]);
    table.set(folder, { runtime, types: runtime === 'any' || extra === 'any' ? 'any' : new Set([...runtime, ...extra]) });
  }
  return table;
}

const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Every relative import of a file (static, re-exports, dynamic import() and require), and whether only types are named. */
function importsOf(file: string): Import[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: Import[] = [];
  const add = (spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (spec && ts.isStringLiteral(spec) && spec.text.startsWith('.')) out.push({ from: file, to: resolve(dirname(file), spec.text), typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (!clause.name && named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node.moduleSpecifier, node.isTypeOnly || (named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const layerOf = (path: string): string => relative(src, path).split(/[\\/]/)[0]!.replace(/\.ts$/, '');
const allows = (a: Allowed, layer: string): boolean => a === 'any' || a.has(layer);

describe('imports follow the layer table of docs/ARCHITECTURE.md', () => {
  const table = layerTable();
  const files = walk(src);

  it('every folder of src/ has a row in the table', () => {
    const folders = readdirSync(src).filter((f) => statSync(join(src, f)).isDirectory());
    expect(folders.length).toBeGreaterThan(10);
    expect(folders.filter((f) => !table.has(f))).toEqual([]);
  });

  it('no import goes against the table (run-time imports; import type where the table allows types)', () => {
    const imports = files.filter((f) => layerOf(f) !== 'index').flatMap(importsOf);
    expect(imports.length).toBeGreaterThan(500);
    const broken = imports
      .filter((i) => layerOf(i.to) !== layerOf(i.from))
      .filter((i) => {
        const rule = table.get(layerOf(i.from))!;
        return !allows(i.typeOnly ? rule.types : rule.runtime, layerOf(i.to));
      })
      .map((i) => `${relative(src, i.from)} → ${relative(src, i.to)}${i.typeOnly ? ' (type)' : ''}`);
    expect(broken).toEqual([]);
  });

  it('the CLI reaches the pipeline through pipeline/index.ts only', () => {
    const cli = files.filter((f) => layerOf(f) === 'cli').flatMap(importsOf);
    expect(cli.length).toBeGreaterThan(10);
    const deep = cli.filter((i) => layerOf(i.to) === 'pipeline' && relative(src, i.to) !== 'pipeline' && relative(src, i.to) !== join('pipeline', 'index'));
    expect(deep.map((i) => `${relative(src, i.from)} → ${relative(src, i.to)}`)).toEqual([]);
  });
});
