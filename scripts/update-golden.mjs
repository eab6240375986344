// `npm run golden:update`: runs every test that uses test/golden.ts with SEGLAB_UPDATE_GOLDEN=1, so the golden
// files they compare with are rewritten. The only way they are written: a test never writes a missing one.
// Review the diff (`git diff test/golden schemas`) before committing it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const files = walk(join(root, 'test'))
  .filter((f) => f.endsWith('.test.ts') && !f.endsWith(join('test', 'golden.test.ts')))
  .filter((f) => /from '(\.\.\/)+golden'|from '\.\/golden'/.test(readFileSync(f, 'utf8')))
  .map((f) => relative(root, f));
if (files.length === 0) throw new Error('no test imports test/golden.ts');
console.error(`updating the golden files of ${files.join(', ')}`);
execFileSync(join(root, 'node_modules/.bin/vitest'), ['run', ...files], { cwd: root, stdio: 'inherit', env: { ...process.env, SEGLAB_UPDATE_GOLDEN: '1' } });
