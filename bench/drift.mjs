// Benchmark: per-feature drift (issue 16). Goal: compareFeatures on 1,000,000 rows × 50 columns, reference vs
//   current, in under 10 s and 2 GB peak RSS (the whole process, tables included).
//   The tables are drawn (seeded, not timed): 30 numeric columns (normal, log-normal, with 2% missing), 12
//   categorical (8 levels, 1% missing) and 8 binary; in the current period 10 columns move (4 numeric by 0.5 SD,
//   2 numeric by 0.05 SD — noise-sized, must not drift —, 2 categorical with web 30% → 15% and app 25% → 40%,
//   2 binary with 20% → 40% ones) and the other 40 are redrawn
//   from the same distributions. Timed: the default settings (100,000 rows sampled a side) and every row
//   (sampleRows null). The machine is shared: the load average is recorded before and after.
//   Side by side: bench/peer_drift.py (Debian's /usr/bin/python3 with scipy; skipped if missing) times scipy's
//   wasserstein_distance / np.std and ks_2samp (asymptotic) on the first 6 numeric columns, every row, against
//   compareFeatures forced to the same test on the same 6 columns, and checks the values agree.
// Usage: npm run bench:drift [-- --rows 1000000] [-- --no-record]
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const seglab = require(join(root, 'dist/cjs/index.js'));
const { Rng } = require(join(root, 'dist/cjs/core/rng.js'));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const n = arg('--rows', 1_000_000);
const record = !process.argv.includes('--no-record');
const load = () => loadavg().map((x) => x.toFixed(2)).join(' / ');
const loadStart = load();
const machine = `${cpus()[0]?.model} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
console.log(`bench:drift on ${machine}, load (1/5/15 min) ${loadStart}, ${new Date().toISOString().slice(0, 10)}`);

const LEVELS = ['web', 'app', 'store', 'phone', 'partner', 'mail', 'kiosk', 'other-channel'];
const BASE = [0.3, 0.25, 0.15, 0.1, 0.08, 0.06, 0.04, 0.02];
const MOVED = [0.15, 0.4, 0.15, 0.1, 0.08, 0.06, 0.04, 0.02];

/** The 50 columns of one period; `current` moves the 10 columns named in the header. */
function drawTable(seed, current) {
  const rng = new Rng(seed);
  const columns = [];
  for (let c = 0; c < 30; c++) {
    const shift = current && c < 4 ? 0.5 : current && c < 6 ? 0.05 : 0;
    const logNormal = c % 3 === 2;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (rng.next() < 0.02) values[i] = NaN;
      else values[i] = logNormal ? Math.exp(rng.normal(3 + shift * 0.5, 0.5)) : rng.normal(100 + shift * 15, 15);
    }
    columns.push({ name: `num${c}`, type: 'number', values });
  }
  for (let c = 0; c < 12; c++) {
    const p = current && c < 2 ? MOVED : BASE;
    const values = new Array(n);
    for (let i = 0; i < n; i++) {
      let u = rng.next();
      if (u < 0.01) {
        values[i] = null;
        continue;
      }
      u = rng.next();
      let k = 0;
      while (k < p.length - 1 && (u -= p[k]) >= 0) k++;
      values[i] = LEVELS[k];
    }
    columns.push({ name: `cat${c}`, type: 'category', values });
  }
  for (let c = 0; c < 8; c++) {
    const rate = current && c < 2 ? 0.4 : 0.2;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = rng.next() < rate ? 1 : 0;
    columns.push({ name: `flag${c}`, type: 'number', values });
  }
  return { columns };
}

const reference = drawTable(1, false);
const current = drawTable(2, true);
const rssData = process.memoryUsage().rss;
console.log(`tables drawn: ${n.toLocaleString('en-US')} rows × ${reference.columns.length} columns a period; RSS ${(rssData / 2 ** 20).toFixed(0)} MB`);

function timed(label, settings) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const result = seglab.compareFeatures(reference, current, settings);
  const cpu = process.cpuUsage(c0);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const drifted = result.features.filter((f) => f.drifted).map((f) => f.column);
  const tests = [...new Set(result.features.map((f) => f.test))].join(', ');
  console.log(`${label}: ${wall.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU; tests ${tests}; drifted ${drifted.length}: ${drifted.join(', ')}`);
  return { label, wall, cpu: (cpu.user + cpu.system) / 1e6, drifted, tests, result };
}

// Once untimed on a small sample, for the JIT.
seglab.compareFeatures(reference, current, { sampleRows: 1000 });
const runs = [timed('default (100,000 rows sampled a side)', {}), timed('every row (sampleRows null)', { sampleRows: null })];
const peak = process.resourceUsage().maxRSS * 1024;

// --- side by side with scipy on 6 numeric columns, every row (after the peak is read: the files are not the goal's)
const python = '/usr/bin/python3';
let peer = null;
if (existsSync(python)) {
  const names = reference.columns.slice(0, 6).map((c) => c.name);
  const dir = mkdtempSync(join(tmpdir(), 'seglab-drift-peer-'));
  try {
    for (const [i, name] of names.entries()) {
      writeFileSync(join(dir, `${name}.reference.f64`), reference.columns[i].values);
      writeFileSync(join(dir, `${name}.current.f64`), current.columns[i].values);
    }
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ columns: names }));
    const scipy = JSON.parse(execFileSync(python, [join(root, 'bench', 'peer_drift.py'), dir], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop());
    const sub = (t) => ({ columns: t.columns.slice(0, 6) });
    const ours = {};
    for (const test of ['wasserstein', 'ks']) {
      const t0 = process.hrtime.bigint();
      const r = seglab.compareFeatures(sub(reference), sub(current), { method: test, sampleRows: null });
      ours[test] = { seconds: Number(process.hrtime.bigint() - t0) / 1e9, features: r.features };
    }
    const wDiff = Math.max(...ours.wasserstein.features.map((f, i) => Math.abs(f.statistic - scipy.wasserstein.values[i])));
    const ksDiff = Math.max(...ours.ks.features.map((f, i) => Math.max(Math.abs(f.statistic - scipy.ks.values[i][0]), Math.abs(f.pValue - scipy.ks.values[i][1]))));
    peer = { names, scipy, ours, wDiff, ksDiff };
    console.log(`scipy on ${names.length} columns, every row: wasserstein/std ${scipy.wasserstein.seconds.toFixed(2)} s, ks_2samp ${scipy.ks.seconds.toFixed(2)} s; compareFeatures forced: wasserstein ${ours.wasserstein.seconds.toFixed(2)} s, ks ${ours.ks.seconds.toFixed(2)} s (each with its effect size, distribution and missing shares); largest difference ${wDiff.toExponential(1)} (Wasserstein), ${ksDiff.toExponential(1)} (KS D and p)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const loadEnd = load();
console.log(`peak RSS ${(peak / 2 ** 30).toFixed(2)} GB; load at the end ${loadEnd}`);

const expected = ['num0', 'num1', 'num2', 'num3', 'cat0', 'cat1', 'flag0', 'flag1'];
if (record) {
  const date = new Date().toISOString().slice(0, 10);
  const file = join(root, 'BENCHMARKS.md');
  if (!existsSync(file) || !readFileSync(file, 'utf8').includes('## Per-feature drift (`npm run bench:drift`')) {
    appendFileSync(file, `\n## Per-feature drift (\`npm run bench:drift\`, issue 16)\n\n**Command:** \`npm run bench:drift\` (\`-- --rows N\`, \`-- --no-record\`). bench/drift.mjs draws two periods (seeded, not timed) of 50 columns — 30 numeric (normal and log-normal, 2% missing), 12 categorical (8 levels, 1% missing), 8 binary — and moves 10 in the current one: 4 numeric by 0.5 SD, 2 numeric by 0.05 SD (noise-sized: must not drift), 2 categorical (web 30% → 15%, app 25% → 40%), 2 binary (20% → 40% ones). compareFeatures is timed with the defaults (large reference: normed Wasserstein / Jensen-Shannon, 100,000 rows sampled a side) and on every row. Goal: < 10 s and < 2 GB peak RSS (whole process, tables included).\n`);
  }
  const ok = (v, goal) => (v < goal ? 'met' : 'MISSED');
  const lines = [
    '',
    `### ${date}: ${n.toLocaleString('en-US')} rows × 50 columns, reference vs current`,
    '',
    `Machine: ${machine}; shared with other engineers' work: load average (1/5/15 min) ${loadStart} at the start, ${loadEnd} at the end.`,
    `Tables: RSS ${(rssData / 2 ** 20).toFixed(0)} MB after drawing both periods; peak RSS of the process ${(peak / 2 ** 30).toFixed(2)} GB (goal < 2 GB: ${ok(peak, 2 * 2 ** 30)}).`,
    '',
    '| settings | wall | CPU | drifted columns |',
    '|---|---|---|---|',
    ...runs.map((r) => `| ${r.label} | ${r.wall.toFixed(2)} s${r === runs[0] ? ` (goal < 10 s: ${ok(r.wall, 10)})` : ''} | ${r.cpu.toFixed(2)} s | ${r.drifted.length} of 50 (${r.drifted.join(', ')}); ${r.drifted.length === expected.length && expected.every((c) => r.drifted.includes(c)) ? 'exactly the 8 moved beyond noise' : 'NOT the 8 moved beyond noise'} |`),
    '',
  ];
  if (peer) {
    lines.push(
      `Side by side on ${peer.names.join(', ')}, every row (${n.toLocaleString('en-US')} a period, 2% missing dropped), wall time at that load:`,
      '',
      '| test | scipy 1.10 | compareFeatures forced to it | largest difference |',
      '|---|---|---|---|',
      `| normed Wasserstein | ${peer.scipy.wasserstein.seconds.toFixed(2)} s (wasserstein_distance / np.std) | ${peer.ours.wasserstein.seconds.toFixed(2)} s | ${peer.wDiff.toExponential(1)} |`,
      `| Kolmogorov-Smirnov (asymptotic) | ${peer.scipy.ks.seconds.toFixed(2)} s (ks_2samp) | ${peer.ours.ks.seconds.toFixed(2)} s (with the Wasserstein effect size) | ${peer.ksDiff.toExponential(1)} (D and p) |`,
      '',
      'compareFeatures also computes per column the missing shares, the before/after decile shares and (for KS) the effect size.',
      '',
    );
  }
  appendFileSync(file, lines.join('\n'));
  console.log('recorded in BENCHMARKS.md');
}
