// Benchmark: seglab's clustering against scikit-learn on the same data.
//   k-means: Gaussian blobs 1M × 12, k = 8, one k-means++ start (nInit 1 / n_init=1, sklearn algorithm='lloyd');
//   also on overlapping blobs (sd 5), where a run takes many iterations.
//   Mini-batch k-means on the same overlapping blobs (each library's defaults, batch 1024; seed = run
//   number, so the runs show whether every seed settles near full k-means' inertia).
//   Gaussian mixture: 100k × 12, k = 8, full covariances (if src/cluster/mixture/GaussianMixture.ts is built).
//   DBSCAN: 50k × 4 (if src/cluster/dbscan/DBSCAN.ts is built).
//   kmeans-iter: per-iteration and setup cost on the same trajectory — both libraries start from the
//   same k rows of the overlapping blobs (drawn with seed 7), tol 0, fitted once with maxIter 1 and once
//   with maxIter 21: per iteration = (t21 − t1) / 20, setup = t1 − per iteration. Not in the default set.
//   OMP_NUM_THREADS=1 limits both libraries to one thread (seglab reads it as KMeans' threads);
//   BENCH_KMEANS_ALGORITHM=lloyd runs seglab's plain Lloyd instead of its default (Hamerly).
// The data is generated once (seeded) into bench/data/cluster/ as raw little-endian float64 (not timed);
// each measured fit runs in its own child process (node, or python3 for scikit-learn) so that its peak
// RSS is that process's own maxRSS. Three runs each, alternating ours and scikit-learn; medians reported.
// scikit-learn comes from Debian (apt-get install -y python3-sklearn); without it that column is skipped
// (BENCH_PYTHON=/path/to/python3 picks another interpreter).
// Usage: npm run bench:cluster [-- --runs 3] [--only kmeans,kmeans-overlap,minibatch,gmm,dbscan]   (SEGLAB_DIST=<cjs build> to bench another build)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const argValue = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
// SEGLAB_DIST points at another CommonJS build (e.g. a scratch tsc output) instead of dist/cjs.
const dist = process.env.SEGLAB_DIST ?? join(root, 'dist/cjs');

/** The build's module for a class: its own file under cluster/ (works before src/index.ts exports it), else the index. */
function load(file, name) {
  const path = join(dist, 'cluster', `${file}.js`);
  if (existsSync(path)) return require(path)[name];
  return require(join(dist, 'index.js'))[name];
}

const TASKS = {
  kmeans: { n: 1_000_000, d: 12, k: 8, sd: 1, seed: 1 },
  // The same size with blobs that overlap (sd 5 around centres in [-10, 10]^12): many Lloyd iterations.
  'kmeans-overlap': { n: 1_000_000, d: 12, k: 8, sd: 5, seed: 4 },
  // Mini-batch k-means on the kmeans-overlap data (same file).
  minibatch: { n: 1_000_000, d: 12, k: 8, sd: 5, seed: 4, dataOf: 'kmeans-overlap' },
  gmm: { n: 100_000, d: 12, k: 8, sd: 1.5, seed: 2 },
  dbscan: { n: 50_000, d: 4, k: 8, sd: 1, seed: 3, eps: 0.5, minSamples: 10 },
  'kmeans-iter': { n: 1_000_000, d: 12, k: 8, sd: 5, seed: 4, dataOf: 'kmeans-overlap', initSeed: 7, iters: [1, 21] },
};

/** kmeans-iter: k distinct rows of the data drawn with spec.initSeed, the initial centres both libraries get. */
function initCentres(X, spec) {
  const { Rng } = require(join(dist, 'core/rng.js'));
  const rng = new Rng(spec.initSeed);
  const rows = new Set();
  while (rows.size < spec.k) rows.add(rng.int(spec.n));
  return [...rows].map((i) => Array.from(X.subarray(i * spec.d, (i + 1) * spec.d)));
}

if (process.argv[2] === '--child') {
  // Measured part, ours: read the raw data, fit, report.
  const [task, file, n, d, run] = [process.argv[3], process.argv[4], Number(process.argv[5]), Number(process.argv[6]), Number(process.argv[7] ?? 0)];
  const { Matrix } = require(join(dist, 'core/Matrix.js'));
  const buf = readFileSync(file);
  const X = new Matrix(new Float64Array(buf.buffer, buf.byteOffset, n * d), n, d);
  const spec = TASKS[task];
  const t0 = performance.now();
  let out;
  if (task === 'kmeans-iter') {
    const KMeans = load('kmeans/KMeans', 'KMeans');
    const init = initCentres(X.data, spec);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const m = new KMeans({ k: spec.k, nInit: 1, init, tol: 0, maxIter: Number(process.argv[8]), ...(process.env.BENCH_KMEANS_ALGORITHM ? { algorithm: process.env.BENCH_KMEANS_ALGORITHM } : {}), ...(process.env.OMP_NUM_THREADS ? { threads: Number(process.env.OMP_NUM_THREADS) } : {}) }).fit(X);
    const cpu = process.cpuUsage(c1);
    out = { seconds: (performance.now() - t1) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxIter: Number(process.argv[8]), nIter: m.nIter, inertia: m.inertia };
  } else if (task === 'minibatch') {
    const MiniBatchKMeans = load('minibatch/MiniBatchKMeans', 'MiniBatchKMeans');
    const m = new MiniBatchKMeans({ k: spec.k, seed: run }).fit(X);
    out = { seconds: (performance.now() - t0) / 1000, seed: run, nInit: m.params.nInit, nSteps: m.nSteps, inertia: m.inertia };
  } else if (task.startsWith('kmeans')) {
    const KMeans = load('kmeans/KMeans', 'KMeans');
    const m = new KMeans({ k: spec.k, nInit: 1, seed: 0 }).fit(X);
    out = { seconds: (performance.now() - t0) / 1000, nIter: m.nIter, inertia: m.inertia };
  } else if (task === 'gmm') {
    const GaussianMixture = load('mixture/GaussianMixture', 'GaussianMixture');
    const m = new GaussianMixture({ k: spec.k, covarianceType: 'full', seed: 0, nInit: 1 }).fit(X);
    const seconds = (performance.now() - t0) / 1000;
    out = { seconds, nIter: m.nIter, converged: m.converged, logLikelihood: m.logLikelihood, bic: m.bic(X) };
  } else {
    const DBSCAN = load('dbscan/DBSCAN', 'DBSCAN');
    const m = new DBSCAN({ eps: spec.eps, minSamples: spec.minSamples }).fit(X);
    const seconds = (performance.now() - t0) / 1000;
    let noise = 0;
    for (const l of m.labels) if (l < 0) noise++;
    out = { seconds, clusters: m.k, noise };
  }
  out.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

// The same measurement in scikit-learn (its fit includes its own input checks, as ours does).
const PYTHON = String.raw`
import json, resource, sys, time
import numpy as np
task, path, n, d = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
spec = json.loads(sys.argv[5])
run = int(sys.argv[6]) if len(sys.argv) > 6 else 0
X = np.fromfile(path, dtype='<f8').reshape(n, d)
t0 = time.perf_counter()
if task == 'kmeans-iter':
    from sklearn.cluster import KMeans
    init = np.array(json.loads(sys.argv[8]))
    t0 = time.perf_counter()
    c0 = time.process_time()
    m = KMeans(n_clusters=spec['k'], init=init, n_init=1, max_iter=int(sys.argv[7]), tol=0, algorithm='lloyd').fit(X)
    out = dict(seconds=time.perf_counter() - t0, cpuSeconds=time.process_time() - c0, maxIter=int(sys.argv[7]), nIter=int(m.n_iter_), inertia=float(m.inertia_))
elif task == 'minibatch':
    from sklearn.cluster import MiniBatchKMeans
    # n_init=3 is scikit-learn 1.2's default, spelled out to silence its FutureWarning.
    m = MiniBatchKMeans(n_clusters=spec['k'], batch_size=1024, n_init=3, random_state=run).fit(X)
    out = dict(seconds=time.perf_counter() - t0, seed=run, nInit=3, nSteps=int(m.n_steps_), inertia=float(m.inertia_))
elif task.startswith('kmeans'):
    from sklearn.cluster import KMeans
    m = KMeans(n_clusters=spec['k'], n_init=1, algorithm='lloyd', random_state=0).fit(X)
    out = dict(seconds=time.perf_counter() - t0, nIter=int(m.n_iter_), inertia=float(m.inertia_))
elif task == 'gmm':
    from sklearn.mixture import GaussianMixture
    m = GaussianMixture(n_components=spec['k'], covariance_type='full', random_state=0, n_init=1).fit(X)
    seconds = time.perf_counter() - t0
    out = dict(seconds=seconds, nIter=int(m.n_iter_), converged=bool(m.converged_), logLikelihood=float(m.score(X) * n), bic=float(m.bic(X)))
else:
    from sklearn.cluster import DBSCAN
    m = DBSCAN(eps=spec['eps'], min_samples=spec['minSamples']).fit(X)
    seconds = time.perf_counter() - t0
    labels = m.labels_
    out = dict(seconds=seconds, clusters=int(labels.max() + 1), noise=int((labels < 0).sum()))
out['peakRssMB'] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
`;

/** A python3 that has scikit-learn (BENCH_PYTHON, else PATH's, then Debian's; BENCH_PYTHON=none skips it), or null. */
function findPython() {
  if (process.env.BENCH_PYTHON === 'none') return null;
  for (const exe of process.env.BENCH_PYTHON ? [process.env.BENCH_PYTHON] : ['python3', '/usr/bin/python3']) {
    const r = spawnSync(exe, ['-c', 'import sklearn, numpy; print(sklearn.__version__, numpy.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { exe, versions: r.stdout.trim() };
  }
  return null;
}

/** Seeded Gaussian blobs (centres uniform in [-10, 10]^d, sd per task) as raw float64, written once. */
function dataFile(task) {
  const { n, d, k, sd, seed, dataOf = task } = TASKS[task];
  const dir = join(root, 'bench', 'data', 'cluster');
  const file = join(dir, `${dataOf}-${n}x${d}-k${k}-seed${seed}.f64`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const { Rng } = require(join(dist, 'core/rng.js'));
  const rng = new Rng(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.uniform(-10, 10)));
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = centres[rng.int(k)];
    for (let t = 0; t < d; t++) data[i * d + t] = c[t] + rng.normal(0, sd);
  }
  writeFileSync(file, new Uint8Array(data.buffer));
  return file;
}

function runChild(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 2).join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

/** kmeans-iter: fits with each maxIter in spec.iters, alternating seglab and scikit-learn, medians of `runs`; per-iteration and setup cost from the two. */
function iterationCost(task, spec, file) {
  const { Matrix } = require(join(dist, 'core/Matrix.js'));
  const buf = readFileSync(file);
  const init = JSON.stringify(initCentres(new Matrix(new Float64Array(buf.buffer, buf.byteOffset, spec.n * spec.d), spec.n, spec.d).data, spec));
  const side = { seglab: {}, sklearn: {} };
  for (let r = 0; r < runs; r++) {
    for (const m of spec.iters) {
      const ours = runChild(process.execPath, [fileURLToPath(import.meta.url), '--child', task, file, String(spec.n), String(spec.d), String(r), String(m)]);
      (side.seglab[m] ??= []).push(ours);
      console.error(`  ${task} run ${r + 1} maxIter ${m} seglab: ${JSON.stringify(ours)}`);
      if (python) {
        const theirs = runChild(python.exe, ['-c', PYTHON, task, file, String(spec.n), String(spec.d), JSON.stringify(spec), String(r), String(m), init]);
        (side.sklearn[m] ??= []).push(theirs);
        console.error(`  ${task} run ${r + 1} maxIter ${m} sklearn: ${JSON.stringify(theirs)}`);
      }
    }
  }
  const [lo, hi] = spec.iters;
  const summary = (fits) => {
    if (!fits[lo]) return null;
    const tLo = median(fits[lo].map((x) => x.seconds));
    const tHi = median(fits[hi].map((x) => x.seconds));
    const steps = fits[hi][0].nIter - fits[lo][0].nIter;
    const perIterMs = ((tHi - tLo) / steps) * 1000;
    // CPU time of all the process's threads: less sensitive to other people's load than wall time.
    const cLo = median(fits[lo].map((x) => x.cpuSeconds));
    const cHi = median(fits[hi].map((x) => x.cpuSeconds));
    const perIterCpuMs = ((cHi - cLo) / steps) * 1000;
    return {
      perIterMs: Number(perIterMs.toFixed(2)),
      setupSeconds: Number((tLo - (perIterMs / 1000) * fits[lo][0].nIter).toFixed(3)),
      perIterCpuMs: Number(perIterCpuMs.toFixed(2)),
      setupCpuSeconds: Number((cLo - (perIterCpuMs / 1000) * fits[lo][0].nIter).toFixed(3)),
      seconds: { [lo]: fits[lo].map((x) => x.seconds), [hi]: fits[hi].map((x) => x.seconds) },
      nIter: { [lo]: fits[lo][0].nIter, [hi]: fits[hi][0].nIter },
      inertia: { [lo]: fits[lo][0].inertia, [hi]: fits[hi][0].inertia },
      peakRssMB: median(fits[hi].map((x) => x.peakRssMB)),
    };
  };
  const out = { data: spec, seglab: summary(side.seglab), sklearn: summary(side.sklearn) };
  if (out.seglab && out.sklearn) {
    const r = (a, b) => Number((a / b).toFixed(3));
    out.ratio = {
      perIter: r(out.seglab.perIterMs, out.sklearn.perIterMs),
      setup: r(out.seglab.setupSeconds, out.sklearn.setupSeconds),
      perIterCpu: r(out.seglab.perIterCpuMs, out.sklearn.perIterCpuMs),
      setupCpu: r(out.seglab.setupCpuSeconds, out.sklearn.setupCpuSeconds),
    };
  }
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = Number(argValue('runs', 3));
const only = argValue('only', 'kmeans,kmeans-overlap,minibatch,gmm,dbscan').split(',');
const python = findPython();
if (!python) console.error('scikit-learn not found (apt-get install -y python3-sklearn): running seglab only.');
const loadBefore = loadavg();
const results = {};
for (const task of only) {
  const spec = TASKS[task];
  const available = task.startsWith('kmeans') || task === 'minibatch' || existsSync(join(dist, 'cluster', task === 'gmm' ? 'mixture/GaussianMixture.js' : 'dbscan/DBSCAN.js'));
  if (!available) {
    console.error(`${task}: not in the build (src/cluster/${task === 'gmm' ? 'mixture/GaussianMixture' : 'dbscan/DBSCAN'}.ts missing), skipped.`);
    continue;
  }
  const file = dataFile(task);
  if (task === 'kmeans-iter') {
    results[task] = iterationCost(task, spec, file);
    continue;
  }
  const ours = [];
  const theirs = [];
  for (let r = 0; r < runs; r++) {
    try {
      ours.push(runChild(process.execPath, [fileURLToPath(import.meta.url), '--child', task, file, String(spec.n), String(spec.d), String(r)]));
    } catch (err) {
      console.error(`${task}: seglab failed, skipped: ${err.message}`);
      break;
    }
    console.error(`  ${task} run ${r + 1} seglab: ${JSON.stringify(ours.at(-1))}`);
    if (python) {
      try {
        theirs.push(runChild(python.exe, ['-c', PYTHON, task, file, String(spec.n), String(spec.d), JSON.stringify(spec), String(r)]));
        console.error(`  ${task} run ${r + 1} sklearn: ${JSON.stringify(theirs.at(-1))}`);
      } catch (err) {
        console.error(`${task}: scikit-learn failed, its column skipped: ${err.message}`);
      }
    }
  }
  const summarise = (xs) => {
    if (xs.length === 0) return null;
    const out = {};
    for (const key of Object.keys(xs[0])) out[key] = typeof xs[0][key] === 'number' ? median(xs.map((x) => x[key])) : xs[0][key];
    out.runs = xs.map((x) => x.seconds);
    if (task === 'minibatch') out.inertias = xs.map((x) => x.inertia);
    return out;
  };
  results[task] = { data: spec, seglab: summarise(ours), sklearn: summarise(theirs) };
}
const result = {
  benchmark: 'cluster',
  date: new Date().toISOString().slice(0, 10),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`,
  sklearn: python ? `${python.exe}: scikit-learn ${python.versions.split(' ')[0]}, numpy ${python.versions.split(' ')[1]}` : null,
  loadAverage: { before: loadBefore.map((x) => x.toFixed(2)), after: loadavg().map((x) => x.toFixed(2)) },
  medianOf: runs,
  results,
};
if (results.kmeans?.seglab && results.kmeans?.sklearn) {
  const o = results.kmeans.seglab;
  const s = results.kmeans.sklearn;
  result.kmeansGoal = { goal: 'fit time <= sklearn and inertia <= sklearn', pass: o.seconds <= s.seconds && o.inertia <= s.inertia * (1 + 1e-9) };
}
if (results.minibatch) {
  // How far each seed settles above full k-means on the same data (the lower of the two libraries' inertias).
  const full = [results['kmeans-overlap']?.seglab?.inertia, results['kmeans-overlap']?.sklearn?.inertia].filter((x) => typeof x === 'number');
  if (full.length) {
    const ref = Math.min(...full);
    const excess = (side) => side?.inertias.map((x) => Number((x / ref - 1).toFixed(5))) ?? null;
    result.minibatchSettling = { reference: 'full k-means inertia on the same data (kmeans-overlap)', inertia: ref, seglab: excess(results.minibatch.seglab), sklearn: excess(results.minibatch.sklearn) };
  }
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'cluster.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
