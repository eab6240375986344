import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));

/**
 * Tests are type-checked before they run: a test naming an identifier it never imported once passed
 * `tsc -p tsconfig.json` (src/ only) and failed only in CI.
 */
describe('tests are type-checked', () => {
  it('tsconfig.test.json covers every .ts file of test/ and src/, and emits nothing', () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.test.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
    expect(parsed, 'tsconfig.test.json exists and parses').toBeDefined();
    expect(parsed!.errors).toEqual([]);
    expect(parsed!.options.noEmit).toBe(true);
    expect(parsed!.options.strict).toBe(true);
    const covered = new Set(parsed!.fileNames.map((f) => resolve(f)));
    const expected = [...walk(join(root, 'test')), ...walk(join(root, 'src'))];
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.filter((f) => !covered.has(resolve(f)))).toEqual([]);
  });

  it('npm test type-checks the tests before vitest runs', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['typecheck:test']).toBe('tsc -p tsconfig.test.json');
    const test = scripts['test']!;
    expect(test).toMatch(/typecheck:test/);
    expect(test.indexOf('typecheck:test')).toBeLessThan(test.indexOf('vitest'));
  });
});
