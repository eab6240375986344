// Benchmark (issue 14, "Bars"): the four model families against scikit-learn 1.2.1 on real data with the SAME
// folds: Telco churn (data/configs/telco.yaml, label churn) and Bank Marketing (data/configs/bank-marketing.yaml,
// label y, duration never an input). The training set is read as `seglab train` reads it (loadRunConfig,
// loadTables, buildTrainingSet), the design matrices come from seglab's own encoder (one-hot for the logistic
// regression and the MLP, level codes for the trees, fitted on all rows as trainAndScore's k-fold does), and
// the folds are trainAndScore's (kFoldSplits). Each family is fitted per fold with trainAndScore's params
// (familyFitParams: the families' defaults, the seed derived per family, the trees' categorical columns);
// test/models/trainAndScore.kFold.test.ts pins these pieces to trainAndScore's own held-out AUC. The peer,
// bench/peer_models_real.py, fits the matching scikit-learn models on the very same matrices and folds (raw
// little-endian files in a temporary folder). The logistic coefficients are compared on all rows at C = 1.
// Appends a dated section to BENCHMARKS.md and rewrites the models section of docs/real-data.md (between its markers).
// Usage: npm run bench:models-real [-- --only logistic-regression,hist-gradient-boosting,random-forest,mlp]
//        [--datasets telco,bank] [--no-mlp-on bank] [--skip-peer] [--no-record]
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const dist = join(root, process.env.SEGLAB_DIST ?? 'dist/cjs');
const seglab = require(join(dist, 'index.js'));
const { DuckSession, loadTables, loadRunConfig, buildTrainingSet, fitDesignEncoder, kFoldSplits, familyFitParams, MODELS, rocAuc, Matrix } = seglab;

const flag = (name) => process.argv.includes(`--${name}`);
const option = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const python = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const datasetsDir = process.env.SEGLAB_DATASETS ?? join(root, '..', '..', 'shared', 'datasets');
const DATASETS = [
  { key: 'telco', name: 'Telco churn', config: 'telco.yaml', file: 'Telco-Customer-Churn.csv.gz' },
  { key: 'bank', name: 'Bank Marketing', config: 'bank-marketing.yaml', file: 'bank-full.csv.gz' },
];
const FAMILIES = ['logistic-regression', 'hist-gradient-boosting', 'random-forest', 'mlp'];
const PEERS = {
  'logistic-regression': 'Pipeline(StandardScaler, LogisticRegression(lbfgs, C=1))',
  'hist-gradient-boosting': 'HistGradientBoostingClassifier(categorical_features=level codes)',
  'random-forest': 'RandomForestClassifier(100, n_jobs=2), codes as numbers, NaN → column min − 1',
  mlp: 'Pipeline(StandardScaler, MLPClassifier((32, 16), adam, batch 256, alpha 1e-4, early stopping))',
};
const BAR = 0.005;
const families = option('only', FAMILIES.join(',')).split(',');
for (const f of families) if (!FAMILIES.includes(f)) throw new Error(`--only: unknown family "${f}" (one of ${FAMILIES.join(', ')})`);
const wanted = option('datasets', 'telco,bank').split(',');
const noMlpOn = option('no-mlp-on', '').split(',').filter(Boolean);

const encodingOf = seglab.designEncodingOf;

function take(X, rows) {
  const out = new Float64Array(rows.length * X.cols);
  for (let k = 0; k < rows.length; k++) out.set(X.data.subarray(rows[k] * X.cols, (rows[k] + 1) * X.cols), k * X.cols);
  return new Matrix(out, rows.length, X.cols, X.columns);
}
const pick = (y, rows) => Uint8Array.from(rows, (i) => y[i]);
const round = (v, d = 2) => Math.round(v * 10 ** d) / 10 ** d;
const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;

async function prepare(ds) {
  const path = join(datasetsDir, ds.file);
  if (!existsSync(path)) throw new Error(`${path} is missing: set SEGLAB_DATASETS to the folder of the real data sets`);
  const { config, baseDir } = loadRunConfig(join(root, 'data/configs', ds.config), { data: path });
  const models = config.models;
  if (!models || models.validation !== 'k-fold') throw new Error(`${ds.config}: expected a models: section validated by k-fold`);
  const session = await DuckSession.open({ threads: 2 });
  try {
    const load = await loadTables(session, config.data, { baseDir });
    const set = await buildTrainingSet(session, config.features, config.asOf, models.target, { available: load, exclude: models.exclude, snapshots: models.snapshots });
    const y = set.train.labels;
    const splits = kFoldSplits(models, y);
    const fold = new Int32Array(y.length);
    for (const s of splits) for (const i of s.test) fold[i] = s.fold;
    const encoders = { 'one-hot': fitDesignEncoder(set.train.frame, set.columns, { encoding: 'one-hot' }), codes: fitDesignEncoder(set.train.frame, set.columns, { encoding: 'codes' }) };
    const X = { 'one-hot': encoders['one-hot'].transform(set.train.frame), codes: encoders.codes.transform(set.train.frame) };
    return { models, y, splits, fold, encoders, X, inputs: set.columns };
  } finally {
    session.close();
  }
}

async function oursOn(d, family) {
  const encoder = d.encoders[encodingOf(family)];
  const X = d.X[encodingOf(family)];
  const params = familyFitParams(d.models, family, encoder);
  const folds = [];
  let backend = null;
  for (const s of d.splits) {
    const t0 = performance.now();
    const model = await MODELS.lookup(family).create(params).fit(take(X, s.train), pick(d.y, s.train));
    const fitSeconds = (performance.now() - t0) / 1000;
    const auc = rocAuc(pick(d.y, s.test), model.predictProba(take(X, s.test)));
    backend = model.backend?.backend ?? backend;
    folds.push({ auc, fitSeconds, iterations: model.iterations ?? model.convergence?.iterations ?? model.training?.epochs ?? model.trees?.length ?? null });
    console.error(`  ${family} fold ${s.fold + 1}: AUC ${auc.toFixed(4)}, fit ${fitSeconds.toFixed(2)} s`);
  }
  return { folds, backend, params };
}

/** The logistic coefficients on all rows at C = 1 (standardised scale, as scikit-learn's coef_ after StandardScaler): seglab's defaults and a tight fit. */
async function logisticAllRows(d) {
  const X = d.X['one-hot'];
  const fits = {};
  for (const [name, params] of [['default', {}], ['tight', { tol: 1e-10, maxIter: 10_000 }], ['newton', { solver: 'newton', tol: 1e-10, maxIter: 1000 }]]) {
    const m = await new seglab.LogisticRegression(params).fit(X, d.y);
    fits[name] = { coef: [...m.coefStandardized], intercept: m.interceptStandardized, iterations: m.convergence.iterations, converged: m.convergence.converged };
  }
  return fits;
}

const loadStart = loadavg()[0];
const t0All = performance.now();
const results = [];
for (const ds of DATASETS.filter((x) => wanted.includes(x.key))) {
  console.error(`${ds.name}: training set, encoders and folds …`);
  const d = await prepare(ds);
  const fams = families.filter((f) => !(f === 'mlp' && noMlpOn.includes(ds.key)));
  const ours = {};
  const loadBefore = loadavg()[0];
  for (const family of fams) ours[family] = await oursOn(d, family);
  const logistic = fams.includes('logistic-regression') ? await logisticAllRows(d) : null;
  const loadAfterOurs = loadavg()[0];
  let peer = null;
  if (!flag('skip-peer')) {
    const dir = mkdtempSync(join(tmpdir(), 'seglab-models-real-'));
    try {
      for (const enc of ['one-hot', 'codes']) writeFileSync(join(dir, `X_${enc}.f64`), d.X[enc].data);
      writeFileSync(join(dir, 'y.u8'), d.y);
      writeFileSync(join(dir, 'fold.i32'), d.fold);
      const meta = { rows: d.y.length, folds: d.splits.length, cols: { 'one-hot': d.X['one-hot'].cols, codes: d.X.codes.cols }, categorical: [...d.encoders.codes.categoricalIndices], families: fams };
      writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
      console.error(`${ds.name}: peer (${python} bench/peer_models_real.py) on the same matrices and folds …`);
      const r = spawnSync(python, [join(root, 'bench/peer_models_real.py'), dir], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
      if (r.status !== 0) throw new Error(`peer_models_real.py failed (exit ${r.status})`);
      peer = JSON.parse(r.stdout.trim().split('\n').at(-1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const loadAfterPeer = loadavg()[0];
  const rows = fams.map((family) => {
    const o = ours[family];
    const p = peer?.[family];
    const oAuc = mean(o.folds.map((f) => f.auc));
    const pAuc = p ? mean(p.folds.map((f) => f.auc)) : null;
    // The forest's peer also ran on the one-hot matrix: the bar is read against the better of the two.
    const alt = family === 'random-forest' ? peer?.['random-forest-one-hot'] : null;
    const altAuc = alt ? mean(alt.folds.map((f) => f.auc)) : null;
    const best = altAuc !== null && altAuc > pAuc ? altAuc : pAuc;
    return {
      family,
      backend: o.backend,
      seglab: { auc: oAuc, folds: o.folds.map((f) => f.auc), fitSeconds: o.folds.reduce((a, f) => a + f.fitSeconds, 0), iterations: o.folds.map((f) => f.iterations) },
      peer: p ? { model: PEERS[family], auc: pAuc, folds: p.folds.map((f) => f.auc), fitSeconds: p.folds.reduce((a, f) => a + f.fitSeconds, 0), iterations: p.folds.map((f) => f.iterations) } : null,
      peerOneHot: alt ? { model: 'RandomForestClassifier(100, n_jobs=2) on the one-hot matrix', auc: altAuc, folds: alt.folds.map((f) => f.auc), fitSeconds: alt.folds.reduce((a, f) => a + f.fitSeconds, 0) } : null,
      difference: p ? oAuc - best : null,
      pass: p ? oAuc >= best - BAR : null,
    };
  });
  let coefficients = null;
  if (logistic && peer?.logistic) {
    const diff = (a, ai, b, bi) => Math.max(Math.abs(ai - bi), ...a.map((v, j) => Math.abs(v - b[j])));
    const L = peer.logistic;
    coefficients = {
      columns: d.X['one-hot'].cols,
      defaults: diff(logistic.default.coef, logistic.default.intercept, L.lbfgs.coef, L.lbfgs.intercept),
      tight: diff(logistic.tight.coef, logistic.tight.intercept, L.newton.coef, L.newton.intercept),
      seglabNewtonVsPeerNewton: diff(logistic.newton.coef, logistic.newton.intercept, L.newton.coef, L.newton.intercept),
      seglabDefaultVsOptimum: diff(logistic.default.coef, logistic.default.intercept, L.newton.coef, L.newton.intercept),
      peerLbfgsVsOptimum: diff(L.lbfgs.coef, L.lbfgs.intercept, L.newton.coef, L.newton.intercept),
      conditionNumber: L.conditionNumber,
      iterations: { seglabDefault: logistic.default.iterations, seglabTight: logistic.tight.iterations, peerLbfgs: L.lbfgs.iterations, peerNewton: L.newton.iterations },
    };
  }
  results.push({ dataset: ds.name, key: ds.key, rows: d.y.length, positives: d.y.reduce((a, b) => a + b, 0), inputs: d.inputs.length, oneHotCols: d.X['one-hot'].cols, folds: d.splits.length, families: rows, coefficients, load: [loadBefore, loadAfterOurs, loadAfterPeer].map((l) => round(l)), skipped: families.filter((f) => !fams.includes(f)) });
}
const seconds = (performance.now() - t0All) / 1000;
const result = { date: new Date().toISOString(), machine: `${cpus()[0]?.model} × ${availableParallelism()}, ${Math.round(totalmem() / 2 ** 30)} GB`, node: process.version, loadStart: round(loadStart), seconds: round(seconds, 0), datasets: results };
console.log(JSON.stringify(result, null, 2));

if (!flag('no-record') && !flag('skip-peer')) {
  const f4 = (v) => (v === null ? '–' : v.toFixed(4));
  const sign = (v) => (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(4);
  let md = `\n### ${result.date.slice(0, 10)}: Telco and Bank Marketing, the same folds as scikit-learn 1.2.1 (\`npm run bench:models-real\`)\n\n`;
  md += `Machine: ${result.machine}, Node ${result.node}; whole run ${result.seconds} s, load average ${result.loadStart} at the start. `;
  md += `Mean ROC AUC over trainAndScore's stratified folds; fit seconds summed over the folds; bar: seglab ≥ scikit-learn − ${BAR}.\n`;
  for (const r of results) {
    md += `\n**${r.dataset}**: ${r.rows.toLocaleString('en-US')} rows, ${r.positives.toLocaleString('en-US')} positive, ${r.inputs} inputs (${r.oneHotCols} one-hot columns), ${r.folds} folds; load average ${r.load.join(' → ')} (start → after seglab → after the peer).\n\n`;
    md += `| family | seglab AUC | scikit-learn AUC | difference | per fold (seglab / scikit-learn) | seglab fit | scikit-learn fit | bar |\n|---|---|---|---|---|---|---|---|\n`;
    for (const f of r.families) {
      const perFold = f.seglab.folds.map((a, k) => `${a.toFixed(4)}/${f.peer ? f.peer.folds[k].toFixed(4) : '–'}`).join(' ');
      if (f.peerOneHot) md += `| ${f.family}: scikit-learn on one-hot | ${f4(f.seglab.auc)} | ${f4(f.peerOneHot.auc)} | ${sign(f.seglab.auc - f.peerOneHot.auc)} | ${f.seglab.folds.map((a, k) => `${a.toFixed(4)}/${f.peerOneHot.folds[k].toFixed(4)}`).join(' ')} | ${round(f.seglab.fitSeconds)} s | ${round(f.peerOneHot.fitSeconds)} s | – |\n`;
      md += `| ${f.family}${f.backend ? ` (${f.backend})` : ''} | ${f4(f.seglab.auc)} | ${f4(f.peer?.auc ?? null)} | ${f.peer ? sign(f.seglab.auc - f.peer.auc) : '–'} | ${perFold} | ${round(f.seglab.fitSeconds)} s | ${f.peer ? `${round(f.peer.fitSeconds)} s` : '–'} | ${f.pass === null ? '–' : `${f.pass ? 'met' : '**missed**'}${f.peerOneHot ? ' (against the better peer)' : ''}`} |\n`;
    }
    if (r.skipped.length) md += `\nNot run here: ${r.skipped.join(', ')} (--no-mlp-on).\n`;
    const c = r.coefficients;
    if (c) {
      md += `\nLogistic coefficients at C = 1 on all rows (${c.columns} one-hot columns + intercept, standardised scale), max |seglab − scikit-learn|: `;
      md += `both at their defaults ${c.defaults.toExponential(1)} (seglab L-BFGS tol 1e-6, ${c.iterations.seglabDefault} iterations; scikit-learn lbfgs, ${c.iterations.peerLbfgs}); `;
      md += `both tight ${c.tight.toExponential(1)} (seglab L-BFGS tol 1e-10 against scikit-learn newton-cg tol 1e-10), seglab Newton ${c.seglabNewtonVsPeerNewton.toExponential(1)}; `;
      md += `distance to that optimum: seglab default ${c.seglabDefaultVsOptimum.toExponential(1)}, scikit-learn lbfgs ${c.peerLbfgsVsOptimum.toExponential(1)}. `;
      md += `Condition number of the penalised Hessian at the optimum: ${c.conditionNumber.toExponential(1)}. Bar 1e-4.\n`;
    }
  }
  appendFileSync(join(root, 'BENCHMARKS.md'), md);
  console.error('recorded in BENCHMARKS.md');
}

/** docs/real-data.md's models section, between markers that scripts/real-data-report.mjs keeps when it rewrites the page. */
const BEGIN = '<!-- models: written by npm run bench:models-real -->';
const END = '<!-- /models -->';
if (!flag('no-record') && !flag('skip-peer') && results.length === DATASETS.length) {
  const lines = [BEGIN, '## Churn and propensity models against scikit-learn', ''];
  lines.push(`Written by \`npm run bench:models-real\` on ${result.date.slice(0, 10)} (${result.seconds} s, load average ${result.loadStart} at the start; details in BENCHMARKS.md). Each data set's config as \`seglab train\` reads it, seglab's design matrices (one-hot for the logistic regression and the MLP, level codes for the trees), trainAndScore's ${results[0].folds} stratified folds and default params; scikit-learn 1.2.1 on the very same matrices and folds. Mean ROC AUC over the folds; the bar is seglab ≥ scikit-learn − ${BAR}.`, '');
  lines.push('| data | family | seglab AUC | scikit-learn AUC | difference | bar |', '|---|---|---:|---:|---:|---|');
  for (const r of results) for (const f of r.families) lines.push(`| ${r.dataset} | ${f.family}${f.backend ? ` (${f.backend})` : ''} | ${f.seglab.auc.toFixed(4)} | ${f.peerOneHot && f.peerOneHot.auc > f.peer.auc ? `${f.peerOneHot.auc.toFixed(4)} (one-hot; ${f.peer.auc.toFixed(4)} on codes)` : f.peerOneHot ? `${f.peer.auc.toFixed(4)} (codes; ${f.peerOneHot.auc.toFixed(4)} on one-hot)` : f.peer.auc.toFixed(4)} | ${f.difference >= 0 ? '+' : '−'}${Math.abs(f.difference).toFixed(4)} | ${f.pass ? 'met' : 'missed'} |`);
  lines.push('');
  for (const r of results) {
    const c = r.coefficients;
    if (c) lines.push(`${r.dataset}: logistic coefficients at C = 1 (${c.columns} one-hot columns) equal scikit-learn's to ${c.tight.toExponential(1)} when both sides are run to the optimum (tol 1e-10; bar 1e-4); at the defaults they differ by ${c.defaults.toExponential(1)}, each side stopping short of the optimum (seglab's L-BFGS at tol 1e-6 by ${c.seglabDefaultVsOptimum.toExponential(1)}, scikit-learn's lbfgs by ${c.peerLbfgsVsOptimum.toExponential(1)}; the penalised Hessian's condition number is ${c.conditionNumber.toExponential(1)}).`, '');
  }
  lines.push(END);
  const target = join(root, 'docs', 'real-data.md');
  const page = readFileSync(target, 'utf8');
  const start = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  const kept = start >= 0 && end > start ? page.slice(0, start) + page.slice(end + END.length).replace(/^\n+/, '') : page;
  writeFileSync(`${target}.tmp`, `${kept.replace(/\n*$/, '\n\n')}${lines.join('\n')}\n`);
  renameSync(`${target}.tmp`, target);
  console.error(`wrote the models section of ${target}`);
}
