// Execute every notebook in notebooks/ headless with the tslab kernel and render HTML into
// reports/notebooks/. Exits non-zero (and names the notebook and cell) when any cell errors.
// Usage: node scripts/run-notebooks.mjs [name-filter]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'reports', 'notebooks');
const filter = process.argv[2];
// The tslab kernel spec runs `tslab kernel …`: it must be on PATH.
const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH}` };

function need(cmd, args, fix) {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`run-notebooks: ${cmd} ${args.join(' ')} failed.\n${r.stderr ?? ''}\nfix: ${fix}`);
    process.exit(2);
  }
  return r.stdout;
}
need('jupyter', ['nbconvert', '--version'], 'apt-get install -y jupyter-client jupyter-nbconvert python3-nbclient python3-ipykernel');
const kernels = need('jupyter', ['kernelspec', 'list'], 'see above');
if (!/\btslab\b/.test(kernels)) {
  console.error('run-notebooks: the tslab kernel is not installed.\nfix: npx tslab install --python=/usr/bin/python3');
  process.exit(2);
}

const notebooks = readdirSync(join(root, 'notebooks'))
  .filter((f) => f.endsWith('.ipynb') && (!filter || f.includes(filter)))
  .sort();
if (!notebooks.length) {
  console.error(`run-notebooks: no notebook matches ${filter ?? '*.ipynb'} in notebooks/`);
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const nb of notebooks) {
  const t = performance.now();
  process.stderr.write(`  ${nb} …`);
  try {
    execFileSync(
      'jupyter',
      [
        'nbconvert', '--to', 'html', '--execute',
        '--ExecutePreprocessor.kernel_name=tslab',
        '--ExecutePreprocessor.timeout=600',
        // tslab compiles TypeScript before it answers; on a busy 2-core machine that exceeds the 60 s default.
        '--ExecutePreprocessor.startup_timeout=300',
        '--output-dir', outDir,
        join(root, 'notebooks', nb),
      ],
      { env, cwd: join(root, 'notebooks'), stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
    );
    process.stderr.write(` ok (${((performance.now() - t) / 1000).toFixed(1)} s) → reports/notebooks/${nb.replace(/\.ipynb$/, '.html')}\n`);
  } catch (err) {
    failed++;
    const stderr = String(err.stderr ?? err.message);
    // nbclient names the failing cell and the error: keep the tail, which has it.
    process.stderr.write(` FAILED\n${stderr.split('\n').slice(-40).join('\n')}\n`);
  }
}
console.error(`${notebooks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
