// Benchmark (issue 13): `seglab run` end to end against a Python peer pipeline, side by side in one run.
// seglab: the sample config (data/configs/sample.yaml) pointed at a data folder written by `seglab synth`
// (default bench/data/e2e-1m, git-ignored: `seglab synth --customers 1000000 --seed 5 --out bench/data/e2e-1m`), every default stage.
// The peer: bench/peer_e2e.py (pandas read_csv, RFM and window aggregates, scikit-learn KMeans sweep k=2..8
// with a sampled silhouette, a bootstrap of 20) on the same files, with Debian's python3.
// Each runs in its own child process under GNU time, which gives its wall time and peak RSS (the largest
// process of its tree: seglab's DuckDB memory included). Appends a dated section to BENCHMARKS.md.
// Usage: npm run bench:e2e [-- --data DIR] [--skip-peer] [--no-record]
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name) => process.argv.includes(`--${name}`);
const option = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const dataDir = option('data', join(root, 'bench', 'data', 'e2e-1m'));
const python = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const time = '/usr/bin/time';
for (const f of ['customers.csv.gz', 'transactions.csv.gz', 'events.csv.gz', 'synth.json']) {
  if (!existsSync(join(dataDir, f))) {
    console.error(`${join(dataDir, f)} is missing: write the data with \`seglab synth --customers 1000000 --seed 5 --out ${dataDir}\` or pass --data DIR`);
    process.exit(2);
  }
}
if (!existsSync(time)) {
  console.error('GNU time (/usr/bin/time) is needed for peak RSS: apt-get install -y time');
  process.exit(2);
}
const synth = JSON.parse(readFileSync(join(dataDir, 'synth.json'), 'utf8'));
const asOf = '2026-07-01';

/** Run a command under GNU time: its wall seconds, peak RSS (MB), stdout, stderr. */
function timed(cmd, args) {
  const r = spawnSync(time, ['-f', '__time %e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const m = /__time ([\d.]+) (\d+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr.slice(-3000)}`);
  return { seconds: Number(m[1]), peakRssMB: Math.round(Number(m[2]) / 1024), stdout: r.stdout, stderr: r.stderr.slice(0, m.index) };
}

const work = mkdtempSync(join(tmpdir(), 'seglab-e2e-'));
const config = readFileSync(join(root, 'data/configs/sample.yaml'), 'utf8')
  .replace(/^name: sample$/m, 'name: e2e')
  .replace(/\.\.\/sample\/(customers|transactions|events)\.csv\.gz/g, (_, t) => join(dataDir, `${t}.csv.gz`));
writeFileSync(join(work, 'e2e.yaml'), config);
const load = [loadavg()[0]];

console.error(`seglab run on ${dataDir} (${synth.params.customers.toLocaleString('en-US')} customers) …`);
const ours = timed(process.execPath, [join(root, 'bin/seglab.js'), 'run', '--config', join(work, 'e2e.yaml'), '--out', join(work, 'runs')]);
const runDir = ours.stdout.trim().split('\n').at(-1);
const manifest = JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8'));
const cluster = JSON.parse(readFileSync(join(runDir, 'cluster.json'), 'utf8'));
const quality = JSON.parse(readFileSync(join(runDir, 'quality.json'), 'utf8'));
const stages = Object.fromEntries(manifest.stages.map((s) => [s.stage, s.ms / 1000]));
const seglab = {
  wallSeconds: ours.seconds,
  peakRssMB: ours.peakRssMB,
  stages,
  duckdb: manifest.duckdb ?? null,
  k: cluster.k,
  shares: cluster.segments.map((s) => Math.round(s.share * 1e4) / 1e4),
  sample: cluster.sample ?? null,
  structure: cluster.selection?.structure?.check?.code ?? null,
  stabilityMeanJaccard: cluster.stability?.meanJaccard ?? null,
  duplicateRows: Object.fromEntries(quality.tables.map((t) => [t.table, t.duplicateRows.count])),
  rows: Object.fromEntries(quality.tables.map((t) => [t.table, t.rows])),
};
console.error(`  ${ours.seconds.toFixed(1)} s, peak ${ours.peakRssMB} MB, k = ${cluster.k}`);
load.push(loadavg()[0]);

let peer = null;
if (!flag('skip-peer')) {
  console.error(`peer pipeline (${python} bench/peer_e2e.py) on the same files …`);
  const theirs = timed(python, [join(root, 'bench/peer_e2e.py'), dataDir, asOf, '42']);
  const out = JSON.parse(theirs.stdout.trim().split('\n').at(-1));
  peer = { wallSeconds: theirs.seconds, peakRssMB: theirs.peakRssMB, ...out };
  console.error(`  ${theirs.seconds.toFixed(1)} s, peak ${theirs.peakRssMB} MB, k = ${out.k}`);
  load.push(loadavg()[0]);
}
rmSync(work, { recursive: true, force: true });

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  ramGB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  loadAverage1m: load.map((l) => Math.round(l * 100) / 100),
};
const ratio = peer ? seglab.wallSeconds / peer.wallSeconds : null;
const result = { date: new Date().toISOString(), data: dataDir, customers: synth.params.customers, machine, seglab, peer, ratio };
process.stdout.write(JSON.stringify(result, null, 2) + '\n');

if (!flag('no-record')) {
  const s = (x) => (x === undefined || x === null ? '–' : x.toFixed(1));
  const lines = [
    '',
    `### ${result.date.slice(0, 10)}: ${synth.params.customers.toLocaleString('en-US')} customers (${dataDir})`,
    '',
    `**Machine:** ${machine.cores} × ${machine.cpu}, ${machine.ramGB} GB RAM, Node ${machine.node}; 1-minute load average ${machine.loadAverage1m.join(' → ')} (start → after seglab${peer ? ' → after the peer' : ''}).`,
    `DuckDB: memory limit ${seglab.duckdb?.memoryLimit ?? '?'}, ${seglab.duckdb?.threads ?? '?'} threads.`,
    '',
    '| pipeline | wall (s) | peak RSS (MB) | load | profile | features | cluster | report | k |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| seglab run | ${s(seglab.wallSeconds)} | ${seglab.peakRssMB.toLocaleString('en-US')} | ${s(stages.load)} | ${s(stages.profile)} | ${s(stages.features)} | ${s(stages.cluster)} | ${s(stages.report)} | ${seglab.k} |`,
    ...(peer
      ? [
          `| Python peer (pandas ${'+'} scikit-learn) | ${s(peer.wallSeconds)} | ${peer.peakRssMB.toLocaleString('en-US')} | ${s((peer.phases['read customers + transactions'] ?? 0) + (peer.phases['read events'] ?? 0))} | – | ${s((peer.phases['RFM and order windows'] ?? 0) + (peer.phases['event aggregates'] ?? 0) + (peer.phases.prepare ?? 0))} | ${s((peer.phases['KMeans sweep k=2..8'] ?? 0) + (peer.phases['final fit'] ?? 0) + (peer.phases['bootstrap of 20'] ?? 0))} | – | ${peer.k} |`,
        ]
      : []),
    '',
    ratio !== null ? `**Ratio** seglab / peer wall time: **${ratio.toFixed(2)}×**.` : 'Peer skipped (--skip-peer).',
    `seglab segment shares ${seglab.shares.map((x) => (x * 100).toFixed(1) + '%').join(', ')}${seglab.sample ? `; k and stability on a seeded sample of ${seglab.sample.size.toLocaleString('en-US')}` : ''}; duplicate rows ${Object.entries(seglab.duplicateRows).map(([t, n]) => `${t} ${n}`).join(', ')}.`,
    ...(peer ? [`Peer phases (s): ${Object.entries(peer.phases).map(([k, v]) => `${k} ${v}`).join('; ')}; shares ${peer.shares.map((x) => (x * 100).toFixed(1) + '%').join(', ')}.`] : []),
    '',
  ];
  const file = join(root, 'BENCHMARKS.md');
  if (!readFileSync(file, 'utf8').includes('## End to end (issue 13)')) {
    appendFileSync(file, `\n## End to end (issue 13)\n\n**Command:** \`npm run bench:e2e\` (\`-- --data DIR\` for another folder written by \`seglab synth\`; default bench/data/e2e-1m, \`seglab synth --customers 1000000 --seed 5\`). \`seglab run\` with the sample config pointed at the folder, then bench/peer_e2e.py (pandas read_csv with categorical dtypes, RFM and 30/60/90/365-day windows, event ratios, scikit-learn KMeans k = 2..8 with n_init 4 and the silhouette on 10,000 rows, a bootstrap of 20 refits on all rows) on the same files, one after the other in one run; wall time and peak RSS from GNU time.\n`);
  }
  appendFileSync(file, lines.join('\n') + '\n');
  console.error('recorded in BENCHMARKS.md');
}
