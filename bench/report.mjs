// Benchmark: personas and the quarterly review for a large base.
//   A feature table of N customers (15 numeric features, a 500-value city column) in 6 segments plus
//   one of 30 customers (suppressed), generated in memory (seeded, not timed). Measured: assembleReport
//   (personas, PCA projection of a 5,000-customer sample, curves) and rendering report.html / report.md;
//   the size of report.html (goal: < 5 MB at 1M customers) and the process's peak RSS.
//   Each N runs in its own child process so that its peak RSS is its own.
// Usage: npm run bench:report [-- --sizes 100000,1000000]
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const argValue = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};

function child(n) {
  const seglab = require(join(root, 'dist/cjs/index.js'));
  const rng = new seglab.Rng(11);
  const specs = [
    ['recency_days', 'days', (s) => 10 + 60 * s * rng.next()],
    ['orders_90d', 'orders', (s) => Math.round((6 - s) * rng.next())],
    ['orders_365d', 'orders', (s) => Math.round(4 * (6 - s) * rng.next())],
    ['frequency', 'orders', (s) => 1 + Math.round(8 * (6 - s) * rng.next())],
    ['monetary_total', 'currency', (s) => 100 * (7 - s) * rng.next()],
    ['spend_365d', 'currency', (s) => 50 * (7 - s) * rng.next()],
    ['monetary_avg', 'currency per order', (s) => 20 + 10 * s * rng.next()],
    ['discount_share', 'share', (s) => (s === 3 ? 0.8 : 0.2) * rng.next()],
    ['sessions_90d', 'sessions', (s) => 10 * rng.next() + (s === 4 ? 20 : 0)],
    ['cart_abandonment_rate', 'ratio', (s) => (s === 4 ? 0.9 : 0.3) * rng.next()],
    ['email_open_rate', 'ratio', () => rng.next()],
    ['tenure_days', 'days', (s) => (s === 5 ? 60 : 900) * rng.next()],
    ['days_since_last_session', 'days', (s) => 5 + 30 * s * rng.next()],
    ['r_score', 'score', (s) => 5 - (s % 5)],
    ['f_score', 'score', (s) => 1 + (s % 5)],
  ];
  const labels = new Array(n);
  const numeric = Object.fromEntries(specs.map(([name]) => [name, new Float64Array(n)]));
  const city = new Array(n);
  for (let i = 0; i < n; i++) {
    const seg = i < 30 ? 6 : i % 6;
    labels[i] = seg;
    for (const [name, , draw] of specs) numeric[name][i] = draw(seg % 6);
    city[i] = `city-${Math.floor(500 * rng.next() ** 3)}`;
  }
  const ids = Array.from({ length: n }, (_, i) => `c${String(i).padStart(8, '0')}`);
  const columns = [
    { name: 'customer_id', role: 'id', description: 'id' },
    ...specs.map(([name, unit]) => ({ name, role: 'numeric', description: name, unit })),
    { name: 'city', role: 'categorical', description: 'City', unit: 'label' },
  ];
  const table = { rowCount: n, ids, names: columns.slice(1).map((c) => c.name), numeric, categorical: { city } };
  const { config } = seglab.loadRunConfig(join(root, 'data/configs/sample.yaml'));
  const cluster = { algorithm: 'kmeans', k: 7, kSource: 'config', features: [], labels, selection: null, stability: null };
  const t0 = performance.now();
  const { data } = seglab.assembleReport({ config, runId: 'bench', table, featureColumns: columns, cluster, quality: null, baseDir: root });
  const t1 = performance.now();
  const html = seglab.renderReportHtml(data);
  const md = seglab.renderReportMarkdown(data);
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({
    n,
    assembleS: (t1 - t0) / 1000,
    renderS: (t2 - t1) / 1000,
    htmlMB: Buffer.byteLength(html) / 1e6,
    mdKB: Buffer.byteLength(md) / 1e3,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }));
}

if (process.argv[2] === '--child') {
  child(Number(process.argv[3]));
} else {
  const sizes = argValue('sizes', '100000,1000000').split(',').map(Number);
  console.log(`bench:report on ${cpus()[0]?.model} × ${cpus().length}, load ${loadavg()[0].toFixed(2)}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  console.log('customers | assemble (personas, projection) s | render html+md s | report.html MB | report.md kB | peak RSS MB');
  for (const n of sizes) {
    const r = spawnSync(process.execPath, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', String(n)], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    const x = JSON.parse(r.stdout);
    console.log(`${x.n.toLocaleString('en-US')} | ${x.assembleS.toFixed(2)} | ${x.renderS.toFixed(2)} | ${x.htmlMB.toFixed(2)} | ${x.mdKB.toFixed(1)} | ${x.maxRssMB.toFixed(0)}`);
  }
}
