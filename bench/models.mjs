// Benchmark (issue 14): the churn/propensity model families against scikit-learn 1.2.1, side by side in one run,
// on seeded synthetic rows (30 columns, a non-linear truth: sin, a product, a step, a square; 5% of cells NaN):
// 200,000 rows to fit, 50,000 held out for the AUC, and 1,000,000 rows scored with the boosted model.
// The peer: bench/peer_models.py (Debian's python3 with scikit-learn 1.2.1) on the very same rows (raw
// little-endian files in a temporary folder), each family's fit timed in its process. scikit-learn 1.2's
// RandomForestClassifier takes no NaN, so the peer fills NaN with each column's training median first (timed with it).
// The logistic regression and the MLP take no NaN on either side: both fill each column's training median first,
// before the clock starts (their bars are about the fit); the peers are Pipeline(StandardScaler, LogisticRegression()) at its defaults (lbfgs, C = 1,
// as bench/logistic.mjs) and Pipeline(StandardScaler, MLPClassifier) with seglab's MLP defaults ((32, 16), adam
// at 1e-3, batches of 256, alpha 1e-4, early stopping on 10% with patience 10); seglab standardises inside both.
// Appends a dated section to BENCHMARKS.md.
// --one-thread: the load-robust proxy on a shared machine — seglab's tree models with threads: 1, the peer with OMP_NUM_THREADS=1
// (its forest with n_jobs=1). --peer-threads N caps only the peer's OpenMP and BLAS threads (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS).
// Usage: npm run bench:models [-- --rows 200000] [--skip-peer] [--no-record] [--one-thread] [--peer-threads N] [--only hist-gradient-boosting,random-forest,logistic-regression,mlp]
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { F, nonlinearRows } from './nonlinearRows.mjs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const seglab = require(join(root, 'dist/cjs/index.js'));
const { Matrix } = seglab;
const flag = (name) => process.argv.includes(`--${name}`);
const option = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const python = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const nTrain = Number(option('rows', 200_000));
const peerThreads = option('peer-threads', null);
const nTest = 50_000;
const nScore = 1_000_000;
const oneThread = flag('one-thread');
const threads = oneThread ? { threads: 1 } : {};


function auc(score, y) {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let rankSum = 0, pos = 0;
  for (let k = 0; k < idx.length; ) {
    let e = k;
    while (e + 1 < idx.length && score[idx[e + 1]] === score[idx[k]]) e++;
    for (let q = k; q <= e; q++) if (y[idx[q]] === 1) { rankSum += (k + e + 2) / 2; pos++; }
    k = e + 1;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * (y.length - pos));
}

/** X with each column's NaN replaced by that column's median over `fit` (the training rows). */
function medianFilled(X, fit) {
  const { rows, cols } = X;
  const data = Float64Array.from(X.data);
  const col = new Float64Array(fit.rows);
  for (let j = 0; j < cols; j++) {
    let m = 0;
    for (let i = 0; i < fit.rows; i++) if (!Number.isNaN(fit.data[i * cols + j])) col[m++] = fit.data[i * cols + j];
    const known = col.subarray(0, m).sort();
    const med = m === 0 ? 0 : m % 2 ? known[m >> 1] : (known[(m >> 1) - 1] + known[m >> 1]) / 2;
    for (let i = 0; i < rows; i++) if (Number.isNaN(data[i * cols + j])) data[i * cols + j] = med;
  }
  return new Matrix(data, rows, cols, X.columns);
}

/** The families measured: our estimator (its fit and held-out scores) and the name the peer knows it by. */
const FAMILIES = [
  { name: 'hist-gradient-boosting', create: () => new seglab.HistGradientBoosting({ seed: 0, ...threads }), peer: 'HistGradientBoostingClassifier(random_state=0)', goal: 'fit ≤ 1.5× peer, AUC ≥ peer − 0.005' },
  { name: 'random-forest', create: () => new seglab.RandomForest({ nEstimators: 100, seed: 0, ...threads }), peer: 'RandomForestClassifier(100, n_jobs=2) on median-filled NaN', goal: 'fit faster than peer' },
  { name: 'logistic-regression', create: () => new seglab.LogisticRegression(), filled: true, peer: 'Pipeline(StandardScaler, LogisticRegression()) on median-filled NaN', goal: 'fit ≤ 2× peer' },
  { name: 'mlp', create: () => new seglab.Mlp({ seed: 0 }), filled: true, peer: 'Pipeline(StandardScaler, MLPClassifier((32, 16), early stopping)) on median-filled NaN', goal: 'fit ≤ 2× peer (none in the issue)' },
];
const only = option('only', null)?.split(',');
const families = FAMILIES.filter((f) => !only || only.includes(f.name));

console.error(`generating ${nTrain.toLocaleString('en-US')} + ${nTest.toLocaleString('en-US')} rows × ${F} …`);
const train = nonlinearRows(seglab, nTrain, 1);
const test = nonlinearRows(seglab, nTest, 2);
const load = [loadavg()[0]];
const ours = {};
for (const fam of families) {
  console.error(`seglab ${fam.name} …`);
  // The logistic regression and the MLP on median-filled rows, filled before the clock starts (the peer does the same).
  const [Xtrain, Xtest] = fam.filled ? [medianFilled(train.X, train.X), medianFilled(test.X, train.X)] : [train.X, test.X];
  const t0 = performance.now(), c0 = process.cpuUsage();
  const model = await fam.create().fit(Xtrain, train.y);
  const fitSeconds = (performance.now() - t0) / 1000;
  // CPU seconds of every thread of the process: what the fit cost, whatever share of the cores the machine gave it.
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  ours[fam.name] = { fitSeconds, cpuSeconds, auc: auc(model.predictProba(Xtest), test.y), iterations: model.iterations ?? model.convergence?.iterations ?? model.training?.epochs ?? model.trees?.length, threads: model.fitThreads ?? 1, backend: model.backend?.backend ?? null, model };
  console.error(`  fit ${fitSeconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s), ${ours[fam.name].iterations} iterations, ${ours[fam.name].threads} thread(s), AUC ${ours[fam.name].auc.toFixed(4)}`);
}
let scoring = null;
if (ours['hist-gradient-boosting']) {
  console.error(`scoring ${nScore.toLocaleString('en-US')} rows with the boosted model …`);
  const big = nonlinearRows(seglab, nScore, 3);
  const model = ours['hist-gradient-boosting'].model;
  model.predictProba(test.X); // warm up the scoring loop
  // Best of 3 on every thread the machine has (what predictProba does), then once on the calling thread alone.
  const runs = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    model.predictProba(big.X);
    runs.push((performance.now() - t0) / 1000);
  }
  const threads = model.ensemble.lastThreads;
  const t1 = performance.now();
  model.ensemble.sum(big.X, 1);
  scoring = { rows: nScore, seconds: Math.min(...runs), runs, threads, oneThreadSeconds: (performance.now() - t1) / 1000, trees: model.iterations };
  console.error(`  ${scoring.seconds.toFixed(2)} s on ${scoring.threads} threads (runs ${runs.map((r) => r.toFixed(2)).join(', ')}), ${scoring.oneThreadSeconds.toFixed(2)} s on one`);
}
load.push(loadavg()[0]);

let peer = null;
if (!flag('skip-peer')) {
  const dir = mkdtempSync(join(tmpdir(), 'seglab-models-'));
  try {
    writeFileSync(join(dir, 'train_X.f64'), train.X.data);
    writeFileSync(join(dir, 'train_y.u8'), train.y);
    writeFileSync(join(dir, 'test_X.f64'), test.X.data);
    writeFileSync(join(dir, 'test_y.u8'), test.y);
    console.error(`peer (${python} bench/peer_models.py) on the same rows …`);
    const capped = oneThread ? '1' : peerThreads;
    const env = capped ? { ...process.env, OMP_NUM_THREADS: capped, OPENBLAS_NUM_THREADS: capped, ...(oneThread && { SEGLAB_PEER_JOBS: '1' }) } : process.env;
    const r = spawnSync(python, [join(root, 'bench/peer_models.py'), dir, String(F), families.map((f) => f.name).join(',')], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'], env });
    if (r.status !== 0) throw new Error(`peer_models.py failed (exit ${r.status})`);
    peer = JSON.parse(r.stdout.trim().split('\n').at(-1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
load.push(loadavg()[0]);

const rows = families.map((fam) => {
  const o = ours[fam.name];
  const p = peer?.[fam.name];
  return { family: fam.name, seglab: { fitSeconds: round(o.fitSeconds), cpuSeconds: round(o.cpuSeconds), auc: round(o.auc, 4), iterations: o.iterations, threads: o.threads, backend: o.backend }, peer: p ? { model: fam.peer, fitSeconds: round(p.fitSeconds), cpuSeconds: round(p.cpuSeconds), auc: round(p.auc, 4), iterations: p.iterations, threads: p.threads } : null, goal: fam.goal };
});
/** The boosted fit per iteration (both sides stop early on their own validation loss, so their counts may differ). */
function perIteration(family, side) {
  return family === 'hist-gradient-boosting' && side.iterations > 0 ? `, ${round((side.fitSeconds * 1000) / side.iterations, 1)} ms each${side.threads ? ` on ${side.threads} thread${side.threads > 1 ? 's' : ''}` : ''}` : '';
}
function round(v, d = 2) {
  return Math.round(v * 10 ** d) / 10 ** d;
}
const result = { date: new Date().toISOString(), peerThreads: oneThread ? 1 : peerThreads === null ? 'default' : Number(peerThreads), machine: `${cpus()[0]?.model} × ${availableParallelism()}, ${Math.round(totalmem() / 2 ** 30)} GB`, node: process.version, loadAverage: load.map((l) => round(l)), rows: { train: nTrain, test: nTest, cols: F }, oneThread, families: rows, scoring, peerScoring: peer?.scoring ?? null };
console.log(JSON.stringify(result, null, 2));

if (!flag('no-record')) {
  const table = rows
    .map((r) => `| ${r.family}${r.seglab.backend ? ` (${r.seglab.backend} backend)` : ''} | ${r.seglab.fitSeconds} s (${r.family === 'random-forest' ? `${r.seglab.threads} threads` : `${r.seglab.iterations} ${r.family === 'mlp' ? 'epochs' : 'iterations'}${perIteration(r.family, r.seglab)}`}) | ${r.peer ? `${r.peer.fitSeconds} s${r.family !== 'random-forest' ? ` (${r.peer.iterations} ${r.family === 'mlp' ? 'epochs' : 'iterations'}${perIteration(r.family, r.peer)})` : ''}` : '–'} | ${r.peer ? `${round(r.seglab.fitSeconds / r.peer.fitSeconds)}×` : '–'} | ${r.seglab.cpuSeconds} s / ${r.peer?.cpuSeconds ?? '–'} s | ${r.seglab.auc} | ${r.peer?.auc ?? '–'} | ${r.goal} |`)
    .join('\n');
  appendFileSync(
    join(root, 'BENCHMARKS.md'),
    `\n### ${result.date.slice(0, 10)}: ${nTrain.toLocaleString('en-US')} × ${F} synthetic rows, side by side with scikit-learn 1.2.1\n\n` +
      `Machine: ${result.machine}, Node ${result.node}${oneThread ? '; **one thread each** (seglab threads: 1, OMP_NUM_THREADS=1)' : peerThreads ? `; scikit-learn on ${peerThreads} thread(s) (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS)` : ''}; load average ${result.loadAverage.join(' → ')} (start → after seglab → after the peer). ` +
      `AUC on ${nTest.toLocaleString('en-US')} held-out rows.\n\n` +
      `| family | seglab fit | scikit-learn fit | ratio | CPU seglab / scikit-learn | seglab AUC | scikit-learn AUC | goal |\n|---|---|---|---|---|---|---|---|\n${table}\n` +
      (scoring ? `\nScoring ${nScore.toLocaleString('en-US')} rows with the boosted model (${scoring.trees} trees): ${round(scoring.seconds)} s on ${scoring.threads} threads, best of 3 (${scoring.runs.map((r) => round(r)).join(', ')}; ${round(scoring.oneThreadSeconds)} s on one thread; goal < 2 s)${peer?.scoring ? `; scikit-learn predict_proba on the same model size: ${round(peer.scoring.seconds)} s` : ''}.\n` : ''),
  );
  console.error('recorded in BENCHMARKS.md');
}
