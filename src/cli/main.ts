import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { mkdirSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../core/atomicWrite';
import { InputError, SeglabError, UsageError } from '../core/errors';
import { DuckSession, quoteLiteral } from '../data/DuckSession';
import { loadTables } from '../data/loadTables';
import { profileTables, profileToMarkdown } from '../data/profileTables';
import { TABLE_NAMES, type TableName } from '../data/schema';
import { computeFeatures } from '../features/computeFeatures';
import { featureConfigSchema } from '../features/FeatureConfig';
import { dataConfigFromPath } from '../pipeline/dataConfigFromPath';
import { loadRunConfig, type RunConfigOverrides } from '../pipeline/loadRunConfig';
import { previousClusterFile } from '../pipeline/readPreviousRun';
import { runConfigSchema, STAGE_NAMES, type StageName } from '../pipeline/RunConfig';
import { reportRun } from '../pipeline/reportRun';
import { exportRun, type ExportResult } from '../pipeline/exportRun';
import { readBundle, readScoringInput, scoreWithBundle, SCORING_ENGINES, type ScoringEngine } from '../pipeline/scoreWithBundle';
import { bundleMoves, formatBundleMoves } from '../rules/bundleMoves';
import { diffBundles, formatBundleDiff } from '../rules/diffBundles';
import { runPipeline } from '../pipeline/runPipeline';
import { writeQueryCsv } from '../pipeline/writeQueryCsv';
import { LOCALES, type Locale } from '../core/Locale';
import { parseSegmentMix } from '../synth/parseSegmentMix';
import { writeSynthetic } from '../synth/writeSynthetic';
import { StderrProgress } from './StderrProgress';

const CSV_RAW_HELP = "CSV cells starting with = + - @ tab or CR as they are, without the spreadsheet formula guard (for files only programs read)";

/** Exit codes: 0 ok, 1 failure, 2 bad input or usage. */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

/** Run the CLI with the given arguments (without `node seglab`); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const outcome = { code: EXIT.ok as number };
  const program = buildProgram(outcome);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return outcome.code;
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // commander already printed its message (or help / version, which exit 0).
    return err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  if (err instanceof InputError || err instanceof UsageError) {
    process.stderr.write(`seglab: ${err.message}\n`);
    return EXIT.badInput;
  }
  if (err instanceof SeglabError) {
    process.stderr.write(`seglab: ${err.message}\n`);
    return EXIT.failure;
  }
  process.stderr.write(`seglab: unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT.failure;
}

const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0, got "${v}".`);
  return n;
};

const share = (name: string) => (v: string) => {
  const x = Number(v);
  if (v.trim() === '' || !(x >= 0 && x <= 1)) throw new InvalidArgumentError(`${name} must be a number from 0 to 1 (e.g. 0.9 for 90%), got "${v}".`);
  return x;
};

const shareBelow1 = (name: string) => (v: string) => {
  const x = Number(v);
  if (v.trim() === '' || !(x >= 0 && x < 1)) throw new InvalidArgumentError(`${name} must be a number from 0 up to, not including, 1 (e.g. 0.01 for 1%), got "${v}".`);
  return x;
};

/** Each segment's size under the clustering next to its size under the rules (and holdout precision / recall). */
function sizeLines(r: ExportResult): string[] {
  if (!r.segments.length) return [];
  const count = (v: number | undefined | null): string => (v === undefined || v === null ? '—' : v.toLocaleString('en-US'));
  const clustered = r.segments.some((s) => s.cluster);
  // The data's outcome (churn, subscription) beside each population, when the run has one.
  const withOutcome = r.segments.some((s) => s.cluster?.outcomeRate !== undefined || s.rules?.outcomeRate !== undefined);
  const rate = (v: number | null | undefined): string => (v === undefined || v === null ? '—' : `${(100 * v).toFixed(1)}%`);
  const rows = r.segments.map((s) => [
    `${s.id} ${s.names.en}`,
    ...(clustered ? [count(s.cluster?.customers)] : []),
    s.rules ? count(s.rules.customers) : 'no rule',
    ...(clustered ? [s.holdout ? s.holdout.precision.toFixed(2) : '—', s.holdout ? s.holdout.recall.toFixed(2) : '—'] : []),
    ...(withOutcome ? [...(clustered ? [rate(s.cluster?.outcomeRate)] : []), rate(s.rules?.outcomeRate)] : []),
  ]);
  if (clustered) rows.push([`no rule matches (→ ${r.bundle.fallback ? `${r.bundle.fallback.id} ${r.bundle.fallback.names.en}` : 'none'})`, '', count(r.unmatched), '', '', ...(withOutcome ? ['', ''] : [])]);
  const head = ['segment', ...(clustered ? ['cluster'] : []), 'rules', ...(clustered ? ['precision', 'recall'] : []), ...(withOutcome ? [...(clustered ? [`${r.outcome?.label ?? 'outcome'} (cluster)`] : []), `${r.outcome?.label ?? 'outcome'} (rules)`] : [])];
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j]!.length)));
  const line = (cells: string[]): string => `  ${cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ')}`.trimEnd();
  return [line(head), ...rows.map(line)];
}

const keyValue = (v: string, acc: Record<string, string>) => {
  const i = v.indexOf('=');
  if (i <= 0) throw new InvalidArgumentError(`expected name=value, got "${v}".`);
  return { ...acc, [v.slice(0, i)]: v.slice(i + 1) };
};

/** --as-of is checked by the config schema's own rule, with or without a config (profile, features on a path). */
const asOfDate = (v: string) => {
  const r = runConfigSchema.shape.asOf.safeParse(v);
  if (!r.success) throw new InvalidArgumentError(`${r.error.issues[0]!.message}, got "${v}".`);
  return v;
};

const SET_HELP = 'a config key by its dotted path (cluster.k=4, report.pdf=false, cluster.kRange=[3,8]) or a ${name} variable of the config; the value is YAML (repeatable)';

/** --data, --set and --as-of as overrides that the config schema validates with the file. */
function overrides(opts: { data?: string; set?: Record<string, string>; asOf?: string }, values: NonNullable<RunConfigOverrides['values']> = []): RunConfigOverrides {
  return {
    ...(opts.data !== undefined ? { data: resolve(opts.data) } : {}),
    set: opts.set ?? {},
    values: [...(opts.asOf !== undefined ? [{ path: 'asOf', value: opts.asOf, origin: `--as-of ${opts.asOf}` }] : []), ...values],
  };
}

/** `outcome.code`: a command that succeeded but found something (diff-rules: the bundles differ) sets 1. */
function buildProgram(outcome: { code: number }): Command {
  const program = new Command('seglab')
    .description('Customer segmentation workbench: data quality, features, segments, reports and rules.')
    .option('-q, --quiet', 'no progress on stderr')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  const progress = () => new StderrProgress(process.stderr, Boolean(program.opts().quiet));

  program
    .command('synth')
    .description('Write a realistic, reproducible synthetic data set (customers, transactions, events, ground truth).')
    .option('--customers <n>', 'number of customers', int('--customers'), 3000)
    .option('--seed <s>', 'random seed', int('--seed'), 42)
    .requiredOption('--out <dir>', 'output folder')
    .option('--no-events', 'skip the events table (faster, for benchmarks)')
    .option('--no-compress', 'write plain .csv instead of .csv.gz')
    .option('--transactions-per-customer <n>', 'calibrate order rates to this mean number of transaction rows per customer', Number)
    .option('--no-drift', 'no drift in the second and later quarters')
    .option('--mix <shares>', 'segment shares at the end of the first quarter, e.g. lapsed=0.3,promo_hunter=0.25 (segments left out share the rest as in the default mix)')
    .action(async (opts: { customers: number; seed: number; out: string; events: boolean; compress: boolean; transactionsPerCustomer?: number; drift: boolean; mix?: string }) => {
      const segmentMix = opts.mix === undefined ? undefined : parseSegmentMix(opts.mix, '--mix');
      const summary = await writeSynthetic(
        { customers: opts.customers, seed: opts.seed, events: opts.events, compress: opts.compress, transactionsPerCustomer: opts.transactionsPerCustomer, drift: opts.drift, ...(segmentMix ? { segmentMix } : {}) },
        resolve(opts.out),
        progress(),
      );
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    });

  const dataOptions = (cmd: Command) =>
    cmd
      .argument('[path]', 'a data file, or a folder with customers.*, transactions.*, events.* files')
      .option('-c, --config <file>', 'run config (YAML) whose data section describes the files')
      .option('--data <path>', 'value of ${data} in the config')
      .option('--set <name=value>', SET_HELP, keyValue, {})
      .addOption(new Option('--table <name>', 'table of a single data file').choices(TABLE_NAMES as string[]))
      .option('--as-of <date>', 'reference date (YYYY-MM-DD); default: the config\'s asOf', asOfDate);

  dataOptions(program.command('profile'))
    .description('Data-quality profile: missing values, duplicates, constant columns, outliers, returns, future dates.')
    .option('--json <file>', 'also write the profile as JSON')
    .action(async (path: string | undefined, opts: DataOpts & { json?: string }) => {
      const input = resolveInput(path, opts);
      const session = await DuckSession.open();
      try {
        const load = await loadTables(session, input.data, { baseDir: input.baseDir, progress: progress(), env: process.env });
        const profile = await profileTables(session, load, { asOf: input.asOf });
        if (opts.json) writeFileAtomic(resolve(opts.json), JSON.stringify(profile, null, 2) + '\n');
        process.stdout.write(profileToMarkdown(profile));
      } finally {
        session.close();
      }
    });

  dataOptions(program.command('features'))
    .description('Per-customer feature table as of a date (RFM, windows, trend, shares, engagement, demographics).')
    .requiredOption('-o, --out <file>', 'output file: .parquet, .csv or .json')
    .option('--sql <file>', 'also write the SQL that computed the table')
    .option('--csv-raw', CSV_RAW_HELP)
    .action(async (path: string | undefined, opts: DataOpts & { out: string; sql?: string; csvRaw?: boolean }) => {
      const input = resolveInput(path, opts);
      if (!input.asOf) throw new UsageError('features needs a reference date: pass --as-of YYYY-MM-DD (or a config with asOf).');
      const out = resolve(opts.out);
      const format = /\.parquet$/i.test(out) ? 'parquet' : /\.csv$/i.test(out) ? 'csv' : /\.json$/i.test(out) ? 'json' : undefined;
      if (!format) throw new UsageError(`--out must end in .parquet, .csv or .json, got "${opts.out}".`);
      const session = await DuckSession.open();
      try {
        const p = progress();
        const load = await loadTables(session, input.data, { baseDir: input.baseDir, progress: p, env: process.env });
        p.start('compute features');
        const result = await computeFeatures(session, input.features, input.asOf, load);
        for (const s of result.skipped) p.note(`skipped ${s.group}: ${s.reason}`);
        if (format === 'csv') {
          await writeQueryCsv(session, 'SELECT * FROM features', out, { formulaGuard: !opts.csvRaw && input.csvFormulaGuard });
        } else {
          mkdirSync(dirname(out), { recursive: true });
          const tmp = `${out}.${process.pid}.tmp`;
          await session.run(`COPY features TO ${quoteLiteral(tmp)} (${format === 'parquet' ? 'FORMAT parquet' : 'FORMAT json, ARRAY true'})`);
          renameSync(tmp, out);
        }
        if (opts.sql) writeFileAtomic(resolve(opts.sql), result.sql + '\n');
        p.end(`${result.rowCount.toLocaleString('en-US')} customers × ${result.columns.length} columns → ${out}`);
      } finally {
        session.close();
      }
    });

  program
    .command('run')
    .description('Run every stage of a config and write a run folder (manifest.json, quality, features) under reports/.')
    .requiredOption('-c, --config <file>', 'run config (YAML)')
    .option('--data <path>', 'value of ${data} in the config')
    .option('--set <name=value>', SET_HELP, keyValue, {})
    .option('--as-of <date>', 'override the config\'s asOf (YYYY-MM-DD)', asOfDate)
    .option('--out <dir>', 'folder that receives the run folder (default: the config\'s output.dir, reports)')
    .option('--run-id <id>', 'name of the run folder')
    .addOption(new Option('--stages <list>', `comma-separated subset of: ${STAGE_NAMES.join(', ')}`))
    .option('--memory-limit <size>', 'DuckDB memory limit, e.g. 3GB')
    .option('--csv-raw', CSV_RAW_HELP)
    .option('--previous <run>', "an earlier run folder: this run's segments keep its segment ids (sets cluster.previous)")
    .action(async (opts: { config: string; data?: string; set?: Record<string, string>; asOf?: string; out?: string; runId?: string; stages?: string; memoryLimit?: string; csvRaw?: boolean; previous?: string }) => {
      const loaded = loadRunConfig(
        opts.config,
        overrides(opts, [
          ...(opts.csvRaw ? [{ path: 'output.csvFormulaGuard', value: false, origin: '--csv-raw' }] : []),
          ...(opts.stages ? [{ path: 'stages', value: parseStages(opts.stages), origin: `--stages ${opts.stages}` }] : []),
          // Relative to where the command runs, like any other path given on the command line.
          ...(opts.previous !== undefined ? [{ path: 'cluster.previous', value: resolve(opts.previous), origin: `--previous ${opts.previous}` }] : []),
        ]),
      );
      const config = loaded.config;
      // A previous run that cannot be matched fails now, before anything is loaded.
      if (config.cluster.previous && (config.stages ?? STAGE_NAMES).includes('cluster')) {
        previousClusterFile(resolve(loaded.baseDir, config.cluster.previous), opts.previous !== undefined ? '--previous' : 'cluster.previous');
      }
      const p = progress();
      const quiet = Boolean(program.opts().quiet);
      if (!quiet) process.stderr.write(`seglab run ${config.name} (asOf ${config.asOf})\n`);
      const result = await runPipeline(config, {
        baseDir: loaded.baseDir,
        configPath: loaded.path,
        outDir: opts.out,
        runId: opts.runId,
        progress: p,
        memoryLimit: opts.memoryLimit,
      });
      if (!quiet) process.stderr.write(`done in ${(result.manifest.totalMs / 1000).toFixed(1)} s\n`);
      process.stdout.write(`${result.dir}\n`);
    });

  program
    .command('report')
    .description('Personas and the quarterly segment review of a run folder: report.html (offline), report.md, personas.json, report.pdf.')
    .argument('<run>', 'a run folder written by `seglab run` (e.g. reports/sample-20260701-e1679f7e)')
    .addOption(new Option('--locale <locale>', 'language of the report').choices([...LOCALES]))
    .option('--previous <run>', "an earlier run folder: its segments matched to this run's by their centres, sizes and names side by side")
    .option('--min-group-size <n>', 'suppress groups smaller than this (default 50)', int('--min-group-size'))
    .option('--currency <code>', 'ISO 4217 code for money, e.g. EUR')
    .option('--title <text>', 'title of the report')
    .option('--pdf', 'also print report.pdf (needs Chromium)')
    .option('--no-pdf', 'no PDF even when Chromium is installed')
    .action(async (run: string, opts: { locale?: Locale; previous?: string; minGroupSize?: number; currency?: string; title?: string; pdf?: boolean }) => {
      const report = {
        ...(opts.locale ? { locale: opts.locale } : {}),
        ...(opts.previous ? { previous: opts.previous } : {}),
        ...(opts.minGroupSize !== undefined ? { minGroupSize: opts.minGroupSize } : {}),
        ...(opts.currency ? { currency: opts.currency } : {}),
        ...(opts.title ? { title: opts.title } : {}),
        ...(opts.pdf !== undefined ? { pdf: opts.pdf } : {}),
      };
      const result = await reportRun(run, { report, progress: progress() });
      for (const f of result.files) process.stdout.write(`${resolve(result.dir, f)}\n`);
    });

  program
    .command('export')
    .description('Segment rules of a run: a versioned bundle (JSON Logic) and SQL for six dialects under <run>/rules/, validated or draft with reasons.')
    .argument('<run>', 'a run folder with the cluster stage (e.g. reports/sample-20260701-…)')
    .option('--from <file>', 'hand-written rules (JSON or YAML: segments or lead scoring) instead of rules extracted from the segments')
    .option('--min-fidelity <share>', 'holdout accuracy the rules need (default 0.9)', share('--min-fidelity'))
    .option('--min-segment-size <n>', 'customers every segment needs under the rules (default 50)', int('--min-segment-size'))
    .option('--min-stability <jaccard>', 'mean bootstrap Jaccard the segmentation needs (default 0.75)', share('--min-stability'))
    .option('--min-coverage <share>', 'share of customers a segment rule (not the fallback) must assign (default 1)', share('--min-coverage'))
    .option('--max-depth <n>', 'depth of the surrogate decision tree (default 4)', int('--max-depth'))
    .option('--distinctive-within <share>', 'prefer the features that define the segments among splits within this share of the best Gini decrease (default 0.01; 0 = plain CART)', shareBelow1('--distinctive-within'))
    .action(async (run: string, opts: { from?: string; minFidelity?: number; minSegmentSize?: number; minStability?: number; minCoverage?: number; maxDepth?: number; distinctiveWithin?: number }) => {
      const gate = {
        ...(opts.minFidelity !== undefined ? { minFidelity: opts.minFidelity } : {}),
        ...(opts.minSegmentSize !== undefined ? { minSegmentSize: opts.minSegmentSize } : {}),
        ...(opts.minStability !== undefined ? { minStability: opts.minStability } : {}),
        ...(opts.minCoverage !== undefined ? { minCoverage: opts.minCoverage } : {}),
      };
      const r = await exportRun(run, { from: opts.from, gate, maxDepth: opts.maxDepth, distinctiveWithin: opts.distinctiveWithin, progress: progress() });
      process.stdout.write(`${r.bundlePath}\n${r.sqlPaths.join('\n')}\n`);
      if (!program.opts().quiet) {
        const checks = r.bundle.validation.checks.map((c) => `  ${c.passed ? 'pass' : 'FAIL'} ${c.name}: ${c.message}`);
        process.stderr.write(`${[`${r.bundle.name} v${r.bundle.bundleVersion}: ${r.bundle.validation.status}`, ...checks, ...sizeLines(r)].join('\n')}\n`);
      }
    });

  program
    .command('score')
    .description('Assign customers to segments (or lead scores) with an exported bundle; writes CSV customer_id,segment.')
    .requiredOption('--rules <bundle>', 'a bundle written by `seglab export` (segments.vN.json)')
    .requiredOption('--input <file>', 'one row per customer with customer_id and the fields the rules read (.parquet, .csv, .json)')
    .requiredOption('--out <file>', 'CSV to write')
    .addOption(new Option('--engine <engine>', 'in process on typed arrays, or the bundle SQL pushed down to DuckDB').choices([...SCORING_ENGINES]).default('columnar'))
    .option('--csv-raw', CSV_RAW_HELP)
    .action(async (opts: { rules: string; input: string; out: string; engine: ScoringEngine; csvRaw?: boolean }) => {
      const r = await scoreWithBundle(resolve(opts.rules), resolve(opts.input), { out: resolve(opts.out), engine: opts.engine, csvFormulaGuard: !opts.csvRaw });
      const counts = r.counts ? ` — ${[...r.counts].sort((a, b) => a[0] - b[0]).map(([id, n]) => `segment ${id}: ${n.toLocaleString('en-US')}`).join(', ')}` : '';
      if (!program.opts().quiet) process.stderr.write(`scored ${r.rows.toLocaleString('en-US')} customers with ${r.engine} in ${r.seconds.toFixed(2)} s${counts}\n`);
      process.stdout.write(`${r.out}\n`);
    });

  program
    .command('diff-rules')
    .description('What changed between two versions of a rule bundle (exit 0: identical, 1: they differ, 2: bad input), and with --input how many customers would move.')
    .argument('<a>', 'the older bundle (segments.vA.json)')
    .argument('<b>', 'the newer bundle (segments.vB.json)')
    .option('--input <file>', 'customers to score with both versions (features.parquet, .csv, .json): how many would change segment or score')
    .action(async (a: string, b: string, opts: { input?: string }) => {
      const older = readBundle(resolve(a));
      const newer = readBundle(resolve(b));
      const diff = diffBundles(older, newer); // refuses bundles of different kinds (exit 2)
      const lines = [formatBundleDiff(diff)];
      if (opts.input) {
        const fields = [...new Set([...older.fields, ...newer.fields].map((f) => f.name))];
        const columns = await readScoringInput(resolve(opts.input), fields);
        const named = [...older.segments, ...newer.segments, older.fallback, newer.fallback].flatMap((s) => (s ? [[s.id, s.names.en] as const] : []));
        const names = new Map<number, string>(named);
        lines.push(formatBundleMoves(bundleMoves(older, newer, columns), (id) => names.get(id), opts.input));
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      if (!diff.identical) outcome.code = EXIT.failure;
    });

  return program;
}

type DataOpts = { config?: string; data?: string; set?: Record<string, string>; table?: TableName; asOf?: string };

function resolveInput(path: string | undefined, opts: DataOpts) {
  if (opts.config) {
    const loaded = loadRunConfig(opts.config, overrides(opts));
    return { data: loaded.config.data, features: loaded.config.features, baseDir: loaded.baseDir, asOf: loaded.config.asOf, csvFormulaGuard: loaded.config.output.csvFormulaGuard };
  }
  if (!path) throw new UsageError('give a data path or --config <file>.');
  const configOnly = [opts.data !== undefined && '--data', Object.keys(opts.set ?? {}).length > 0 && '--set'].filter(Boolean);
  if (configOnly.length) throw new UsageError(`${configOnly.join(' and ')} change a config: use them with --config <file>, not with a data path.`);
  return { data: dataConfigFromPath(path, opts.table), features: featureConfigSchema.parse({}), baseDir: process.cwd(), asOf: opts.asOf, csvFormulaGuard: true };
}

function parseStages(list: string): StageName[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !(STAGE_NAMES as readonly string[]).includes(n));
  if (bad.length) throw new UsageError(`Unknown stage(s) ${bad.join(', ')}; known: ${STAGE_NAMES.join(', ')}.`);
  return names as StageName[];
}
