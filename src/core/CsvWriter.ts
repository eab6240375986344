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

/** Buffered bytes are written out past this many, so a file of any size needs little memory. */
const FLUSH_BYTES = 1 << 20;
/** Integers this small are written digit by digit (exactly what String(x) gives, without the string). */
const FAST_INTEGER = 1e15;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const COMMA = 44;
const NEWLINE = 10;

/**
 * The one CSV writer of seglab: every CSV file it writes (assignments.csv, features.csv, score files
 * of both engines, `seglab features --out x.csv`) goes through it, so they quote and guard alike and
 * two engines that compute the same rows write the same bytes. RFC 4180 quoting, LF line ends, a
 * header row. The file is written under a temporary name and renamed by `close()`: a crash or an
 * `abort()` never leaves a half-written file at `path`.
 *
 * Fields go straight into a byte buffer (a million-row feature table is 58 million fields: building
 * a string per row cost more in garbage collection than the formatting itself).
 */
export class CsvWriter {
  private readonly fd: number;
  private readonly tmp: string;
  private readonly guard: boolean;
  private buf = Buffer.allocUnsafe(FLUSH_BYTES + 4096);
  private pos = 0;
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
    for (let j = 0; j < columns.length; j++) {
      if (j) this.byte(COMMA);
      this.field(columns[j]);
    }
    this.byte(NEWLINE);
  }

  /** Start a CSV file with its header row. */
  static create(path: string, columns: readonly string[], options: CsvWriterOptions = {}): CsvWriter {
    return new CsvWriter(path, columns, options);
  }

  /** Append one row; it must have one value per column. */
  row(values: readonly CsvValue[]): void {
    if (values.length !== this.columns.length) {
      throw new Error(`CSV row ${this.rows + 1} of ${this.path} has ${values.length} values, expected ${this.columns.length}.`);
    }
    for (let j = 0; j < values.length; j++) {
      if (j) this.byte(COMMA);
      this.field(values[j]);
    }
    this.endRow();
  }

  /**
   * Append one row whose fields are already formatted as `row` formats them, joined by commas,
   * without the line end (writeQueryCsv has DuckDB format lines with csvLineSql).
   */
  formattedRow(line: string): void {
    this.text(line);
    this.endRow();
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

  private endRow(): void {
    this.byte(NEWLINE);
    this.rows++;
    if (this.pos >= FLUSH_BYTES) this.flush();
  }

  /** One field, as csvField writes it. */
  private field(value: CsvValue): void {
    if (value === null || value === undefined) return;
    if (typeof value === 'number') {
      if (Number.isInteger(value) && value > -FAST_INTEGER && value < FAST_INTEGER) this.integer(value);
      else this.ascii(String(value));
    } else if (typeof value === 'bigint') {
      if (value >= -MAX_SAFE && value <= MAX_SAFE) this.field(Number(value));
      else this.ascii(value.toString());
    } else if (typeof value === 'string') this.text(csvField(value, this.guard));
    else this.ascii(String(value));
  }

  /** An integer of fewer than 16 digits, as String(x) writes it (-0 as 0). */
  private integer(x: number): void {
    this.room(17);
    const b = this.buf;
    if (x < 0) {
      b[this.pos++] = 45; // '-'
      x = -x;
    }
    let digits = 1;
    for (let t = x; t >= 10; t = Math.floor(t / 10)) digits++;
    let at = this.pos + digits;
    this.pos = at;
    do {
      const q = Math.floor(x / 10);
      b[--at] = 48 + (x - q * 10);
      x = q;
    } while (x > 0);
  }

  private ascii(s: string): void {
    this.room(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }

  private text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  private byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }

  /** Make room for `n` more bytes: flush, and grow the buffer for a field larger than it. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n + 4096);
  }

  private flush(): void {
    let at = 0;
    while (at < this.pos) at += writeSync(this.fd, this.buf, at, this.pos - at);
    this.pos = 0;
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
