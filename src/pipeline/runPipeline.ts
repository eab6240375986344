import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../core/atomicWrite';
import { silentProgress, type Progress } from '../core/progress';
import { versions } from '../core/version';
import { redactDataConfig } from '../data/DataConfig';
import { DuckSession } from '../data/DuckSession';
import type { RunContext, StageResults } from './RunContext';
import { STAGE_NAMES, type RunConfig, type StageName } from './RunConfig';
import { RunWriter, type OutputRecord } from './RunWriter';
import { stageFor } from './stages';

export interface RunOptions {
  /** Folder relative data paths resolve against (the config file's folder). */
  baseDir: string;
  /** Path of the config file, recorded in the manifest. */
  configPath?: string;
  /** Overrides config.output.dir. */
  outDir?: string;
  /** Name of the run folder; default `<name>-<asOf>-<hash of config, data and version>`. */
  runId?: string;
  progress?: Progress;
  env?: Readonly<Record<string, string | undefined>>;
  /** DuckDB memory limit, e.g. "3GB". */
  memoryLimit?: string;
}

export interface StageTiming {
  stage: StageName;
  ms: number;
}

export interface Manifest {
  schemaVersion: 1;
  runId: string;
  /** Wall-clock time the run finished: provenance only, never an input to any result. */
  createdAt: string;
  configPath?: string;
  /** The validated config with defaults filled in; secrets redacted. */
  config: RunConfig;
  asOf: string;
  seed: number;
  inputs: { table: string; path: string; format: string; sha256: string; bytes: number; rows: number }[];
  pseudonymised: boolean;
  versions: Record<string, string>;
  stages: StageTiming[];
  totalMs: number;
  outputs: OutputRecord[];
}

export interface RunResult {
  runId: string;
  dir: string;
  manifest: Manifest;
  results: StageResults;
}

/**
 * Run every configured stage in order and leave one complete folder under the output dir.
 * Work happens in a hidden temporary folder that is renamed at the end, so a failed run leaves
 * nothing behind and never touches an earlier run.
 */
export async function runPipeline(config: RunConfig, options: RunOptions): Promise<RunResult> {
  const progress = options.progress ?? silentProgress;
  const outRoot = resolve(options.outDir ?? config.output.dir);
  mkdirSync(outRoot, { recursive: true });
  const workDir = join(outRoot, `.${config.name}.${process.pid}.${Date.now()}.tmp`);
  const writer = new RunWriter(workDir);
  const session = await DuckSession.open({ memoryLimit: options.memoryLimit });
  const results: StageResults = {};
  const ctx: RunContext = {
    config,
    baseDir: options.baseDir,
    session,
    progress,
    writer,
    env: options.env ?? process.env,
    results,
    runId: options.runId ?? config.name,
  };
  const wanted = new Set<StageName>(['load', ...(config.stages ?? STAGE_NAMES)]);
  const timings: StageTiming[] = [];
  const t0 = performance.now();
  let finalDir = '';
  try {
    for (const name of STAGE_NAMES) {
      if (!wanted.has(name)) continue;
      const t = performance.now();
      await stageFor(name).run(ctx);
      timings.push({ stage: name, ms: Math.round(performance.now() - t) });
      if (name === 'load') {
        // The run id depends on the inputs' fingerprints: known once they are loaded, and shown in the report.
        const fingerprints = results.load!.tables.map((tb) => tb.sha256);
        finalDir = freeName(outRoot, options.runId ?? defaultRunId(config, fingerprints));
        ctx.runId = finalDir.slice(outRoot.length + 1);
      }
    }
    const load = results.load!;
    const inputs = load.tables.map((t) => ({
      table: t.table,
      path: t.path,
      format: t.format,
      sha256: t.sha256,
      bytes: t.bytes,
      rows: t.rawRows,
    }));
    const runId = ctx.runId!;
    const manifest: Manifest = {
      schemaVersion: 1,
      runId,
      createdAt: new Date().toISOString(),
      configPath: options.configPath,
      config: redact(config),
      asOf: config.asOf,
      seed: config.seed,
      inputs,
      pseudonymised: load.pseudonymised,
      versions: versions(),
      stages: timings,
      totalMs: Math.round(performance.now() - t0),
      outputs: writer.outputs,
    };
    writer.writeJson('manifest.json', manifest, 'This file: config, input fingerprints, versions, seed, timings and outputs.');
    // Another run may have taken the name meanwhile: never overwrite it.
    if (existsSync(finalDir)) finalDir = freeName(outRoot, runId);
    renameSync(workDir, finalDir);
    writeFileAtomic(join(outRoot, 'LATEST'), `${finalDir.slice(outRoot.length + 1)}\n`);
    return { runId: finalDir.slice(outRoot.length + 1), dir: finalDir, manifest, results };
  } catch (err) {
    rmSync(workDir, { recursive: true, force: true });
    throw err;
  } finally {
    session.close();
  }
}

/** Same config, same data and same seglab version ⇒ same id; any change ⇒ another folder. */
function defaultRunId(config: RunConfig, fingerprints: string[]): string {
  const h = createHash('sha256')
    .update(JSON.stringify(redact(config)))
    .update(fingerprints.join(','))
    .update(versions().seglab ?? '')
    .digest('hex')
    .slice(0, 8);
  return `${config.name}-${config.asOf.slice(0, 10).replace(/-/g, '')}-${h}`;
}

/** An earlier run with the same id is never overwritten: the new one gets a -2, -3, … suffix. */
function freeName(root: string, id: string): string {
  let candidate = join(root, id);
  for (let n = 2; existsSync(candidate); n++) candidate = join(root, `${id}-${n}`);
  return candidate;
}

/** Never write a pseudonymisation key to disk. */
function redact(config: RunConfig): RunConfig {
  return { ...config, data: redactDataConfig(config.data) };
}

