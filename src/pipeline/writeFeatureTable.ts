import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertUnreachable } from '../core/assertUnreachable';
import { type DuckSession, quoteLiteral } from '../data/DuckSession';
import { writeQueryCsv } from './writeQueryCsv';

export const FEATURE_FILE_FORMATS = ['parquet', 'csv', 'json'] as const;
export type FeatureFileFormat = (typeof FEATURE_FILE_FORMATS)[number];

/** The format a feature file's name asks for (.parquet, .csv, .json), or undefined. */
export function featureFileFormat(path: string): FeatureFileFormat | undefined {
  return FEATURE_FILE_FORMATS.find((f) => path.toLowerCase().endsWith(`.${f}`));
}

/**
 * Write the session's `features` table to a file: Parquet and JSON (an array of rows) by DuckDB, CSV through
 * seglab's one CSV writer (quoting, formula guard). Written under a temporary name and renamed, so a failure
 * leaves no half-written file.
 */
export async function writeFeatureTable(session: DuckSession, path: string, format: FeatureFileFormat, options: { formulaGuard: boolean }): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  switch (format) {
    case 'csv':
      await writeQueryCsv(session, 'SELECT * FROM features', path, { formulaGuard: options.formulaGuard });
      return;
    case 'parquet':
    case 'json': {
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        await session.run(`COPY features TO ${quoteLiteral(tmp)} (${format === 'parquet' ? 'FORMAT parquet' : 'FORMAT json, ARRAY true'})`);
        renameSync(tmp, path);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw err;
      }
      return;
    }
    default:
      assertUnreachable(format, 'feature file format');
  }
}
