import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkParam } from '../core/errors';
import type { Progress } from '../core/progress';

/**
 * DuckDB's own default is 80% of the RAM, which on a 16 GB laptop leaves too little for Node and the
 * system: a million-customer run swapped. 2 GB kept the 1M-customer run within 4 GB of peak RSS (DuckDB
 * spills its hash tables and sorts above the limit), see BENCHMARKS.md.
 */
export const DEFAULT_MEMORY_LIMIT = '2GB';

/** A DuckDB memory size: a number and a unit, e.g. 2GB, 512MB, 1.5GiB. */
export const MEMORY_SIZE = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

export interface DuckSessionOptions {
  /** Database file; ':memory:' (default) keeps everything in RAM. */
  path?: string;
  /** Worker threads DuckDB may use (default: all cores). */
  threads?: number;
  /** e.g. "3GB" (default DEFAULT_MEMORY_LIMIT); DuckDB spills to disk above it. */
  memoryLimit?: string;
  /**
   * Folder that receives DuckDB's spill files (default: the system's temporary folder). Each session
   * spills into its own sub-folder, made on the first spill and removed when the session closes.
   */
  tempDirectory?: string;
}

/** What a session runs with, as DuckDB reports it (the manifest records it). */
export interface DuckSettings {
  memoryLimit: string;
  threads: number;
  /** The session's own spill folder (under the configured or the system's temporary folder). */
  tempDirectory: string;
}

export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;
/** A row as plain JavaScript: numbers (BIGINT converted when safe), strings, booleans, null; dates and timestamps as ISO strings. */
export type Row = Record<string, number | string | boolean | null>;

/**
 * One DuckDB database + connection. All numeric work on tables runs here as SQL;
 * JavaScript only receives aggregates or typed columns.
 */
export class DuckSession {
  private watcher: Progress | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    private readonly spillDir: string,
    /** A second connection to another session's database (fork): closing it closes only the connection. */
    private readonly forked = false,
  ) {}

  /**
   * Another connection to the same database, for work that runs beside this session's (reading two
   * files at once: DuckDB reads a gzip file on one thread). Tables are shared; temporary tables and
   * progress reporting are not. Close it when done; the database stays open.
   */
  async fork(): Promise<DuckSession> {
    return new DuckSession(this.instance, await this.instance.connect(), this.spillDir, true);
  }

  /**
   * Report how far each long statement has got (DuckDB's query progress, polled every `everyMs`) to
   * `progress.fraction`, so a step of minutes shows its share, rows/s and ETA; undefined stops it.
   */
  async watch(progress: Progress | undefined, everyMs = 500): Promise<void> {
    checkParam(Number.isInteger(everyMs) && everyMs >= 10, 'everyMs', everyMs, 'an integer >= 10');
    this.watcher = progress?.fraction ? progress : undefined;
    this.watchEvery = everyMs;
    // DuckDB tracks a query's progress only with its progress bar on (printing off; from the first moment).
    await this.connection.run(this.watcher ? 'SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0' : 'SET enable_progress_bar = false');
  }

  private watchEvery = 500;

  /** Run `work`, polling the query's progress meanwhile when watched. */
  private async watched<T>(work: Promise<T>, sql: string): Promise<T> {
    if (traceSql) return traced(this.watchedUntraced(work), sql);
    return this.watchedUntraced(work);
  }

  private async watchedUntraced<T>(work: Promise<T>): Promise<T> {
    const progress = this.watcher;
    if (!progress) return work;
    const timer = setInterval(() => {
      const p = this.connection.progress;
      if (p.percentage >= 0) progress.fraction!(Math.min(1, p.percentage / 100), Number(p.rows_processed));
    }, this.watchEvery);
    try {
      return await work;
    } finally {
      clearInterval(timer);
    }
  }

  static async open(options: DuckSessionOptions = {}): Promise<DuckSession> {
    const memoryLimit = options.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
    checkParam(typeof memoryLimit === 'string' && MEMORY_SIZE.test(memoryLimit.trim()), 'memoryLimit', memoryLimit, 'a size such as 2GB or 512MB');
    checkParam(options.threads === undefined || (Number.isInteger(options.threads) && options.threads >= 1), 'threads', options.threads, 'an integer >= 1');
    checkParam(options.tempDirectory === undefined || (typeof options.tempDirectory === 'string' && options.tempDirectory !== ''), 'tempDirectory', options.tempDirectory, 'a folder');
    // DuckDB's default spill folder is ".tmp" in the current folder, shared by every process started there.
    const parent = resolve(options.tempDirectory ?? tmpdir());
    mkdirSync(parent, { recursive: true });
    // A name of its own, not the folder: DuckDB makes it when it first spills and removes it when it
    // closes, so a session that never spills (or is never closed) leaves no empty folder behind.
    const spillDir = unusedFolder(parent, 'seglab-duckdb-');
    // Loading creates and drops tables of gigabytes; a background thread hands the freed memory back
    // to the system, so that the process's memory follows what the tables hold (~0.5 GB less at peak).
    const config: Record<string, string> = { allocator_background_threads: 'true', memory_limit: memoryLimit.trim(), temp_directory: spillDir };
    if (options.threads) config.threads = String(options.threads);
    try {
      const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
      const connection = await instance.connect();
      return new DuckSession(instance, connection, spillDir);
    } catch (error) {
      rmSync(spillDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The memory limit, threads and spill folder DuckDB runs with. */
  async settings(): Promise<DuckSettings> {
    const row = await this.one(`SELECT current_setting('memory_limit') AS m, current_setting('threads') AS t, current_setting('temp_directory') AS d`);
    return { memoryLimit: String(row?.m), threads: Number(row?.t), tempDirectory: String(row?.d) };
  }

  /** Run one or more statements; returns nothing. */
  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.watched(this.connection.run(sql, params), sql);
  }

  /** Run a query and return its rows as plain objects. For small results (profiles, aggregates). */
  async all(sql: string, params?: SqlParams): Promise<Row[]> {
    const reader = await this.watched(this.connection.runAndReadAll(sql, params), sql);
    const names = reader.columnNames();
    return reader.getRowsJS().map((values) => {
      const row: Row = {};
      names.forEach((name, i) => {
        row[name] = toPlain(values[i]);
      });
      return row;
    });
  }

  /** First row of a query, or undefined. */
  async one(sql: string, params?: SqlParams): Promise<Row | undefined> {
    return (await this.all(sql, params))[0];
  }

  /** Single value of a one-row, one-column query. */
  async scalar(sql: string, params?: SqlParams): Promise<number | string | boolean | null> {
    const row = await this.one(sql, params);
    if (!row) return null;
    return row[Object.keys(row)[0]!] ?? null;
  }

  /** Column-wise result: numeric columns as Float64Array (NULL → NaN), others as arrays of plain values. */
  async columns(sql: string, params?: SqlParams): Promise<{ names: string[]; rowCount: number; columns: Record<string, Float64Array | (string | boolean | null)[]> }> {
    const reader = await this.watched(this.connection.runAndReadAll(sql, params), sql);
    const names = reader.columnNames();
    const raw = reader.getColumnsJS();
    const columns: Record<string, Float64Array | (string | boolean | null)[]> = {};
    names.forEach((name, j) => {
      const values = raw[j] ?? [];
      const numeric = values.every((v) => v === null || typeof v === 'number' || typeof v === 'bigint');
      if (numeric && values.some((v) => v !== null)) {
        const out = new Float64Array(values.length);
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          out[i] = v === null ? NaN : Number(v);
        }
        columns[name] = out;
      } else {
        columns[name] = values.map((v) => {
          const p = toPlain(v);
          return typeof p === 'number' ? String(p) : p;
        });
      }
    });
    return { names, rowCount: reader.currentRowCount, columns };
  }

  async tableExists(name: string): Promise<boolean> {
    const n = await this.scalar(
      `SELECT count(*) FROM information_schema.tables WHERE table_name = $1`,
      [name],
    );
    return Number(n) > 0;
  }

  /** Column names and DuckDB types of a table, view or query. */
  async describe(relation: string): Promise<{ name: string; type: string }[]> {
    const rows = await this.all(`DESCRIBE ${relation}`);
    return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  }

  close(): void {
    if (this.forked) {
      this.connection.closeSync();
      return;
    }
    try {
      this.connection.closeSync();
      this.instance.closeSync();
    } finally {
      rmSync(this.spillDir, { recursive: true, force: true });
    }
  }
}

/**
 * SEGLAB_TRACE_SQL=1: every statement's wall time on stderr, for finding where a long run spends its
 * time (one line per statement: milliseconds, then its first 160 characters with whitespace collapsed).
 */
const traceSql = ['1', 'true', 'yes'].includes((process.env.SEGLAB_TRACE_SQL ?? '').toLowerCase());

async function traced<T>(work: Promise<T>, sql: string): Promise<T> {
  const t = performance.now();
  try {
    return await work;
  } finally {
    const ms = performance.now() - t;
    process.stderr.write(`[sql ${ms.toFixed(0).padStart(7)} ms] ${sql.replace(/\s+/g, ' ').slice(0, 160)}\n`);
  }
}

/** A path under `parent` that does not exist yet: `prefix` and 12 random hex digits. */
function unusedFolder(parent: string, prefix: string): string {
  for (;;) {
    const path = join(parent, prefix + randomBytes(6).toString('hex'));
    if (!existsSync(path)) return path;
  }
}

/** Quote an identifier for DuckDB SQL ("a""b"). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quote a string literal for DuckDB SQL ('it''s'). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function toPlain(v: unknown): number | string | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return String(v);
}
