// Benchmark: the surrogate decision tree behind `seglab export` on a large base.
//   Gaussian blobs N × 12 in 6 segments (seeded, generated in memory, not timed); DecisionTree fit
//   (depth 4 and 6) and predict, then surrogateRules (split, fit, extract, round, holdout fidelity).
// Usage: npm run bench:tree [-- --rows 1000000]
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const seglab = require(join(root, 'dist/cjs/index.js'));
const i = process.argv.indexOf('--rows');
const n = i > 0 ? Number(process.argv[i + 1]) : 1_000_000;
const d = 12;
const k = 6;
const rng = new seglab.Rng(9);
const centres = Array.from({ length: k * d }, () => rng.uniform(-5, 5));
const data = new Float64Array(n * d);
const labels = new Int32Array(n);
for (let r = 0; r < n; r++) {
  const c = r % k;
  labels[r] = c;
  for (let j = 0; j < d; j++) data[r * d + j] = centres[c * d + j] + 2 * rng.normal();
}
const X = new seglab.Matrix(data, n, d, Array.from({ length: d }, (_, j) => `f${j}`));
console.log(`bench:tree on ${cpus()[0]?.model} × ${cpus().length}, load ${loadavg()[0].toFixed(2)}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ${n.toLocaleString('en-US')} × ${d}, k = ${k}`);
for (const maxDepth of [4, 6]) {
  const t0 = performance.now();
  const model = new seglab.DecisionTree({ maxDepth, seed: 1 }).fit(X, labels);
  const t1 = performance.now();
  const pred = model.predict(X);
  const t2 = performance.now();
  let ok = 0;
  for (let r = 0; r < n; r++) if (pred[r] === labels[r]) ok++;
  console.log(`depth ${maxDepth}: fit ${((t1 - t0) / 1000).toFixed(2)} s, predict ${((t2 - t1) / 1000).toFixed(2)} s, ${model.nodeCount} nodes, training accuracy ${(ok / n * 100).toFixed(1)}%`);
}
const t = performance.now();
const sur = seglab.surrogateRules(X, labels, { seed: 1 });
console.log(`surrogateRules (split 75/25, fit, extract, round, fidelity): ${((performance.now() - t) / 1000).toFixed(2)} s, holdout accuracy ${(sur.fidelity.holdout.accuracy * 100).toFixed(1)}% (unrounded ${(sur.fidelity.holdoutUnrounded.accuracy * 100).toFixed(1)}%)`);
