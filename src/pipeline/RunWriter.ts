import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { writeCsv, type CsvWriterOptions } from '../core/CsvWriter';
import type { CsvValue } from '../core/csvField';

export interface OutputRecord {
  /** Path inside the run folder. */
  file: string;
  bytes: number;
  sha256: string;
  description: string;
}

/**
 * Writes a run's files into its working folder (a temporary name that is renamed when the run ends,
 * so a crash never leaves a half-written run) and records each output for the manifest.
 */
export class RunWriter {
  readonly outputs: OutputRecord[] = [];

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Absolute path for a file that another writer (e.g. DuckDB COPY) creates; call `record` after. */
  path(file: string): string {
    const p = join(this.dir, file);
    const rel = relative(this.dir, p);
    // Output names are seglab's own, but never let one leave the run folder.
    if (!rel || rel.startsWith('..') || isAbsolute(rel) || isAbsolute(file)) throw new Error(`Output path ${JSON.stringify(file)} is not inside the run folder ${this.dir}.`);
    mkdirSync(dirname(p), { recursive: true });
    return p;
  }

  writeText(file: string, text: string, description: string): void {
    writeFileSync(this.path(file), text);
    this.record(file, description);
  }

  /** A CSV file through seglab's one CSV writer (quoting and formula guard as every other CSV). */
  writeCsv(file: string, columns: readonly string[], rows: Iterable<readonly CsvValue[]>, description: string, options: CsvWriterOptions): void {
    writeCsv(this.path(file), columns, rows, options);
    this.record(file, description);
  }

  writeJson(file: string, value: unknown, description: string): void {
    this.writeText(file, JSON.stringify(value, null, 2) + '\n', description);
  }

  record(file: string, description: string): void {
    const p = join(this.dir, file);
    const bytes = statSync(p).size;
    const sha256 = createHash('sha256').update(readFileSync(p)).digest('hex');
    const existing = this.outputs.findIndex((o) => o.file === file);
    const rec = { file, bytes, sha256, description };
    if (existing >= 0) this.outputs[existing] = rec;
    else this.outputs.push(rec);
  }
}
