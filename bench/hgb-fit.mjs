// One HistGradientBoosting fit on the rows of bench:models (200,000 × 30, the nonlinear generator, seed 1), for
// profiling (`node --cpu-prof bench/hgb-fit.mjs`) and quick timings. Loads dist/cjs (SEGLAB_DIST to override).
// Usage: node bench/hgb-fit.mjs [--rows 200000] [--threads N] [--runs 1] [--max-iter 100]
import { createRequire } from 'node:module';
import { F, nonlinearRows } from './nonlinearRows.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seglab = createRequire(import.meta.url)(process.env.SEGLAB_DIST ?? join(root, 'dist/cjs/index.js'));

const option = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};


const { X, y } = nonlinearRows(seglab, Number(option('rows', 200_000)), 1);
const params = { seed: 0, maxIter: Number(option('max-iter', 100)) };
const threads = option('threads', null);
if (threads !== null) params.threads = Number(threads);
for (let r = 0; r < Number(option('runs', 1)); r++) {
  const load = loadavg()[0];
  const t0 = performance.now(), c0 = process.cpuUsage();
  const model = await new seglab.HistGradientBoosting(params).fit(X, y);
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6; // all threads of the process: the load-robust measure on a shared machine
  // The model's digest: equal digests = the same trees to the last bit (what a speed change must keep).
  // params.threads left out: it is the one field that may differ while the model does not.
  const { threads: _, ...rest } = model.toJSON().params;
  const digest = createHash('sha256').update(JSON.stringify({ ...model.toJSON(), params: rest })).digest('hex').slice(0, 16);
  console.log(`fit ${s.toFixed(2)} s, ${model.iterations} iterations (${((s * 1000) / model.iterations).toFixed(1)} ms each), CPU ${cpu.toFixed(2)} s, threads ${model.fitThreads ?? 1}, load ${load.toFixed(2)}, model sha256 ${digest}, last validation loss ${model.validationLoss?.at(-1)}`);
}
