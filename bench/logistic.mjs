// Benchmark: logistic regression fit against scikit-learn's lbfgs, side by side in one run (issue 14: at most 2×).
//   200,000 × 30 synthetic rows (seeded, logistic ground truth: 10 informative columns on mixed scales, 20 noise),
//   written once as raw float64 for the peer (bench/peer_logistic.py, Debian /usr/bin/python3 with sklearn 1.2.1),
//   which fits Pipeline(StandardScaler(), LogisticRegression()) with defaults. seglab fits with its defaults
//   (l2, C = 1, standardised, lbfgs, tol 1e-6), with tol 1e-4, and with newton; each fit is timed 3 times, the best kept.
// Usage: npm run build && node bench/logistic.mjs [--rows 200000] [--cols 30]   (SEGLAB_DIST=<folder> to load another build)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const seglab = require(join(root, process.env.SEGLAB_DIST ?? 'dist/cjs', 'index.js'));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const n = arg('--rows', 200_000);
const d = arg('--cols', 30);
const rng = new seglab.Rng(14);
const scales = Array.from({ length: d }, (_, j) => [1, 10, 100, 0.1][j % 4]);
const offsets = Array.from({ length: d }, (_, j) => [0, 50, 1000, 0][j % 4]);
const beta = Array.from({ length: d }, (_, j) => (j < 10 ? rng.uniform(-1, 1) : 0));
const data = new Float64Array(n * d);
const y = new Uint8Array(n);
for (let i = 0; i < n; i++) {
  let z = -0.8;
  for (let j = 0; j < d; j++) {
    const u = rng.normal();
    data[i * d + j] = offsets[j] + scales[j] * u;
    z += beta[j] * u;
  }
  y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
}
const X = new seglab.Matrix(data, n, d, Array.from({ length: d }, (_, j) => `f${j}`));
const dir = mkdtempSync(join(tmpdir(), 'seglab-logistic-'));
writeFileSync(join(dir, 'X.f64'), Buffer.from(data.buffer));
writeFileSync(join(dir, 'y.u8'), Buffer.from(y.buffer));

console.log(`bench:logistic on ${cpus()[0]?.model} × ${cpus().length}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ${n.toLocaleString('en-US')} × ${d}, ${y.reduce((s, v) => s + v, 0).toLocaleString('en-US')} events`);
const peer = JSON.parse(execFileSync('/usr/bin/python3', [join(root, 'bench', 'peer_logistic.py'), dir, String(n), String(d)], { encoding: 'utf8' }));
rmSync(dir, { recursive: true, force: true });

const results = [];
for (const params of [{}, { tol: 1e-4 }, { solver: 'newton' }]) {
  let best = Infinity;
  let model;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    model = await new seglab.LogisticRegression(params).fit(X, y);
    best = Math.min(best, performance.now() - t0);
  }
  const diff = Math.max(...Array.from(model.coefStandardized, (b, j) => Math.abs(b - peer.coefTight[j])), Math.abs(model.interceptStandardized - peer.interceptTight));
  results.push({ params, best, model, diff });
}
console.log(`scikit-learn ${peer.version} lbfgs (defaults): ${(peer.seconds * 1000).toFixed(0)} ms (best of 3, ${peer.nIter} iterations); max |coef - optimum| ${peer.diff.toExponential(1)}`);
for (const { params, best, model, diff } of results) {
  const c = model.convergence;
  console.log(`seglab ${c.solver}${params.tol ? ` tol ${params.tol}` : ''}: ${best.toFixed(0)} ms (best of 3, ${c.iterations} iterations, ${c.converged ? 'converged' : 'NOT converged'}); ${(best / 1000 / peer.seconds).toFixed(2)}× scikit-learn; max |coef - optimum| ${diff.toExponential(1)}`);
}
console.log(`(optimum: scikit-learn newton-cg, tol 1e-10; load after ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
