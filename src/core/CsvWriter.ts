import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { csvField, type CsvValue } from './csvField';
import { inputError } from './errors';

export interface CsvWriterOptions {
  /**
   * Neutralise text that a spreadsheet would run as a formula (default true; see csvField).
   * Turn it off only for files that programs, not people, read.
   */
  formulaGuard?: boolean;
}

/** Buffered text is written out past this many characters, so a file of any size needs little memory. */
const FLUSH_CHARS = 1 << 20;

/**
 * The one CSV writer of seglab: every CSV file it writes (assignments.csv, features.csv, score files
 * of both engines, `seglab features --out x.csv`) goes through it, so they quote and guard alike and
 * two engines that compute the same rows write the same bytes. RFC 4180 quoting, LF line ends, a
 * header row. The file is written under a temporary name and renamed by `close()`: a crash or an
 * `abort()` never leaves a half-written file at `path`.
 */
export class CsvWriter {
  private readonly fd: number;
  private readonly tmp: string;
  private readonly guard: boolean;
  private buffer = '';
  private open = true;
  /** Data rows written so far (the header excluded). */
  rows = 0;

  private constructor(
    readonly path: string,
    readonly columns: readonly string[],
    options: CsvWriterOptions,
  ) {
    this.guard = options.formulaGuard ?? true;
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(this.tmp, 'w');
    } catch (err) {
      // A folder that is a file, no permission: the user can fix the path.
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTDIR' && code !== 'EEXIST' && code !== 'EACCES' && code !== 'EPERM' && code !== 'EISDIR' && code !== 'EROFS') throw err;
      throw inputError({ summary: `Cannot write ${path}.`, check: 'cannot-write', what: (err as Error).message, where: { file: path }, fix: 'write to a folder that exists (or can be created) and that you may write to' });
    }
    this.buffer = this.line(columns);
  }

  /** Start a CSV file with its header row. */
  static create(path: string, columns: readonly string[], options: CsvWriterOptions = {}): CsvWriter {
    return new CsvWriter(path, columns, options);
  }

  /** Append one row; it must have one value per column. */
  row(values: readonly CsvValue[]): void {
    this.buffer += this.line(values);
    this.rows++;
    if (this.buffer.length >= FLUSH_CHARS) this.flush();
  }

  /** Write what is buffered and move the file to its final name. */
  close(): void {
    if (!this.open) return;
    try {
      this.flush();
      closeSync(this.fd);
      this.open = false;
      renameSync(this.tmp, this.path);
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  /** Give up: the temporary file is removed and `path` is left as it was. */
  abort(): void {
    if (this.open) {
      this.open = false;
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
    }
    rmSync(this.tmp, { force: true });
  }

  private line(values: readonly CsvValue[]): string {
    if (values.length !== this.columns.length) {
      throw new Error(`CSV row ${this.rows + 1} of ${this.path} has ${values.length} values, expected ${this.columns.length}.`);
    }
    let s = '';
    for (let j = 0; j < values.length; j++) s += (j ? ',' : '') + csvField(values[j], this.guard);
    return s + '\n';
  }

  private flush(): void {
    if (this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}

/** Write a whole CSV file (header and rows) at once; returns the number of data rows. */
export function writeCsv(path: string, columns: readonly string[], rows: Iterable<readonly CsvValue[]>, options: CsvWriterOptions = {}): number {
  const w = CsvWriter.create(path, columns, options);
  try {
    for (const r of rows) w.row(r);
    w.close();
  } catch (err) {
    w.abort();
    throw err;
  }
  return w.rows;
}
