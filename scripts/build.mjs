// Build: TypeScript → CommonJS + .d.ts in dist/cjs (what tslab notebooks and the CLI load),
// then a thin ES-module wrapper in dist/esm that re-exports the CommonJS build. One implementation
// behind both entry points avoids the dual-package hazard (two copies of every class).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], {
  stdio: 'inherit',
});
writeFileSync(join(root, 'dist/cjs/package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');

const require = createRequire(import.meta.url);
const api = require(join(root, 'dist/cjs/index.js'));
const names = Object.keys(api).filter((n) => n !== 'default' && n !== '__esModule').sort();
mkdirSync(join(root, 'dist/esm'), { recursive: true });
writeFileSync(
  join(root, 'dist/esm/index.js'),
  `import cjs from '../cjs/index.js';\nexport const { ${names.join(', ')} } = cjs;\nexport default cjs;\n`,
);
writeFileSync(join(root, 'dist/esm/index.d.ts'), `export * from '../cjs/index.js';\n`);
writeFileSync(join(root, 'dist/esm/package.json'), JSON.stringify({ type: 'module' }) + '\n');
console.error(`built dist/cjs (CommonJS + .d.ts) and dist/esm (${names.length} exports)`);
