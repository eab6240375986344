import { CalendarDate } from '../core/CalendarDate';
import { UsageError } from '../core/errors';
import type { DataConfig } from '../data/DataConfig';
import type { EngineName } from '../engine/Engine';
import type { DuckSessionOptions } from '../data/DuckSession';
import { duckSessionOptions } from './duckSessionOptions';
import type { TableName } from '../data/schema';
import { featureConfigSchema, type FeatureConfig } from '../features/FeatureConfig';
import { dataConfigFromPath } from './dataConfigFromPath';
import { loadRunConfig, type RunConfigOverrides } from './loadRunConfig';

/** What `seglab profile` and `seglab features` read: from a run config, or from data files in the canonical layout. */
export interface DataInput {
  data: DataConfig;
  features: FeatureConfig;
  /** Folder relative data paths resolve against. */
  baseDir: string;
  asOf: CalendarDate | undefined;
  csvFormulaGuard: boolean;
  /** The DuckDB session to open: the config's `duckdb:` section (the defaults without a config). */
  duckdb: DuckSessionOptions;
  /** Where `seglab features` computes: the config's `engine` (DuckDB without one, or without a config). */
  engine?: EngineName;
}

export interface DataInputSource {
  /** A run config (YAML) whose data section describes the files. */
  config?: string;
  /** Its overrides (`--data`, `--set`, `--as-of`), validated with the file. */
  overrides?: RunConfigOverrides;
  /** Without a config: a data file or a folder of customers.*, transactions.*, events.* files, and the table of a single file. */
  path?: string;
  table?: TableName;
  /** Without a config: the reference date (`--as-of`), read by the same grammar as the config's asOf. */
  asOf?: CalendarDate | string;
}

/**
 * The data a command reads, from a config (with its overrides) or from a path (canonical layout, default
 * features). Overrides that change a config are refused with a path: there is no config for them to change.
 */
export function resolveDataInput(source: DataInputSource, cwd = process.cwd()): DataInput {
  if (source.config) {
    const loaded = loadRunConfig(source.config, source.overrides);
    return { data: loaded.config.data, features: loaded.config.features, baseDir: loaded.baseDir, asOf: loaded.config.asOf, csvFormulaGuard: loaded.config.output.csvFormulaGuard, duckdb: duckSessionOptions(loaded.config.duckdb, loaded.baseDir), ...(loaded.config.engine ? { engine: loaded.config.engine } : {}) };
  }
  if (!source.path) throw new UsageError('give a data path or --config <file>.');
  const o = source.overrides;
  const configOnly = [o?.data !== undefined && '--data', Object.keys(o?.set ?? {}).length > 0 && '--set'].filter(Boolean);
  if (configOnly.length) throw new UsageError(`${configOnly.join(' and ')} change a config: use them with --config <file>, not with a data path.`);
  return { data: dataConfigFromPath(source.path, source.table), features: featureConfigSchema.parse({}), baseDir: cwd, asOf: source.asOf === undefined ? undefined : CalendarDate.parse(source.asOf, '--as-of'), csvFormulaGuard: true, duckdb: {} };
}
