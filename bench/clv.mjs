// Benchmark: the CLV layer (issue 15). Goals: fit BG/NBD + Gamma-Gamma on 1M synthetic customers < 10 s,
//   on CDNOW (the 2,357-customer summary) < 1 s; predictions (conditional expected purchases over 39 weeks,
//   P(alive), CLV over 12 months) for 1M customers < 2 s.
//   The synthetic customers are drawn (seeded, not timed) from the BG/NBD and Gamma-Gamma at CDNOW's published
//   parameters, with first purchases spread over 13 weeks before a 39-week calibration end and times on whole days
//   (as a summary from real transactions: many customers share (x, t_x, T), which the fit merges).
//   The machine is shared: the load average is recorded before and after.
//   `--continuous` keeps purchase times continuous instead (every customer distinct: the worst case of that merging).
//   Predictions are timed twice: in one pass (predictCustomers: one check, one grouping, shared terms) and as the three calls.
//   Wall and CPU time are both recorded (the CPU time of this process depends much less on the other engineers' load).
// Usage: npm run bench:clv [-- --customers 1000000] [-- --continuous] [-- --no-record]
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
const n = arg('--customers', 1_000_000);
const record = !process.argv.includes('--no-record');
const continuous = process.argv.includes('--continuous');
const load = () => loadavg().map((x) => x.toFixed(2)).join(' / ');
const loadStart = load();
const machine = `${cpus()[0]?.model} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
console.log(`bench:clv on ${machine}, load (1/5/15 min) ${loadStart}, ${new Date().toISOString().slice(0, 10)}`);

// --- synthetic customers from the models (not timed)
const truth = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, p: 6.25, q: 3.74, v: 15.44 };
function synth(count, seed) {
  const rng = new Rng(seed);
  const frequency = new Float64Array(count);
  const recency = new Float64Array(count);
  const T = new Float64Array(count);
  const monetaryValue = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const ageDays = 182 + (continuous ? 91 * rng.next() : rng.int(91));
    const lambda = rng.gamma(truth.r, 1 / truth.alpha) / 7; // purchases per day
    const ga = rng.gamma(truth.a);
    const pDrop = ga / (ga + rng.gamma(truth.b));
    const nu = rng.gamma(truth.q, 1 / truth.v);
    let t = 0;
    let last = 0;
    let x = 0;
    let spend = 0;
    let lastDay = -1;
    for (;;) {
      t += -Math.log(1 - rng.next()) / lambda;
      const day = continuous ? t : Math.floor(t);
      if (day > ageDays) break;
      if (day !== lastDay && day > 0) {
        x++;
        last = day;
        lastDay = day;
        spend += rng.gamma(truth.p, 1 / nu);
      }
      if (rng.next() < pDrop) break;
    }
    frequency[i] = x;
    recency[i] = last / 7;
    T[i] = ageDays / 7;
    monetaryValue[i] = x > 0 ? spend / x : 0;
  }
  return { frequency, recency, T, monetaryValue, unit: 'weeks' };
}
const data = synth(n, 15);
const distinct = new Set();
for (let i = 0; i < n; i++) distinct.add(`${data.frequency[i]} ${data.recency[i]} ${data.T[i]}`);
const repeat = data.frequency.reduce((a, x) => a + (x > 0 ? 1 : 0), 0);
console.log(`synthetic: ${n.toLocaleString('en-US')} customers, ${distinct.size.toLocaleString('en-US')} distinct (x, t_x, T), ${repeat.toLocaleString('en-US')} repeat buyers`);

// Wall time, and the CPU time of this process (user + system): on a shared machine the wall time grows with the load, the CPU time much less.
const time = (f) => {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = f();
  const u = process.cpuUsage(c);
  return { value, s: (performance.now() - t) / 1000, cpu: (u.user + u.system) / 1e6 };
};
const fitBoth = (d) => {
  const bg = seglab.CLV_MODELS.lookup('bg-nbd').create().fit(d);
  const gg = new seglab.GammaGamma().fit(d);
  return { bg, gg };
};
const fmt = (o) => Object.entries(o).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ');

// --- fit on 1M
const fitBig = time(() => fitBoth(data));
const bgFit = time(() => seglab.CLV_MODELS.lookup('bg-nbd').create().fit(data));
const ggFit = time(() => new seglab.GammaGamma().fit(data));
console.log(`fit 1M: ${fitBig.s.toFixed(2)} s (BG/NBD ${bgFit.s.toFixed(2)} s, Gamma-Gamma ${ggFit.s.toFixed(2)} s, timed again alone); BG/NBD ${fmt(fitBig.value.bg.params)}; Gamma-Gamma ${fmt(fitBig.value.gg.params)} (truth ${fmt(truth)})`);

// --- fit on CDNOW (the published 2,357-customer summary with zbar)
const cdnowFile = join(process.env.SEGLAB_DATASETS ?? join(root, '..', 'shared', 'datasets'), 'cdnow_customers_summary_with_transactions.csv');
let cdnow = null;
if (existsSync(cdnowFile)) {
  const rows = readFileSync(cdnowFile, 'utf8').split(/\r?\n/).filter((l) => l.trim()).slice(1).map((l) => l.split(',').map(Number));
  const col = (k) => Float64Array.from(rows, (r) => r[k]);
  const d = { frequency: col(1), recency: col(2), T: col(3), monetaryValue: col(4), unit: 'weeks' };
  fitBoth(d); // warm-up (JIT) of the small fit, so the timed one is the steady state
  cdnow = time(() => fitBoth(d));
  console.log(`fit CDNOW (${rows.length} customers): ${cdnow.s.toFixed(3)} s; BG/NBD ${fmt(cdnow.value.bg.params)}; Gamma-Gamma ${fmt(cdnow.value.gg.params)}`);
} else console.log(`CDNOW skipped: no ${cdnowFile}`);

// --- predictions for 1M: in one pass (predictCustomers), then the three calls one by one
const { bg, gg } = fitBig.value;
const onePass = time(() => seglab.predictCustomers(bg, gg, data, { t: 39 }));
const expected = time(() => bg.expectedPurchases(39, data));
const alive = time(() => bg.probabilityAlive(data));
const clv = time(() => seglab.customerLifetimeValue(bg, gg, data));
const predictS = expected.s + alive.s + clv.s;
const predictCpu = expected.cpu + alive.cpu + clv.cpu;
const total = clv.value.reduce((a, x) => a + x, 0);
let maxDiff = 0;
for (let i = 0; i < n; i++) maxDiff = Math.max(maxDiff, Math.abs(onePass.value.clv[i] - clv.value[i]) / Math.max(1e-300, Math.abs(clv.value[i])));
console.log(`predict 1M in one pass (predictCustomers): ${onePass.s.toFixed(2)} s (CPU ${onePass.cpu.toFixed(2)} s); CLV within ${maxDiff.toExponential(1)} relative of the call below`);
console.log(`predict 1M one by one: ${predictS.toFixed(2)} s, CPU ${predictCpu.toFixed(2)} s (expected purchases 39 weeks ${expected.s.toFixed(2)} s, P(alive) ${alive.s.toFixed(2)} s, CLV 12 months ${clv.s.toFixed(2)} s); mean CLV ${(total / n).toFixed(2)}`);
const loadEnd = load();
console.log(`load after: ${loadEnd}`);

if (record) {
  const goal = (s, g) => `${s.toFixed(2)} s (goal < ${g} s: ${s < g ? 'met' : 'MISSED'})`;
  const lines = [
    '',
    `### ${new Date().toISOString().slice(0, 10)}: ${n.toLocaleString('en-US')} synthetic customers${continuous ? ' (continuous times: every customer distinct)' : ''} and CDNOW`,
    '',
    `Machine: ${machine}, shared by four engineers working at once; load average (1/5/15 min) ${loadStart} at the start, ${loadEnd} at the end.`,
    `Synthetic: ${distinct.size.toLocaleString('en-US')} distinct (x, t_x, T) among ${n.toLocaleString('en-US')} customers, ${repeat.toLocaleString('en-US')} repeat buyers.`,
    '',
    '| step | time | detail |',
    '|---|---|---|',
    `| fit BG/NBD + Gamma-Gamma, ${n.toLocaleString('en-US')} customers | ${goal(fitBig.s, 10)} | BG/NBD ${bgFit.s.toFixed(2)} s, Gamma-Gamma ${ggFit.s.toFixed(2)} s; BG/NBD ${fmt(bg.params)}; Gamma-Gamma ${fmt(gg.params)} (drawn at ${fmt(truth)}) |`,
    ...(cdnow ? [`| fit BG/NBD + Gamma-Gamma, CDNOW (2,357) | ${goal(cdnow.s, 1)} | BG/NBD ${fmt(cdnow.value.bg.params)}; Gamma-Gamma ${fmt(cdnow.value.gg.params)} |`] : []),
    `| predict ${n.toLocaleString('en-US')} customers in one pass (\`predictCustomers\`: 39-week purchases, P(alive), spend, 12-month CLV) | ${goal(onePass.s, 2)} | CPU ${onePass.cpu.toFixed(2)} s |`,
    `| predict ${n.toLocaleString('en-US')} customers one call each | ${goal(predictS, 2)} | CPU ${predictCpu.toFixed(2)} s; expected purchases (39 weeks) ${expected.s.toFixed(2)} s, P(alive) ${alive.s.toFixed(2)} s, CLV 12 months ${clv.s.toFixed(2)} s |`,
    '',
  ];
  const file = join(root, 'BENCHMARKS.md');
  if (!readFileSync(file, 'utf8').includes('## Customer lifetime value (`npm run bench:clv`')) {
    appendFileSync(file, `\n## Customer lifetime value (\`npm run bench:clv\`, issue 15)\n\n**Command:** \`npm run bench:clv\` (\`-- --customers N\`, \`-- --no-record\`). bench/clv.mjs draws the synthetic customers (seeded, not timed) from the BG/NBD and Gamma-Gamma at CDNOW's published parameters (first purchases over 13 weeks, times on whole days), then times the fits and the predictions in one process; CDNOW is the published 2,357-customer summary (fitted once untimed first, for the JIT).\n`);
  }
  appendFileSync(file, lines.join('\n'));
  console.log('recorded in BENCHMARKS.md');
}
