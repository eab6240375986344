import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { InputError, paramError, UsageError, type Problem } from '../core/errors';
import { type Progress, silentProgress } from '../core/progress';
import { buildCanonicalTable } from './buildCanonicalTable';
import { type DataConfig, parseDataConfig, type TableSource } from './DataConfig';
import { detectFormat } from './detectFormat';
import { DuckSession, quoteIdent } from './DuckSession';
import { fileFingerprint } from './fileFingerprint';
import type { LoadedColumn, LoadedTable, LoadResult, PseudonymisationInfo } from './LoadResult';
import { MIN_KEY_LENGTH, PSEUDONYM_HEX_CHARS, pseudonymiseTables, resolvePseudonymKeySource, unusedPseudonymKeys } from './pseudonymise';
import { dropRawTable, readRawTable } from './readRawTable';
import { type ColumnPlan, resolveMapping } from './resolveMapping';
import { dropRowMap } from './sampleRows';
import { TABLE_NAMES, type TableName } from './schema';
import { readConvertedCsv } from './readConvertedCsv';
import { validateTable, type ValidatedTable } from './validateTable';

export type { LoadedColumn, LoadedTable, LoadResult, PseudonymisationInfo } from './LoadResult';

export interface LoadOptions {
  /** Folder that relative paths in the config are resolved against (the config file's folder). */
  baseDir: string;
  progress?: Progress;
  /** Pseudonymisation key; overrides the config. Never written anywhere. */
  pseudonymKey?: string;
  /** Environment the key variable is read from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * false: read every CSV file as text and validate it in stages (the path files with problems take);
   * default true: a clean CSV file is read, mapped and converted in one pass, with the same result.
   */
  onePassCsv?: boolean;
}

/**
 * Read the configured source files into the canonical DuckDB tables customers / transactions /
 * events, validating as it goes. Every fatal problem of every table is collected and thrown
 * together as one InputError (nothing is left loaded then); non-fatal ones are returned as warnings.
 * Tables the config does not name are listed as absent, and any stale table of that name is dropped.
 */
export async function loadTables(session: DuckSession, config: DataConfig, options: LoadOptions): Promise<LoadResult> {
  if (!(session instanceof DuckSession)) throw paramError('session', session, 'an open DuckSession', typeof session);
  if (!options || typeof options.baseDir !== 'string' || options.baseDir === '') {
    throw paramError('options.baseDir', options?.baseDir, 'the folder of the config file');
  }
  if (options.pseudonymKey !== undefined && (typeof options.pseudonymKey !== 'string' || options.pseudonymKey === '')) {
    throw new UsageError('Invalid options.pseudonymKey: expected a non-empty string or undefined.');
  }
  const cfg = parseDataConfig(config);
  const progress = options.progress ?? silentProgress;

  // Resolve the key before any heavy work, so a missing key fails fast.
  const env = options.env ?? process.env;
  const resolved = options.pseudonymKey !== undefined ? undefined : resolvePseudonymKeySource(cfg, env);
  const key = options.pseudonymKey ?? resolved?.key;

  const problems: Problem[] = [];
  const tables: LoadedTable[] = [];
  const absent: TableName[] = [];
  const configured = TABLE_NAMES.filter((t) => cfg[t]);
  for (const table of TABLE_NAMES) {
    if (cfg[table]) continue;
    absent.push(table);
    await session.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    await dropRowMap(session, table);
  }
  // The tables load at the same time, each on its own connection: DuckDB reads a gzip file on one
  // thread, so the transactions read runs beside the events read instead of before it. The last table
  // (events when there are events, the largest file as a rule) runs on the session itself, so the
  // progress display follows its statements. Results are taken in table order: the same output.
  const forks = await Promise.all(configured.slice(0, -1).map(() => session.fork()));
  try {
    const running = configured.map((table, i) =>
      loadOne(forks[i] ?? session, table, cfg[table]!, resolve(options.baseDir), options).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
    );
    try {
      for (const [i, table] of configured.entries()) {
        progress.start(`load ${table}`);
        const got = await running[i]!;
        if ('error' in got) throw got.error;
        problems.push(...got.value.problems);
        if (got.value.loaded) tables.push(got.value.loaded);
        progress.end(got.value.loaded ? `${got.value.loaded.loadedRows.toLocaleString('en-US')} rows` : 'failed');
      }
    } finally {
      // No connection is closed under a load still running.
      await Promise.all(running);
    }
  } finally {
    for (const f of forks) f.close();
  }

  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    for (const t of TABLE_NAMES) {
      await session.run(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
      await dropRowMap(session, t);
    }
    const failed = [...new Set(errors.map((e) => e.location?.file).filter(Boolean))];
    throw new InputError(
      `Cannot load the data: ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}${failed.length ? ` in ${failed.join(', ')}` : ''}.`,
      [...errors, ...problems.filter((p) => p.severity === 'warning')],
    );
  }

  const pseudonymisation: PseudonymisationInfo = { applied: false, idHexChars: PSEUDONYM_HEX_CHARS };
  if (key !== undefined) {
    progress.start('pseudonymise customer ids');
    const { distinctIds } = await pseudonymiseTables(session, tables.map((t) => t.table), key);
    pseudonymisation.applied = true;
    // Say where the key came from, never the key.
    pseudonymisation.keySource = resolved?.source ?? 'option';
    if (resolved?.envVar) pseudonymisation.keyEnv = resolved.envVar;
    pseudonymisation.distinctIds = distinctIds;
    progress.end(`${distinctIds.toLocaleString('en-US')} ids`);
    if (key.length < MIN_KEY_LENGTH) {
      problems.push({
        severity: 'warning',
        check: 'weak-pseudonym-key',
        message: `the pseudonymisation key has only ${key.length} characters`,
        location: { field: 'data.pseudonymise' },
        hint: `use at least ${MIN_KEY_LENGTH} random characters, e.g. $(openssl rand -hex 32)`,
      });
    }
  } else if (cfg.pseudonymise && cfg.pseudonymise.enabled !== false) {
    problems.push({
      severity: 'warning',
      check: 'no-pseudonym-key',
      message: `data.pseudonymise is set but no key was found (${cfg.pseudonymise.keyEnv ?? 'SEGLAB_PSEUDONYM_KEY'} is not set); customer ids are kept as they are`,
      location: { field: 'data.pseudonymise' },
      hint: `set ${cfg.pseudonymise.keyEnv ?? 'SEGLAB_PSEUDONYM_KEY'}, or set enabled: true to make a missing key an error`,
    });
  }

  const unused = unusedPseudonymKeys(cfg, env, key === undefined ? undefined : (resolved?.source ?? 'option'));
  if (unused.names.length) {
    pseudonymisation.unusedKeys = unused.names;
    problems.push(...unused.problems);
  }

  const warnings = problems.filter((p) => p.severity === 'warning');
  for (const w of warnings) progress.note(`warning [${w.check}] ${w.message}`);
  return { schemaVersion: 1, tables, absent, warnings, pseudonymised: pseudonymisation.applied, pseudonymisation };
}

interface OneResult {
  loaded?: LoadedTable;
  problems: Problem[];
}

async function loadOne(session: DuckSession, table: TableName, source: TableSource, baseDir: string, options: Pick<LoadOptions, 'onePassCsv'>): Promise<OneResult> {
  const field = `data.${table}`;
  const file = resolve(baseDir, source.path);
  const fileProblem = checkFile(file, source.path, baseDir, field);
  if (fileProblem) return { problems: [fileProblem] };

  const detected = detectFormat(file, source.format ?? 'auto');
  if (!detected) {
    return {
      problems: [
        {
          severity: 'error',
          check: 'unknown-format',
          message: 'cannot tell the file format from the file name',
          location: { file, field: `${field}.format` },
          hint: `set format: csv, parquet, json or whitespace under ${field}`,
        },
      ],
    };
  }
  const request = { table, path: file, detected, source, field };
  // The file is hashed while DuckDB reads it: the hash runs on this thread, the read on DuckDB's.
  // A clean CSV file is read, mapped and converted in one pass; any other file (or one the pass finds
  // a problem in) is read as text and validated in stages, which name every problem's rows.
  const fingerprinted = fileFingerprint(file);
  const onePass = options.onePassCsv === false ? undefined : await readConvertedCsv(session, request);
  const [fingerprint, read] = await Promise.all([fingerprinted, onePass ? { raw: onePass.raw, problems: onePass.problems } : readRawTable(session, request)]);
  const problems = [...read.problems];
  const raw = read.raw;
  if (!raw) return { problems };

  let stageName: string | undefined;
  try {
    let validated: ValidatedTable;
    if (onePass) {
      validated = onePass.validated;
    } else {
      const mapping = resolveMapping(table, source, raw.columns.map((c) => c.name), file, field, raw.duplicateHeaders);
      problems.push(...mapping.problems);
      if (mapping.problems.some((p) => p.severity === 'error')) return { problems };
      validated = await validateTable(session, { table, file, field, source, raw }, mapping.plans);
      stageName = validated.stageName;
    }
    problems.push(...validated.problems);
    if (!validated.stageName) return { problems };
    // Validation has taken what it needs from the source values: free them before the canonical
    // table is built. Whitespace files keep them, as their line numbers are in the raw table.
    if (raw.lineMode !== 'column') await dropRawTable(session, table);

    const built = await buildCanonicalTable(session, { table, file, field, source, raw }, validated);
    // "No rows loaded" only adds news when nothing fatal explains it already.
    const explained = problems.some((p) => p.severity === 'error');
    problems.push(...built.problems.filter((p) => !(explained && p.check === 'no-rows-loaded')));
    return {
      problems,
      loaded: {
        table,
        path: file,
        format: detected.format,
        compressed: detected.gzip,
        sha256: fingerprint.sha256,
        bytes: fingerprint.bytes,
        sourceColumns: raw.columns.map((c) => c.name),
        rawRows: raw.rows + raw.rejectedLines.length,
        loadedRows: built.rows,
        excluded: built.excluded,
        duplicateRows: built.duplicateRows,
        ...(built.duplicateKeys ? { duplicateKeys: built.duplicateKeys } : {}),
        columns: validated.plans.map(loadedColumn),
        ...(detected.format === 'csv' ? { read: onePass ? ('one-pass' as const) : ('staged' as const) } : {}),
      },
    };
  } finally {
    await onePass?.drop();
    await dropRawTable(session, table);
    if (stageName) await session.run(`DROP TABLE IF EXISTS ${quoteIdent(stageName)}`);
  }
}

function checkFile(file: string, given: string, baseDir: string, field: string): Problem | undefined {
  const relative = !isAbsolute(given);
  if (!existsSync(file)) {
    return {
      severity: 'error',
      check: 'file-not-found',
      message: `file not found: ${file}`,
      location: { file, field: `${field}.path` },
      hint: relative
        ? `relative paths are resolved against the config's folder (${baseDir}); fix path: under ${field} or pass --data <path>`
        : `fix path: under ${field} or pass --data <path>`,
    };
  }
  const stat = statSync(file);
  if (!stat.isFile()) {
    return {
      severity: 'error',
      check: 'not-a-file',
      message: `${file} is a ${stat.isDirectory() ? 'directory' : 'special file'}, not a data file`,
      location: { file, field: `${field}.path` },
      hint: `point path: under ${field} at one file`,
    };
  }
  if (stat.size === 0) {
    return {
      severity: 'error',
      check: 'empty-file',
      message: 'the file is empty (0 bytes)',
      location: { file },
      hint: `point path: under ${field} at a file with data`,
    };
  }
  return undefined;
}

function loadedColumn(plan: ColumnPlan): LoadedColumn {
  const origin = plan.origin;
  return {
    name: plan.name,
    role: plan.role!,
    type: plan.type!,
    canonical: plan.canonical,
    required: plan.required,
    provided: origin.kind !== 'absent',
    roleSource: plan.roleSource,
    origin: origin.kind,
    ...(origin.kind === 'source' ? { source: origin.column } : {}),
    ...(origin.kind === 'sql' || origin.kind === 'default' ? { sql: origin.sql } : {}),
  };
}
