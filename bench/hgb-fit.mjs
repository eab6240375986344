// One HistGradientBoosting fit on the rows of bench:models (200,000 × 30, the nonlinear generator, seed 1), for
// profiling (`node --cpu-prof bench/hgb-fit.mjs`) and quick timings. Loads dist/cjs (SEGLAB_DIST to override).
// Usage: node bench/hgb-fit.mjs [--rows 200000] [--threads N] [--runs 1] [--max-iter 100]
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seglab = createRequire(import.meta.url)(process.env.SEGLAB_DIST ?? join(root, 'dist/cjs/index.js'));
const { Matrix, Rng } = seglab;
const option = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const F = 30;

/** The generator of bench/models.mjs (and test/models/trees/treeFixtures.ts). */
function nonlinear(n, seed) {
  const rng = new Rng(seed);
  const X = new Float64Array(n * F);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < F; j++) X[i * F + j] = rng.normal();
    const x = X.subarray(i * F, i * F + F);
    const s = Math.sin(2 * x[0]) + x[1] * x[2] + (x[3] > 0.5 ? 1.5 : -0.5) + 0.5 * x[4] * x[4] - 0.8;
    y[i] = rng.next() < 1 / (1 + Math.exp(-2 * s)) ? 1 : 0;
    for (let j = 0; j < F; j++) if (rng.next() < 0.05) X[i * F + j] = NaN;
  }
  return { X: new Matrix(X, n, F, Array.from({ length: F }, (_, j) => `f${j}`)), y };
}

const { X, y } = nonlinear(Number(option('rows', 200_000)), 1);
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
