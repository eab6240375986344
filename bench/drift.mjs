// Benchmark: per-feature drift (issue 16). Goal: compareFeatures on 1,000,000 rows × 50 columns, reference vs
//   current, in under 10 s and 2 GB peak RSS (the whole process, tables included).
//   The tables are drawn (seeded, not timed): 30 numeric columns (normal, log-normal, with 2% missing), 12
//   categorical (8 levels, 1% missing) and 8 binary; in the current period 10 columns move (4 numeric by 0.5 SD,
//   2 numeric by 0.05 SD — noise-sized, must not drift —, 2 categorical with web 30% → 15% and app 25% → 40%,
//   2 binary with 20% → 40% ones) and the other 40 are redrawn
//   from the same distributions. Timed: the default settings (100,000 rows sampled a side) and every row
//   (sampleRows null). The machine is shared: the load average is recorded before and after.
// Usage: npm run bench:drift [-- --rows 1000000] [-- --no-record]
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
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
  appendFileSync(file, lines.join('\n'));
  console.log('recorded in BENCHMARKS.md');
}
