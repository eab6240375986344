// Execute every notebook in notebooks/ headless with the tslab kernel and render HTML into
// reports/notebooks/. Exits non-zero (and names the notebook and cell) when any cell errors.
// First checks that every committed notebook is clean: nbformat 4.5 with a unique id on every cell
// (nbconvert warns MissingIDFieldWarning and invents random ids otherwise) and no outputs.
// Usage: node scripts/run-notebooks.mjs [--check] [--dir FOLDER] [name-filter]
//   --check  only check the committed notebooks (exit 1 naming each problem), execute nothing
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'reports', 'notebooks');
const args = process.argv.slice(2);
const checkOnly = take('--check');
const dirArg = take('--dir', true);
const notebookDir = dirArg ? resolve(dirArg) : join(root, 'notebooks');
if (args.some((a) => a.startsWith('--'))) {
  console.error(`run-notebooks: unknown option ${args.find((a) => a.startsWith('--'))}\nusage: node scripts/run-notebooks.mjs [--check] [--dir FOLDER] [name-filter]`);
  process.exit(2);
}
const filter = args[0];

/** Remove a flag (and its value) from args; returns true / the value, or undefined when absent. */
function take(flag, withValue = false) {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, withValue ? 2 : 1);
  if (withValue && value === undefined) {
    console.error(`run-notebooks: ${flag} needs a value`);
    process.exit(2);
  }
  return withValue ? value : true;
}

/** What is wrong with a committed notebook: missing or duplicate cell ids, outputs, execution counts. */
function problemsOf(file) {
  let nb;
  try {
    nb = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return [`not a JSON notebook (${err.message})`];
  }
  const problems = [];
  if (nb.nbformat !== 4 || !(nb.nbformat_minor >= 5)) problems.push(`nbformat ${nb.nbformat}.${nb.nbformat_minor}: cell ids need 4.5 (set "nbformat_minor": 5)`);
  const seen = new Map();
  (nb.cells ?? []).forEach((cell, i) => {
    const where = `cell ${i + 1} (${cell.cell_type})`;
    // nbformat 4.5: 1-64 letters, digits, "-" or "_", unique in the notebook.
    if (typeof cell.id !== 'string') problems.push(`${where} has no "id": give it a short stable one, e.g. "${cell.cell_type}-${i + 1}"`);
    else if (!/^[A-Za-z0-9_-]{1,64}$/.test(cell.id)) problems.push(`${where} has id "${cell.id}": use 1-64 letters, digits, "-" or "_"`);
    else if (seen.has(cell.id)) problems.push(`${where} repeats the id "${cell.id}" of cell ${seen.get(cell.id)}`);
    else seen.set(cell.id, i + 1);
    if (cell.cell_type === 'code' && (cell.outputs ?? []).length) problems.push(`${where} has outputs: clear them before committing (notebooks are committed without outputs)`);
    if (cell.cell_type === 'code' && cell.execution_count != null) problems.push(`${where} has execution_count ${cell.execution_count}: clear outputs before committing`);
  });
  return problems;
}
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
const notebooks = readdirSync(notebookDir)
  .filter((f) => f.endsWith('.ipynb') && (!filter || f.includes(filter)))
  .sort();
if (!notebooks.length) {
  console.error(`run-notebooks: no notebook matches ${filter ?? '*.ipynb'} in ${notebookDir}`);
  process.exit(2);
}
const unclean = notebooks.flatMap((nb) => problemsOf(join(notebookDir, nb)).map((p) => `  ${nb}: ${p}`));
if (unclean.length) {
  console.error(`run-notebooks: ${unclean.length} problem(s) in the committed notebooks:\n${unclean.join('\n')}`);
  process.exit(1);
}
if (checkOnly) {
  console.error(`${notebooks.length} notebook(s) clean: every cell has a unique id, no outputs`);
  process.exit(0);
}

need('jupyter', ['nbconvert', '--version'], 'apt-get install -y jupyter-client jupyter-nbconvert python3-nbclient python3-ipykernel');
const kernels = need('jupyter', ['kernelspec', 'list'], 'see above');
if (!/\btslab\b/.test(kernels)) {
  console.error('run-notebooks: the tslab kernel is not installed.\nfix: npx tslab install --python=/usr/bin/python3');
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
        join(notebookDir, nb),
      ],
      { env, cwd: notebookDir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
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
