import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { substituteVars } from '../../src/core/substituteVars';
import { InputError } from '../../src/core/errors';
import { type DataConfig, parseDataConfig } from '../../src/data/DataConfig';
import type { DuckSession } from '../../src/data/DuckSession';
import { loadTables, type LoadOptions } from '../../src/data/loadTables';

import { DATASETS } from '../datasets';

export { DATASETS };
export const CONFIGS = join(__dirname, '..', '..', 'data', 'configs');

/** The data section of a committed example config, with ${data} set to a dataset file. */
export function exampleDataConfig(name: string, dataFile: string): { doc: Record<string, unknown>; data: DataConfig } {
  const file = join(CONFIGS, `${name}.yaml`);
  const doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const withVars = substituteVars(doc, { data: join(DATASETS, dataFile) }, file);
  return { doc: withVars, data: parseDataConfig(withVars.data, 'data', file) };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'seglab-data-'));
}

/** Write a file (text or bytes) into dir; ".gz" names are gzip-compressed. */
export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  writeFileSync(path, name.endsWith('.gz') ? gzipSync(bytes) : bytes);
  return path;
}

/** Run loadTables expecting an InputError; returns it. */
export async function loadError(session: DuckSession, config: DataConfig, options: LoadOptions): Promise<InputError> {
  try {
    await loadTables(session, config, options);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected loadTables to throw an InputError');
}
