import type { Row } from '../data/DuckSession';

/** The SQL engines seglab can run its statements on. */
export const ENGINE_NAMES = ['duckdb', 'clickhouse'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/**
 * Where the pipeline's SQL runs: the embedded DuckDB (default) or a ClickHouse cluster. Small on purpose:
 * a statement, its rows, and what the manifest records. Statements are in the engine's own dialect
 * (features/planClickHouseFeatures writes ClickHouse's).
 */
export interface Engine {
  readonly name: EngineName;
  /** Run one statement that returns no rows. */
  run(sql: string): Promise<void>;
  /** Run a query; rows as plain objects (numbers, strings, booleans, null). */
  all(sql: string): Promise<Row[]>;
  /** What the manifest records: engine, server version, cluster layout. */
  describe(): Promise<EngineInfo>;
  close(): Promise<void>;
}

export interface EngineInfo {
  engine: EngineName;
  version: string;
  /** ClickHouse: the cluster's name and its shards (host:port of each); absent for DuckDB. */
  cluster?: { name: string; shards: string[] };
}
