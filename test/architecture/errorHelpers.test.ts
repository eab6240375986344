import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const src = join(root, 'src');
const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));

/** Messages whose pattern has one helper in core: a hand-written copy elsewhere is a second style (code lines, not comments). */
const ONE_PLACE: Array<[RegExp, string]> = [
  [/Error\(`Invalid [^`]* JSON: /, 'savedJsonError (core/errors)'],
  [/must be a Matrix \(got/, 'checkMatrix (core/checkMatrix)'],
  [/Error\(.*(?:does not have the columns the model was fitted on|the fitted columns|the tree was fitted)/, 'checkFittedColumns (core/checkFittedColumns)'],
  [/=== null \? 'null' : typeof /, 'typeName (core/errors)'],
  [/function assert(?:Never|Unreachable|Section)\b|\(\w+: never[,)]/, 'assertUnreachable (core/assertUnreachable)'],
];
const code = (text: string): string => text.split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l)).join('\n');

describe('one error helper per message pattern', () => {
  it('no file outside core writes a message pattern core has a helper for', () => {
    const files = walk(src).filter((f) => !relative(src, f).startsWith('core/'));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => {
      const text = code(readFileSync(f, 'utf8'));
      return ONE_PLACE.filter(([rx]) => rx.test(text)).map(([, helper]) => `${relative(root, f)}: use ${helper}`);
    });
    expect(found).toEqual([]);
  });
});
