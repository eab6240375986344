import { createHash } from 'node:crypto';
import { duckSessionOptions } from './duckSessionOptions';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { writeFileAtomic } from '../core/atomicWrite';
import { InputError } from '../core/errors';
import { silentProgress, type Progress } from '../core/progress';
import { versions } from '../core/version';
import { redactDataConfig } from '../data/DataConfig';
import { DuckSession } from '../data/DuckSession';
import type { Manifest, StageTiming } from './Manifest';
import { removeStaleWorkFolders } from './removeStaleWorkFolders';
import { moveIntoPlace, releaseRunFolder, reserveRunFolder } from './reserveRunFolder';
import type { RunContext, StageResults } from './RunContext';
import { checkRunId } from './RunId';
import { stagesToRun, type RunConfig } from './RunConfig';
import { RunWriter } from './RunWriter';
import { stageFor } from './stages';
import { workFolderName } from './workFolderName';

export interface RunOptions {
  /** Folder relative data paths resolve against (the config file's folder). */
  baseDir: string;
  /** Path of the config file, recorded in the manifest. */
  configPath?: string;
  /** Overrides config.output.dir. */
  outDir?: string;
  /**
   * Name of the run folder; default `<name>-<asOf>-<hash of config, data and version>`. Letters,
   * digits, '.', '_', '-' (RUN_ID_PATTERN); taken already ⇒ a -2, -3, … suffix.
   */
  runId?: string;
  progress?: Progress;
  env?: Readonly<Record<string, string | undefined>>;
  /** DuckDB memory limit, e.g. "3GB"; overrides config.duckdb.memoryLimit. */
  memoryLimit?: string;
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
  checkRunId(config?.name, "config name");
  if (options.runId !== undefined) checkRunId(options.runId, 'run id (--run-id)');
  const outRoot = outputFolder(options.outDir ?? config.output.dir, options.outDir !== undefined ? '--out' : 'output.dir');
  const removedStale = removeStaleWorkFolders(outRoot, progress);
  const workName = workFolderName(config.name);
  const workDir = join(outRoot, workName);
  const writer = new RunWriter(workDir);
  const session = await DuckSession.open(duckSessionOptions(config.duckdb, options.baseDir, options.memoryLimit));
  const results: StageResults = {};
  let parts: Record<string, number> = {};
  let skipped: string | undefined;
  const ctx: RunContext = {
    config,
    baseDir: options.baseDir,
    session,
    progress,
    writer,
    env: options.env ?? process.env,
    results,
    runId: options.runId ?? config.name,
    timePart: (part, ms) => {
      parts[part] = Math.round(ms);
    },
    skip: (reason) => {
      skipped = reason;
    },
  };

  const timings: StageTiming[] = [];
  const t0 = performance.now();
  let finalDir: string | undefined;
  try {
    // Long statements (reading 100M events, the feature query) show their share, rows/s and ETA.
    await session.watch(progress);
    for (const name of stagesToRun(config)) {
      const t = performance.now();
      parts = {};
      skipped = undefined;
      await stageFor(name).run(ctx);
      if (skipped !== undefined) progress.note(`${name}: skipped, ${skipped}`);
      timings.push({ stage: name, ms: Math.round(performance.now() - t), ...(Object.keys(parts).length ? { parts } : {}), ...(skipped !== undefined ? { skipped } : {}) });
      if (name === 'load') {
        // The run id depends on the inputs' fingerprints: known once they are loaded, and shown in the
        // report. The folder is taken now, atomically, so no concurrent run can get the same id.
        const fingerprints = results.load!.tables.map((tb) => tb.sha256);
        finalDir = reserveRunFolder(outRoot, options.runId ?? defaultRunId(config, fingerprints), workName);
        ctx.runId = basename(finalDir);
        ctx.runDir = finalDir;
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
    const runId = ctx.runId;
    const redacted = redact(config);
    const manifest: Manifest = {
      schemaVersion: 1,
      runId,
      createdAt: new Date().toISOString(),
      configPath: options.configPath,
      config: redacted,
      configHash: createHash('sha256').update(JSON.stringify(redacted)).digest('hex'),
      asOf: config.asOf.iso,
      seed: config.seed,
      inputs,
      pseudonymised: load.pseudonymised,
      pseudonymisation: load.pseudonymisation,
      versions: versions(),
      duckdb: await session.settings(),
      ...(results.engine ? { engine: results.engine } : {}),
      ...(results.models ? { model: { family: results.models.card.family, backend: results.models.card.backend } } : {}),
      stages: timings,
      totalMs: Math.round(performance.now() - t0),
      outputs: writer.outputs,
      ...(removedStale.length ? { removedStale } : {}),
    };
    writer.writeJson('manifest.json', manifest, 'This file: config, input fingerprints, versions, seed, timings and outputs.');
    moveIntoPlace(workDir, finalDir!);
    writeFileAtomic(join(outRoot, 'LATEST'), `${runId}\n`);
    return { runId, dir: finalDir!, manifest, results };
  } catch (err) {
    rmSync(workDir, { recursive: true, force: true });
    if (finalDir) releaseRunFolder(finalDir);
    throw err;
  } finally {
    session.close();
  }
}

/** The folder that receives run folders, created when missing; a clear error when it cannot be. */
function outputFolder(dir: string, option: string): string {
  const root = resolve(dir);
  try {
    mkdirSync(root, { recursive: true });
    if (!statSync(root).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`Cannot use ${root} as the output folder.`, [
      {
        severity: 'error',
        check: 'output-folder',
        message: code === 'EEXIST' || code === 'ENOTDIR' ? 'it (or a folder above it) is a file, not a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message,
        location: { file: root, field: option === '--out' ? undefined : 'output.dir' },
        hint: `give ${option} a folder you can write to`,
      },
    ]);
  }
  return root;
}

/** Same config, same data and same seglab version ⇒ same id; any change ⇒ another folder. */
function defaultRunId(config: RunConfig, fingerprints: string[]): string {
  const h = createHash('sha256')
    .update(JSON.stringify(redact(config)))
    .update(fingerprints.join(','))
    .update(versions().seglab ?? '')
    .digest('hex')
    .slice(0, 8);
  return `${config.name}-${config.asOf.iso.replace(/-/g, '')}-${h}`;
}

/** Never write a pseudonymisation key to disk. */
function redact(config: RunConfig): RunConfig {
  return { ...config, data: redactDataConfig(config.data) };
}

