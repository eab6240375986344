// Benchmark: in-process scoring of a 6-segment bundle (priority order, fallback) over 10M customers.
//   Columns are generated in memory (seeded, not timed): 5 numeric features (10% missing) and a
//   20-value text column. Measured: ColumnarScorer (typed-array passes, the engine of `seglab score`)
//   and, for reference, the per-row JSON Logic evaluator over 1M plain records.
//   The peer, in the same run on the same columns: numpy's np.select over the same conditions (and pandas with
//   the text column as strings), bench/peer_score.py with Debian's /usr/bin/python3 (skipped if it is missing).
//   Goal: at or above numpy's customers/s.
// Usage: npm run bench:score [-- --rows 10000000]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const rules = require(join(root, 'dist/cjs/rules/index.js'));
const { Rng } = require(join(root, 'dist/cjs/core/rng.js'));
const i = process.argv.indexOf('--rows');
const n = i > 0 ? Number(process.argv[i + 1]) : 10_000_000;

const rng = new Rng(5);
const cities = Array.from({ length: 20 }, (_, c) => `city-${c}`);
const numeric = {};
for (const [name, scale] of [['recency_days', 700], ['frequency', 30], ['monetary_total', 5000], ['discount_share', 1], ['cart_abandonment_rate', 1]]) {
  const col = new Float64Array(n);
  for (let r = 0; r < n; r++) col[r] = rng.next() < 0.1 ? NaN : Math.round(scale * rng.next() * 100) / 100;
  numeric[name] = col;
}
const city = new Array(n);
const cityCodes = new Int32Array(n);
for (let r = 0; r < n; r++) {
  const code = rng.next() < 0.05 ? -1 : Math.floor(20 * rng.next());
  cityCodes[r] = code;
  city[r] = code < 0 ? null : cities[code];
}
const v = (name) => ({ var: name });
const bundle = {
  segments: [
    { id: 0, name: 'VIP', condition: { and: [{ '>=': [v('monetary_total'), 3000] }, { '<=': [v('recency_days'), 90] }] } },
    { id: 1, name: 'Lapsed', condition: { '>': [v('recency_days'), 365] } },
    { id: 2, name: 'Promo', condition: { and: [{ '>=': [v('discount_share'), 0.6] }, { '<': [2, v('frequency'), 20] }] } },
    { id: 3, name: 'Cart', condition: { or: [{ '>=': [v('cart_abandonment_rate'), 0.7] }, { in: [v('city'), ['city-1', 'city-2', 'city-3']] }] } },
    { id: 4, name: 'Regular', condition: { and: [{ '>=': [v('frequency'), 10] }, { '!': [{ '==': [v('city'), 'city-7'] }] }] } },
    { id: 5, name: 'New', condition: { '<': [v('frequency'), 2] } },
  ],
  fallback: { id: 6, name: 'Other' },
};

console.log(`bench:score on ${cpus()[0]?.model} × ${cpus().length}, load ${loadavg()[0].toFixed(2)}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
const times = [];
let out;
for (let run = 0; run < 5; run++) {
  const t = performance.now();
  out = new rules.ColumnarScorer({ rowCount: n, numeric, categorical: { city } }).segments(bundle);
  times.push((performance.now() - t) / 1000);
}
times.sort((a, b) => a - b);
const median = times[2];
const counts = new Array(7).fill(0);
for (const s of out) counts[s]++;
console.log(`columnar: ${n.toLocaleString('en-US')} customers, median of 5: ${median.toFixed(3)} s = ${(n / median / 1e6).toFixed(1)} M customers/s (runs ${times.map((x) => x.toFixed(3)).join(', ')}); segment sizes ${counts.join(', ')}`);

// The peer on the same columns, side by side in this run.
const python = '/usr/bin/python3';
if (existsSync(python)) {
  const dir = mkdtempSync(join(tmpdir(), 'seglab-bench-score-'));
  try {
    for (const [name, col] of Object.entries(numeric)) writeFileSync(join(dir, `${name}.f64`), Buffer.from(col.buffer));
    writeFileSync(join(dir, 'city.i32'), Buffer.from(cityCodes.buffer));
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ rows: n, numeric: Object.keys(numeric), cities }));
    const peer = JSON.parse(execFileSync(python, [join(root, 'bench', 'peer_score.py'), dir], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop());
    const same = peer.sizes.every((c, s) => c === counts[s]);
    const rate = (s) => `${(n / s / 1e6).toFixed(1)} M/s`;
    console.log(`numpy ${peer.versions.numpy} np.select: ${peer.numpy.toFixed(3)} s = ${rate(peer.numpy)}; pandas ${peer.versions.pandas} (text column as strings): ${peer.pandas.toFixed(3)} s = ${rate(peer.pandas)}; segment sizes ${same ? 'identical' : `DIFFER: ${peer.sizes.join(', ')}`}`);
    console.log(`ratio seglab / numpy wall time: ${(median / peer.numpy).toFixed(2)} (below 1 = seglab faster); seglab / pandas: ${(median / peer.pandas).toFixed(2)}`);
    if (!same) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else console.log(`peer skipped: no ${python} (Debian python3 with python3-numpy and python3-pandas)`);

// Reference: the per-row evaluator (first match wins) over 1M plain records.
const m = Math.min(n, 1_000_000);
const records = Array.from({ length: m }, (_, r) => {
  const rec = { city: city[r] };
  for (const k of Object.keys(numeric)) rec[k] = Number.isNaN(numeric[k][r]) ? null : numeric[k][r];
  return rec;
});
const compiled = bundle.segments.map((s) => rules.compileJsonLogic(s.condition));
const t = performance.now();
let agree = 0;
for (let r = 0; r < m; r++) {
  let seg = bundle.fallback.id;
  for (let s = 0; s < compiled.length; s++) if (rules.jsonLogicTruthy(compiled[s].evaluate(records[r]))) { seg = bundle.segments[s].id; break; }
  if (seg === out[r]) agree++;
}
const secs = (performance.now() - t) / 1000;
console.log(`per-row evaluator: ${m.toLocaleString('en-US')} records in ${secs.toFixed(2)} s = ${(m / secs / 1e6).toFixed(2)} M/s; agrees with columnar on ${agree.toLocaleString('en-US')} of ${m.toLocaleString('en-US')}`);
