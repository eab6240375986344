import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeJsonAtomic } from '../core/atomicWrite';
import { InputError } from '../core/errors';
import { silentProgress, type Progress } from '../core/progress';
import { clusterResultSchema } from './clusterResultSchema';
import { featuresFileSchema } from '../features/featuresFileSchema';
import type { PersonaResult } from '../personas/PersonaResult';
import type { ReportData } from '../report/ReportData';
import { assembleReport } from './assembleReport';
import { manifestSchema, type Manifest } from './Manifest';
import { qualityFactsSchema } from './qualityFacts';
import { reportConfigSchema, type ReportConfig } from './ReportConfig';
import type { RunConfig } from './RunConfig';
import { readRunPrediction } from './readRunPrediction';
import { readRunClv } from './readRunClv';
import { readDriftReport } from './driftReportSchema';
import { RunFolder } from './RunFolder';
import { RunWriter } from './RunWriter';
import { writeReport } from './writeReport';

export interface ReportRunOptions {
  /** Settings that replace the run config's `report` section (locale, previous, pdf, …). */
  report?: Partial<ReportConfig>;
  progress?: Progress;
  /** Folder a `report.previous` given here resolves against (default: the current directory). */
  cwd?: string;
}

/**
 * `seglab report <run>`: the review of an existing run folder, from its files (features.parquet,
 * cluster.json, quality.json, manifest.json; model-card.json, scores.csv and model-segments.json when it ran the models stage; clv.json when it ran the clv stage; drift.json when it ran the drift stage). New files are written beside it under a temporary
 * name and renamed in; the manifest lists them afterwards.
 */
export async function reportRun(runDir: string, options: ReportRunOptions = {}): Promise<{ dir: string; files: string[] }> {
  const progress = options.progress ?? silentProgress;
  const { dir, manifestPath, manifest, config, personas, data } = await assembleRunReport(runDir, options);
  const tmp = join(dir, `.report.${process.pid}.tmp`);
  const writer = new RunWriter(tmp);
  try {
    await writeReport(writer, personas, data, config.report.pdf, progress);
    for (const out of writer.outputs) renameSync(join(tmp, out.file), join(dir, out.file));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const names = new Set(writer.outputs.map((o) => o.file));
  // The manifest as written (its config unparsed, keys of other versions kept), with this edition's files.
  const written = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  writeJsonAtomic(manifestPath, { ...written, outputs: [...manifest.outputs.filter((o) => !names.has(o.file)), ...writer.outputs] });
  return { dir, files: writer.outputs.map((o) => o.file) };
}

/**
 * Personas and report data of an existing run folder, without writing anything: what
 * `seglab report` renders, and what notebooks display.
 */
export async function assembleRunReport(
  runDir: string,
  options: ReportRunOptions = {},
): Promise<{ dir: string; manifestPath: string; manifest: Manifest; config: RunConfig; personas: PersonaResult; data: ReportData }> {
  const progress = options.progress ?? silentProgress;
  const run = new RunFolder(runDir);
  const dir = run.dir;
  const manifestPath = run.need('manifest.json', 'give the folder `seglab run` printed, e.g. reports/sample-20260701-e1679f7e');
  const manifest = run.read('manifest.json', manifestSchema, 'give the folder `seglab run` printed');
  const cluster = run.read('cluster.json', clusterResultSchema, 'run the cluster stage first: seglab run --config <file> (with stages including cluster)');
  const features = run.read('features.json', featuresFileSchema, 'run the features stage first');
  run.need('features.parquet', 'run the features stage first');
  const quality = run.read('quality.json', qualityFactsSchema, null) ?? null;

  const overrides = { ...(options.report ?? {}) };
  if (overrides.previous) overrides.previous = resolve(options.cwd ?? process.cwd(), overrides.previous);
  if (overrides.experiments) overrides.experiments = overrides.experiments.map((p) => resolve(options.cwd ?? process.cwd(), p));
  const report = reportConfigSchema.safeParse({ ...manifest.config.report, ...overrides });
  if (!report.success) throw new InputError(`Report settings: ${report.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
  const config = { ...manifest.config, report: report.data };
  const baseDir = manifest.configPath ? dirname(manifest.configPath) : process.cwd();

  progress.start('report: read the run');
  const table = await run.featureTable();
  progress.end(`${table.rowCount.toLocaleString('en-US')} customers`);
  // The models stage's card, scores and drivers per segment: the review's model section as the run showed it.
  const prediction = readRunPrediction(run, table, manifest.config.output.csvFormulaGuard);
  // The clv stage's aggregates: the value section and the "high value, probably leaving" action as the run showed them.
  const clv = readRunClv(run, table, cluster);
  // The drift stage's comparison: the review's "What changed" section as the run showed it (schema-checked).
  const driftPath = join(dir, 'drift.json');
  const drift = existsSync(driftPath) ? readDriftReport(driftPath) : undefined;
  const { personas, data } = assembleReport({ config, runId: manifest.runId, table, featureColumns: features.columns, cluster, quality, baseDir, ...(prediction ? { prediction } : {}), ...(clv ? { clv } : {}), ...(drift ? { drift } : {}) });
  return { dir, manifestPath, manifest, config, personas, data };
}
