import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { UsageError } from '../core/errors';
import type { DataConfig } from '../data/DataConfig';
import { TABLE_NAMES, type TableName } from '../data/schema';

const DATA_FILE = /\.(csv|tsv|txt|parquet|json|ndjson|jsonl)(\.gz)?$/i;

/**
 * Data config for `seglab profile <path>` / `seglab features <path>` without a config file:
 * a folder holding customers.*, transactions.* and/or events.* files (the synth layout), or one file
 * whose table is named with --table or guessed from its name. Files in the canonical layout need no mapping.
 */
export function dataConfigFromPath(path: string, table?: TableName): DataConfig {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new UsageError(`No such file or folder: ${abs}`);
  if (statSync(abs).isDirectory()) {
    const files = readdirSync(abs).filter((f) => DATA_FILE.test(f));
    const config: DataConfig = {};
    for (const name of TABLE_NAMES) {
      const file = files.find((f) => f.toLowerCase().startsWith(name));
      if (file) config[name] = { path: join(abs, file) };
    }
    if (!Object.keys(config).length) {
      throw new UsageError(
        `${abs} holds no customers.*, transactions.* or events.* data file (found: ${files.join(', ') || 'none'}). ` +
          'Name the files that way, or describe them in a config and use --config.',
      );
    }
    return config;
  }
  const guessed = table ?? TABLE_NAMES.find((n) => basename(abs).toLowerCase().includes(n.replace(/s$/, '')));
  if (!guessed) {
    throw new UsageError(`Cannot tell which table ${basename(abs)} is: pass --table customers|transactions|events.`);
  }
  return { [guessed]: { path: abs } };
}
