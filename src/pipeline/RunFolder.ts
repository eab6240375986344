import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import { DuckSession, quoteLiteral } from '../data/DuckSession';
import { readFeatureTable, type FeatureTable } from '../features/readFeatureTable';

/**
 * An existing run folder read back by `seglab report` and `seglab export`: its files by name, with
 * one clear error when a file a command needs is missing.
 */
export class RunFolder {
  readonly dir: string;

  constructor(runDir: string) {
    this.dir = resolve(runDir);
  }

  /** Path of a file the command cannot do without; `hint` says which stage writes it. */
  need(file: string, hint: string): string {
    const p = join(this.dir, file);
    if (!existsSync(p)) {
      throw new InputError(`${this.dir} is not a complete run folder.`, [{ severity: 'error', check: 'missing-file', message: `${file} is missing`, location: { file: p }, hint }]);
    }
    return p;
  }

  /** A JSON file of the run; undefined when `optional` and absent. */
  json<T>(file: string, hint: string): T;
  json<T>(file: string, hint: null): T | undefined;
  json<T>(file: string, hint: string | null): T | undefined {
    const p = join(this.dir, file);
    if (hint === null && !existsSync(p)) return undefined;
    return readRunJson<T>(hint === null ? p : this.need(file, hint));
  }

  /** The run's feature table (features.parquet), column-wise, in customer_id order. */
  async featureTable(): Promise<FeatureTable> {
    const path = this.need('features.parquet', 'run the features stage first');
    const session = await DuckSession.open();
    try {
      await session.run(`CREATE TABLE features AS SELECT * FROM read_parquet(${quoteLiteral(path)})`);
      return await readFeatureTable(session);
    } finally {
      session.close();
    }
  }
}

export function readRunJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new InputError(`${path} is not valid JSON (${(err as Error).message}); the run folder may be damaged.`);
  }
}
