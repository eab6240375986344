import { resolve } from 'node:path';
import type { DuckSessionOptions } from '../data/DuckSession';
import type { RunConfig } from './RunConfig';

/**
 * The DuckDB session a command opens, from the config's `duckdb:` section (spill folder relative to the config
 * file's folder) and a `--memory-limit` that overrides it: `seglab run`, `profile` and `features` alike.
 */
export function duckSessionOptions(duck: RunConfig['duckdb'], baseDir: string, memoryLimit?: string): DuckSessionOptions {
  const limit = memoryLimit ?? duck?.memoryLimit;
  return {
    ...(limit ? { memoryLimit: limit } : {}),
    ...(duck?.tempDirectory !== undefined ? { tempDirectory: resolve(baseDir, duck.tempDirectory) } : {}),
    ...(duck?.threads !== undefined ? { threads: duck.threads } : {}),
  };
}
