import { ENGINE_NAMES } from '../engine/Engine';
import { z } from 'zod';
import { calendarDateSchema } from '../core/CalendarDate';
import { UsageError } from '../core/errors';
import { seedParam } from '../core/seedParam';
import { dataConfigSchema } from '../data/DataConfig';
import { MEMORY_SIZE } from '../data/DuckSession';
import { featureConfigSchema } from '../features/FeatureConfig';
import { exportConfigSchema } from './ExportConfig';
import { clusterConfigSchema } from './ClusterConfig';
import { clvConfigSchema } from './ClvConfig';
import { driftConfigSchema } from './DriftConfig';
import { outcomeConfigSchema } from '../features/OutcomeConfig';
import { reportConfigSchema } from './ReportConfig';
import { modelsConfigSchema } from '../models/ModelsConfig';
import { RUN_ID_PATTERN } from './RunId';

/** Stages in the order they run. Later capabilities append here. */
export const STAGE_NAMES = ['load', 'profile', 'features', 'cluster', 'clv', 'models', 'drift', 'report', 'export'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/**
 * What runs when the config lists no stages: every stage but the optional ones (export writes production
 * rules: asked for, not implied; models runs when the config has a models: section, clv when it has a clv: section).
 */
export const DEFAULT_STAGES: readonly StageName[] = ['load', 'profile', 'features', 'cluster', 'report'];

/** The run config (YAML): what to read, as of when, and how each stage is set. */
export const runConfigSchema = z
  .object({
    schemaVersion: z.literal(1).default(1),
    name: z
      .string()
      .max(100, 'at most 100 characters (it starts the run folder name)')
      .regex(RUN_ID_PATTERN, 'use letters, digits, dot, dash or underscore, starting with a letter or digit (it names the run folder)'),
    description: z.string().optional(),
    /** Features, labels and quality checks count what happened before 00:00 UTC of this date; nothing reads the clock. */
    asOf: calendarDateSchema,
    /** Every random choice of the run derives from it, per concern by name (pipeline/runSeeds). */
    seed: seedParam,
    data: dataConfigSchema,
    features: featureConfigSchema.default({}),
    /** The data's outcome (a target column): its rate per segment is reported; default: the only target column, if any. */
    outcome: outcomeConfigSchema.optional(),
    cluster: clusterConfigSchema.default({}),
    /** Churn / propensity model (the models stage): target, snapshots, family; absent: no model. */
    models: modelsConfigSchema.optional(),
    /** Customer lifetime value (the clv stage): purchase model, horizon, discount; absent: no CLV. */
    clv: clvConfigSchema.optional(),
    /** What changed since a reference run (the drift stage): settings and the reference (default report.previous, cluster.previous). */
    drift: driftConfigSchema.optional(),
    report: reportConfigSchema.default({}),
    output: z
      .object({
        /** Folder that receives one sub-folder per run. Relative to the current directory. */
        dir: z.string().min(1, 'give a folder, e.g. reports').default('reports'),
        /**
         * Guard CSV cells that a spreadsheet would run as formulas (= + - @ tab CR at the start):
         * prefix a single quote. false writes them raw, for files only programs read.
         */
        csvFormulaGuard: z.boolean().default(true),
      })
      .strict()
      .default({}),
    /**
     * DuckDB's resources: memory limit (default 2GB; above it DuckDB spills to tempDirectory), the folder
     * its spill files go to (default: the system's temporary folder) and its threads (default: all cores).
     * The manifest records what was used.
     */
    duckdb: z
      .object({
        memoryLimit: z.string().trim().regex(MEMORY_SIZE, 'expected a size such as 2GB or 512MB').optional(),
        tempDirectory: z.string().min(1, 'give a folder').optional(),
        threads: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
    /**
     * Where the features stage runs its SQL: `duckdb` (default, embedded) or `clickhouse` (the cluster
     * named by the environment, SEGLAB_CLICKHOUSE_*; never in this file). The manifest records the engine,
     * its version and the cluster layout.
     */
    engine: z.enum(ENGINE_NAMES).optional(),
    /** The export stage's settings (as seglab export's options); absent: its defaults. */
    export: exportConfigSchema.optional(),
    /** Stages to run; default: DEFAULT_STAGES (every stage but export). `load` always runs. */
    stages: z.array(z.enum(STAGE_NAMES)).optional(),
  })
  .strict();

export type RunConfig = z.infer<typeof runConfigSchema>;

/**
 * The stages a run of this config runs, in order: its `stages` (load always), else DEFAULT_STAGES (and models with
 * a models: section, clv with a clv: section, drift with a drift: section or a previous run to compare with).
 */
export function stagesToRun(config: Pick<RunConfig, 'stages'> & { models?: unknown; clv?: unknown; drift?: unknown; cluster?: { previous?: string | undefined }; report?: { previous?: string | undefined } }): StageName[] {
  const drift = config.drift !== undefined || config.cluster?.previous !== undefined || config.report?.previous !== undefined;
  const wanted = new Set<StageName>(['load', ...(config.stages ?? [...DEFAULT_STAGES, ...(config.models ? (['models'] as const) : []), ...(config.clv ? (['clv'] as const) : []), ...(drift ? (['drift'] as const) : [])])]);
  return STAGE_NAMES.filter((s) => wanted.has(s));
}

/** A comma-separated list of stage names (`--stages features,cluster`), checked against the known stages. */
export function parseStageList(list: string): StageName[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !(STAGE_NAMES as readonly string[]).includes(n));
  if (bad.length) throw new UsageError(`Unknown stage(s) ${bad.join(', ')}; known: ${STAGE_NAMES.join(', ')}.`);
  return names as StageName[];
}
export type RunConfigInput = z.input<typeof runConfigSchema>;
