// `npm run docs:real-data`: run the default config of every real data set (and a second synthetic data set
// with another seed and segment mix) through `seglab run` and `seglab export`, and write what came out —
// k and why, segment shares, silhouette, stability, names, outcome rates, rule coverage — to
// docs/real-data.md. The defaults are judged on data nobody here generated; this page is the record.
// Data sets are read from ../shared/datasets (or SEGLAB_DATASETS). Takes about five minutes on two cores.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const seglab = require(join(root, 'dist/cjs/index.js'));
const datasets = process.env.SEGLAB_DATASETS ?? join(root, '..', 'shared', 'datasets');
const work = mkdtempSync(join(tmpdir(), 'seglab-real-data-'));

const RUNS = [
  { name: 'CDNOW', config: 'cdnow.yaml', data: 'CDNOW_master.txt.gz' },
  { name: 'Online Retail', config: 'online-retail.yaml', data: 'online_retail_uci_2010_2011.csv.gz' },
  { name: 'Telco churn', config: 'telco.yaml', data: 'Telco-Customer-Churn.csv.gz' },
  { name: 'Bank Marketing', config: 'bank-marketing.yaml', data: 'bank-full.csv.gz' },
];

const pct = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(100 * v).toFixed(1)}%`);
const num = (v, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d));
const cell = (s) => String(s).replace(/\|/g, '\\|');

async function runOne(name, config, vars, baseDirOut) {
  const loaded = seglab.loadRunConfig(config, vars);
  const started = performance.now();
  const out = join(baseDirOut, name.replace(/\W+/g, '-'));
  const { dir } = await seglab.runPipeline({ ...loaded.config, report: { ...loaded.config.report, pdf: false } }, { baseDir: loaded.baseDir, outDir: out, configPath: loaded.path });
  const exported = await seglab.exportRun(dir);
  // A draft because the depth-4 rules miss the fidelity bar: what one more level of the tree gives.
  const deeper = exported.bundle.validation.status === 'draft' ? await seglab.exportRun(dir, { maxDepth: 5 }) : null;
  const seconds = (performance.now() - started) / 1000;
  const cluster = JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8'));
  const personas = JSON.parse(readFileSync(join(dir, 'personas.json'), 'utf8'));
  return { name, dir, cluster, personas, bundle: exported.bundle, fidelity: exported.fidelity, deeper, seconds };
}

function section(r) {
  const sel = r.cluster.selection;
  const cand = sel?.candidates.find((c) => c.k === r.cluster.k);
  const structure = sel?.structure;
  const outcomeDef = r.personas.kpiDefinitions.find((d) => d.key === 'outcomeRate');
  const lines = [`## ${r.name}`, ''];
  lines.push(`${r.personas.base.customers.toLocaleString('en-US')} customers; clustered on ${r.cluster.features.map((f) => f.name).join(', ')}.`, '');
  lines.push(`**k = ${r.cluster.k}** (${r.cluster.kSource}). ${structure ? structure.text : ''}`, '');
  if (sel) lines.push(`Silhouette at k: ${num(cand?.metrics.silhouette)}; mean bootstrap Jaccard: ${num(r.cluster.stability?.meanJaccard)}; limits: minShare ${pct(sel.limits.minShare)}, maxShare ${pct(sel.limits.maxShare)}.`, '');
  const header = ['id', 'name', 'share', 'state', 'median days since last order', ...(outcomeDef ? [outcomeDef.label] : []), 'stability (Jaccard)', 'first action or note'];
  lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
  const jaccard = new Map((r.cluster.stability?.clusters ?? []).map((c) => [c.label, c.meanJaccard]));
  for (const s of r.personas.segments) {
    if (s.suppressed) {
      lines.push(`| ${s.id} | (suppressed: ${cell(s.reason)}) |  |  |  |${outcomeDef ? '  |' : ''}  |  |`);
      continue;
    }
    const action = s.card.actions[0] ? `${s.card.actions[0].title}: ${s.card.actions[0].reason}` : (s.card.actionsNote ?? '');
    lines.push(
      `| ${s.id} | ${cell(s.name)} | ${pct(s.share)} | ${s.activity ?? 'no orders data'} | ${s.kpis.recency === undefined || s.kpis.recency === null ? '–' : Math.round(s.kpis.recency)} |${outcomeDef ? ` ${pct(s.kpis.outcomeRate)} |` : ''} ${num(jaccard.get(s.id))} | ${cell(action)} |`,
    );
  }
  if (outcomeDef) lines.push('', `${outcomeDef.label} over all customers: ${pct(r.personas.base.kpis.outcomeRate)}.`);
  const b = r.bundle;
  lines.push('', `Rules: bundle ${b.validation.status}, ${b.segments?.length ?? 0} segment rules${r.fidelity ? `, holdout fidelity ${pct(r.fidelity.holdout.accuracy)}` : ''}.${b.validation.reasons.length ? ` Draft because: ${b.validation.reasons.join('; ')}.` : ''}`);
  if (r.deeper) lines.push('', `With \`seglab export --max-depth 5\`: bundle ${r.deeper.bundle.validation.status}, holdout fidelity ${pct(r.deeper.fidelity?.holdout.accuracy)}.`);
  lines.push('', `Run and export: ${r.seconds.toFixed(0)} s.`, '');
  return lines.join('\n');
}

const results = [];
for (const run of RUNS) {
  const data = join(datasets, run.data);
  if (!existsSync(data)) {
    console.error(`skip ${run.name}: ${data} not found (set SEGLAB_DATASETS)`);
    continue;
  }
  console.error(`${run.name} …`);
  results.push(await runOne(run.name, join(root, 'data', 'configs', run.config), { data }, work));
}
{
  // The embedded sample's generator with another seed and segment mix (MATURE_SHOP_MIX: an older shop past its
  // peak), run with the sample's own config pointed at it.
  const dir = join(work, 'second-sample');
  await seglab.writeSynthetic({ customers: 3000, seed: 7, compress: true, segmentMix: { ...seglab.MATURE_SHOP_MIX } }, dir);
  const config = readFileSync(join(root, 'data', 'configs', 'sample.yaml'), 'utf8')
    .replace(/^name: sample$/m, 'name: sample-seed7')
    .replace(/\.\.\/sample\//g, './');
  writeFileSync(join(dir, 'sample.yaml'), config);
  console.error('synthetic, seed 7, mature-shop mix …');
  results.push(await runOne('Synthetic, seed 7, mature-shop mix', join(dir, 'sample.yaml'), {}, work));
}

const summary = [
  '| data | customers | k | natural groups? | shares | silhouette | mean Jaccard | names | rules |',
  '|---|---:|---:|---|---|---:|---:|---|---|',
  ...results.map((r) => {
    const sel = r.cluster.selection;
    const cand = sel?.candidates.find((c) => c.k === r.cluster.k);
    const shown = r.personas.segments.filter((s) => !s.suppressed);
    return `| ${r.name} | ${r.personas.base.customers.toLocaleString('en-US')} | ${r.cluster.k} | ${sel?.structure ? (sel.structure.found ? 'yes' : `no (${sel.structure.check.code})`) : '–'} | ${r.cluster.segments.map((s) => pct(s.share)).join(', ')} | ${num(cand?.metrics.silhouette)} | ${num(r.cluster.stability?.meanJaccard)} | ${cell(shown.map((s) => s.name).join('; '))} | ${r.bundle.validation.status} |`;
  }),
];
const page = [
  '# The defaults on real data',
  '',
  `Written by \`npm run docs:real-data\` (scripts/real-data-report.mjs) with seglab ${seglab.versions?.().seglab ?? ''} on ${new Date().toISOString().slice(0, 10)}: every data set's default config run through \`seglab run\` and \`seglab export\`, nothing tuned per data set. Data: ../shared/datasets (provenance in its README).`,
  '',
  ...summary,
  '',
  ...results.map(section),
].join('\n');
mkdirSync(join(root, 'docs'), { recursive: true });
const target = join(root, 'docs', 'real-data.md');
// The models section is written by `npm run bench:models-real` (its own markers): kept as it is.
const previous = existsSync(target) ? readFileSync(target, 'utf8') : '';
const models = previous.indexOf('<!-- models: written by npm run bench:models-real -->');
writeFileSync(`${target}.tmp`, page + '\n' + (models >= 0 ? `\n${previous.slice(models)}` : ''));
renameSync(`${target}.tmp`, target);
rmSync(work, { recursive: true, force: true });
console.error(`wrote ${target}`);
