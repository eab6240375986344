// Benchmark: the feature table on the embedded DuckDB vs on the local two-shard ClickHouse cluster (issue 18),
// side by side in one run, on synthetic data (default 1M customers / ~10M transactions, no events; generated
// once, seeded, not timed, into --data, outside the repo). On two shared cores a cluster is not faster: the
// figures show the cost of the push-down path, each part apart:
//   load      DuckDB reads the CSV files (loadTables; both paths start from it: the upload reads DuckDB's tables)
//   duckdb    computeFeatures: the feature table in DuckDB
//   upload    uploadToClickHouse: DuckDB → CSV → the Distributed tables (in a warehouse the data already lives there)
//   query     the feature statement on both shards at once, its rows discarded on the shards (FORMAT Null)
//   shard i   the same statement on shard i alone (the per-shard rate: transaction rows / s)
//   stage     the whole features stage of `seglab run` with `engine: clickhouse` (clickHouseFeatureTable:
//             row-count checks, the statement on the shards, each shard's rows streamed to a file as JSON
//             lines, read by DuckDB, RFM tiles, the features table)
//   gather    stage − query: the coordinator's part (what does not shrink with more shards)
// Then a paper estimate of the same workload on N = 2, 4, 8, 16 shards from the per-shard rate (see BENCHMARKS.md).
// The cluster is started if down (scripts/clickhouse-cluster, the tests' folder) and not stopped; the bench
// uses its own database (seglab_bench). The machine is shared: the load average is recorded before and after.
// Usage: npm run bench:engine [-- --customers 1000000] [--data DIR] [--seed 1] [--no-record]
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const seglab = require(join(root, 'dist/cjs/index.js'));
const { inspectAvailable, roleHintsFrom } = require(join(root, 'dist/cjs/features/AvailableData.js'));
const { clickHouseFeatureTable } = require(join(root, 'dist/cjs/pipeline/clickHouseFeatureTable.js'));
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const customers = Number(option('customers', 1_000_000));
const seed = Number(option('seed', 1));
const dataDir = option('data', join(process.env.TMPDIR ?? tmpdir(), 'seglab-bench', `engine-${customers}-seed${seed}`));
const record = !process.argv.includes('--no-record');
const DATABASE = 'seglab_bench';
const load = () => loadavg()[0].toFixed(2);
const loads = [load()];
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
const progress = { start: (s) => process.stderr.write(`  ${s}\n`), update() {}, end() {}, note: (m) => process.stderr.write(`  ${m}\n`) };
console.error(`bench:engine on ${machine}, 1-minute load ${loads[0]}`);

if (!existsSync(join(dataDir, 'synth.json'))) {
  mkdirSync(dirname(dataDir), { recursive: true });
  console.error(`generating ${customers.toLocaleString('en-US')} customers (~10 transactions each, seed ${seed}) into ${dataDir} (once, not timed) …`);
  const t = performance.now();
  await seglab.writeSynthetic({ customers, seed, events: false, compress: false, transactionsPerCustomer: 10 }, dataDir, progress);
  console.error(`  generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const synth = JSON.parse(readFileSync(join(dataDir, 'synth.json'), 'utf8'));
const asOf = synth.quarters.at(-1).asOf;

const clusterDir = process.env.SEGLAB_CLICKHOUSE_DIR ?? join(process.env.TMPDIR ?? tmpdir(), 'seglab-clickhouse');
if (!process.env.SEGLAB_CLICKHOUSE_URL) execFileSync(join(root, 'scripts', 'clickhouse-cluster'), ['start', clusterDir], { stdio: ['ignore', 'ignore', 'inherit'] });
const settings = { ...seglab.clickHouseSettingsFromEnv(), database: DATABASE };
await seglab.ClickHouseEngine.ensureDatabase(settings);
const engine = await seglab.ClickHouseEngine.connect(settings);
const info = await engine.describe();

const seconds = {};
const time = async (name, work) => {
  const t = performance.now();
  const out = await work();
  seconds[name] = (performance.now() - t) / 1000;
  console.error(`  ${name}: ${seconds[name].toFixed(1)} s`);
  return out;
};

const session = await seglab.DuckSession.open({});
const duckdbSettings = { memoryLimit: await session.scalar("SELECT current_setting('memory_limit')"), threads: Number(await session.scalar("SELECT current_setting('threads')")) };
const config = seglab.featureConfigSchema.parse({});
const loaded = await time('load', () =>
  seglab.loadTables(session, { customers: { path: synth.files.customers, keepUnmapped: true }, transactions: { path: synth.files.transactions } }, { baseDir: dataDir }),
);
const transactions = loaded.tables.find((t) => t.table === 'transactions').loadedRows;
const duck = await time('duckdb', () => seglab.computeFeatures(session, config, asOf, loaded));
const duckCheck = await session.one('SELECT count(*) AS n, sum(monetary_total)::VARCHAR AS spend FROM features');
await session.run('ALTER TABLE features RENAME TO features_duckdb');

const upload = await time('upload', () => seglab.uploadToClickHouse(session, engine, ['customers', 'transactions']));
const txShards = upload.tables.find((t) => t.table === 'transactions').rowsPerShard;
const available = { ...(await inspectAvailable(session, roleHintsFrom(loaded))), levels: duck.levels };
const plan = seglab.planClickHouseFeatures(available, config, asOf);
// FORMAT Null: the shard computes every column of every row and sends nothing (a count() over the statement
// would let ClickHouse drop the columns it does not need).
const discarded = `${plan.clickhouse.sql}\nFORMAT Null`;
// The settings computeClickHouseFeatures runs the statement with (spilling above half the memory limit).
const statementSettings = { ...(await engine.spillSettings()), ...plan.clickhouse.settings };
const shardUrls = await engine.shardUrls();
const onShard = async (url) => {
  const client = seglab.ClickHouseEngine.client(url, settings);
  try {
    await client.command({ query: discarded, clickhouse_settings: statementSettings });
  } finally {
    await client.close();
  }
};
// Each shard alone (the other idle): its rate is what one shard on its own machine would do, on this machine's cores.
const shardSeconds = [];
for (let i = 0; i < shardUrls.length; i++) {
  await time(`shard ${i + 1}`, () => onShard(shardUrls[i]));
  shardSeconds.push(seconds[`shard ${i + 1}`]);
}
await time('query', () => Promise.all(shardUrls.map(onShard)));
// The run's features stage on ClickHouse: the environment names the bench's database.
const env = { ...process.env, SEGLAB_CLICKHOUSE_DATABASE: DATABASE };
await time('stage', () => clickHouseFeatureTable(session, config, seglab.CalendarDate.parse(asOf), loaded, progress, env));
seconds.gather = Math.max(0, seconds.stage - seconds.query);
// The stage's table against DuckDB's own: the same customers, the same exact sum of spend.
const chCheck = await session.one('SELECT count(*) AS n, sum(monetary_total)::VARCHAR AS spend FROM features');
if (Number(chCheck.n) !== Number(duckCheck.n)) throw new Error(`ClickHouse gave ${chCheck.n} customers, DuckDB ${duckCheck.n}`);
// monetary_total is a DOUBLE here: DuckDB sums it in parallel, in no fixed order, so the last digits may move.
if (Math.abs(Number(chCheck.spend) - Number(duckCheck.spend)) > 1e-9 * Math.abs(Number(duckCheck.spend))) throw new Error(`monetary_total sums differ: DuckDB ${duckCheck.spend}, ClickHouse ${chCheck.spend}`);
session.close();
await engine.close();
loads.push(load());

// The paper estimate: each shard on its own machine at the measured per-shard rate (the slower shard's),
// the data spread evenly, the coordinator's gather (parse + merge + RFM in Node) as measured here.
const rate = Math.min(...txShards.map((n, i) => n / shardSeconds[i]));
const gatherRate = customers / seconds.gather;
const estimate = (n, tx) => ({ shards: n, aggregation: tx / n / rate, gather: customers / gatherRate });
const result = {
  benchmark: 'engine',
  date: new Date().toISOString().slice(0, 10),
  machine,
  load1m: loads,
  data: dataDir,
  customers: Number(duckCheck.n),
  transactions,
  featureColumns: duck.columns.length,
  duckdb: duckdbSettings,
  clickhouse: { version: info.version, shards: info.cluster.shards, transactionsPerShard: txShards, maxThreadsPerShard: 2 },
  seconds: Object.fromEntries(Object.entries(seconds).map(([k, v]) => [k, Math.round(v * 100) / 100])),
  perShardRowsPerSecond: Math.round(rate),
  gatherRowsPerSecond: Math.round(gatherRate),
  estimate: [2, 4, 8, 16].map((n) => estimate(n, transactions)),
  estimate100M: [2, 4, 8, 16].map((n) => estimate(n, transactions * 10)),
};
const s = (x) => x.toFixed(1);
const table = [
  '| path | load | features | upload | query (shards) | gather | features stage | total from the CSV files |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  `| DuckDB (embedded, ${duckdbSettings.threads} threads) | ${s(seconds.load)} | ${s(seconds.duckdb)} | – | – | – | ${s(seconds.duckdb)} | ${s(seconds.load + seconds.duckdb)} |`,
  `| ClickHouse ${info.version}, ${txShards.length} shards on this machine | ${s(seconds.load)} | – | ${s(seconds.upload)} | ${s(seconds.query)} | ${s(seconds.gather)} | ${s(seconds.stage)} | ${s(seconds.load + seconds.upload + seconds.stage)} |`,
];
console.log(table.join('\n'));
console.log(JSON.stringify(result, null, 2));

if (record) {
  const file = join(root, 'BENCHMARKS.md');
  if (!readFileSync(file, 'utf8').includes('## Engines: DuckDB vs a two-shard ClickHouse cluster')) {
    appendFileSync(
      file,
      `\n## Engines: DuckDB vs a two-shard ClickHouse cluster (\`npm run bench:engine\`, issue 18)\n\n**Command:** \`npm run bench:engine\` (\`-- --customers N\`, \`-- --data DIR\`, \`-- --no-record\`). bench/engine.mjs generates the synthetic set once (writeSynthetic, ~10 transactions per customer, no events, seeded, not timed; outside the repo), loads it into DuckDB, computes the feature table there, uploads the same tables to the local two-shard cluster (scripts/clickhouse-cluster: two ClickHouse 18.16 servers on this machine, 2 threads each) and computes it there, all in one run. Times in seconds. *load*: DuckDB reads the CSV files (both paths start from it). *query*: the feature statement on both shards at once, its rows discarded there (FORMAT Null). *features stage*: what \`seglab run\` with \`engine: clickhouse\` spends (row-count checks, the statement on the shards, each shard's rows streamed to a file as JSON lines and read by DuckDB, RFM tiles, the features table). *gather*: features stage − query, the coordinator's part. The per-shard rate is each shard's transaction rows over its time running the statement alone. The row count and the exact sum of monetary_total are checked equal between the two engines.\n`,
    );
  }
  const est = (rows, label, first) => [
    '',
    first
      ? `Paper estimate, ${label}. Assumptions: each shard on its own machine with 2 cores at the per-shard rate measured here (${result.perShardRowsPerSecond.toLocaleString('en-US')} transaction rows/s: the slower shard running the statement alone, on this loaded machine); the customers spread evenly over the shards (cityHash64 of the id: here ${txShards.map((n) => n.toLocaleString('en-US')).join(' / ')} transaction rows) and the time linear in a shard's rows; the shards run at once, so the aggregation takes one shard's time. The coordinator's part does not shrink with N: the gather (features stage − query: the row-count checks, every customer's row streamed from the shards to files and read by DuckDB, the RFM tiles, the features table) at the measured ${result.gatherRowsPerSecond.toLocaleString('en-US')} customers/s. No upload (the data lives in the warehouse).`
      : `Paper estimate, ${label}, the same assumptions.`,
    '',
    '| shards | aggregation (s) | gather (s) | total (s) |',
    '|---:|---:|---:|---:|',
    ...rows.map((e) => `| ${e.shards} | ${s(e.aggregation)} | ${s(e.gather)} | ${s(e.aggregation + e.gather)} |`),
  ];
  appendFileSync(
    file,
    [
      '',
      `### ${result.date}: ${result.customers.toLocaleString('en-US')} customers, ${transactions.toLocaleString('en-US')} transactions, ${result.featureColumns} feature columns`,
      '',
      `**Machine:** ${machine}; 1-minute load average ${loads.join(' → ')} (start → end), shared with other engineers. DuckDB memory limit ${duckdbSettings.memoryLimit}, ${duckdbSettings.threads} threads; ClickHouse ${info.version}, shards ${info.cluster.shards.join(', ')} (max_threads 2 each). Data: ${dataDir}.`,
      '',
      ...table,
      '',
      `Each shard alone: ${shardSeconds.map((x, i) => `shard ${i + 1} ${s(x)} s for ${txShards[i].toLocaleString('en-US')} transaction rows`).join(', ')}.`,
      ...est(result.estimate, `this workload (${transactions.toLocaleString('en-US')} transactions, ${result.customers.toLocaleString('en-US')} customers)`, true),
      ...est(result.estimate100M, `ten times the transactions (${(transactions * 10).toLocaleString('en-US')}), the same customers`, false),
      '',
    ].join('\n'),
  );
  console.error('recorded in BENCHMARKS.md');
}
