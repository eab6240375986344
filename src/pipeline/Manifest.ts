import { ENGINE_NAMES, type EngineInfo } from '../engine/Engine';
import { z } from 'zod';
import { jsonObject } from '../core/jsonSchema';
import type { DuckSettings } from '../data/DuckSession';
import type { PseudonymisationInfo } from '../data/LoadResult';
import type { RemovedWorkFolder } from './removeStaleWorkFolders';
import { runConfigSchema, STAGE_NAMES, type RunConfig, type StageName } from './RunConfig';
import type { OutputRecord } from './RunWriter';

export interface StageTiming {
  stage: StageName;
  ms: number;
  /** Milliseconds of the stage's parts, where it times them (cluster: selection, fit, stability). */
  parts?: Record<string, number>;
  /** Why the stage did nothing (the clv stage on data without transactions or repeat buyers). */
  skipped?: string;
}

export interface Manifest {
  schemaVersion: 1;
  runId: string;
  /** Wall-clock time the run finished: provenance only, never an input to any result (result files hold no clock times: the timings are here). */
  createdAt: string;
  configPath?: string;
  /** The validated config with defaults filled in; secrets redacted. */
  config: RunConfig;
  /** sha256 of `JSON.stringify(config)` (the redacted config above), to find runs of the same config. */
  configHash: string;
  asOf: string;
  seed: number;
  inputs: { table: string; path: string; format: string; sha256: string; bytes: number; rows: number }[];
  pseudonymised: boolean;
  /** How ids were pseudonymised (key source, never the key), as in load.json. */
  pseudonymisation?: PseudonymisationInfo;
  versions: Record<string, string>;
  /** DuckDB's memory limit, threads and spill folder in this run. */
  duckdb?: DuckSettings;
  /** The engine the features ran on when not the embedded DuckDB: ClickHouse's version and cluster layout (no credentials). */
  engine?: EngineInfo;
  /** The models stage's family and, for the MLP, the TensorFlow.js backend that trained it (results may differ in the last bits between backends). */
  model?: { family: string; backend: string | null };
  stages: StageTiming[];
  totalMs: number;
  outputs: OutputRecord[];
  /** Work folders of killed runs removed from the output folder before this run started. */
  removedStale?: RemovedWorkFolder[];
}

/**
 * manifest.json as read back by `seglab report` and `seglab export`. Its config is checked by the run config's
 * own schema (a run of another seglab version may hold keys this one does not know: the error names them).
 */
export const manifestSchema: z.ZodType<Manifest, z.ZodTypeDef, unknown> = z.object({
  schemaVersion: z.literal(1),
  runId: z.string().min(1),
  createdAt: z.string(),
  configPath: z.string().optional(),
  config: runConfigSchema,
  configHash: z.string(),
  asOf: z.string(),
  seed: z.number().int(),
  inputs: z.array(z.object({ table: z.string(), path: z.string(), format: z.string(), sha256: z.string(), bytes: z.number(), rows: z.number() })),
  pseudonymised: z.boolean(),
  pseudonymisation: jsonObject<PseudonymisationInfo>('how ids were pseudonymised (an object)').optional(),
  versions: z.record(z.string()),
  duckdb: z.object({ memoryLimit: z.string(), threads: z.number(), tempDirectory: z.string() }).optional(),
  engine: z.object({ engine: z.enum(ENGINE_NAMES), version: z.string(), cluster: z.object({ name: z.string(), shards: z.array(z.string()) }).optional() }).optional(),
  model: z.object({ family: z.string(), backend: z.string().nullable() }).optional(),
  stages: z.array(z.object({ stage: z.enum(STAGE_NAMES), ms: z.number(), parts: z.record(z.number()).optional(), skipped: z.string().optional() })),
  totalMs: z.number(),
  outputs: z.array(z.object({ file: z.string(), bytes: z.number(), sha256: z.string(), description: z.string() })),
  removedStale: z.array(jsonObject<RemovedWorkFolder>('a removed work folder (an object)')).optional(),
});
