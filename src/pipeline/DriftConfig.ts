import { z } from 'zod';
import { DEFAULT_BIGGEST_FLOWS } from '../drift/migrationMatrix';
import { DEFAULT_KPI_ALERT_THRESHOLD } from '../drift/kpiAlerts';
import { featureDriftSettingsSchema } from '../drift/compareFeatures';
import { DRIFT_TESTS } from '../drift/driftTests';

/** A score column drifts at this PSI (the usual rule of thumb: above 0.2 the population has shifted; 0.1–0.2 is moderate). */
export const DEFAULT_SCORE_PSI_THRESHOLD = 0.2;

/**
 * `drift:` in the run config (and `seglab drift`'s settings): what the drift stage compares this run with, and how.
 * The reference run is `previous`, else report.previous, else cluster.previous; without one the stage is skipped.
 */
export const driftConfigSchema = z
  .object({
    /** The reference run folder (last quarter); default: report.previous, then cluster.previous. Relative to the config file. */
    previous: z.string().min(1).optional(),
    /** Users' alert rule: a key figure (size, revenue share, AOV, churn risk, CLV) moving by more than this share. */
    alertThreshold: z.number().positive().max(100).default(DEFAULT_KPI_ALERT_THRESHOLD),
    /** Level of the share-change intervals. */
    level: z.number().gt(0).lt(1).default(0.95),
    /** Flows between different segments listed, largest first. */
    biggestFlows: z.number().int().min(0).max(100).default(DEFAULT_BIGGEST_FLOWS),
    /** PSI at which a score column (churn, propensity, CLV) counts as drifted. */
    scorePsiThreshold: z.number().positive().default(DEFAULT_SCORE_PSI_THRESHOLD),
    /** Feature drift inside a matched segment is computed when it has at least this many customers in both runs. */
    minSegmentCustomers: z.number().int().min(2).default(50),
    /** The per-feature tests: method (auto or a test), per-column overrides, thresholds, sampling (compareFeatures' settings). */
    features: featureDriftSettingsSchema.default({}),
  })
  .strict()
  // Test names are checked here too, so a misspelt one is a config error before any data is loaded.
  .superRefine((c, ctx) => {
    const known: readonly string[] = DRIFT_TESTS.names;
    const bad = (name: string, path: (string | number)[]): void => {
      if (!known.includes(name)) ctx.addIssue({ code: 'custom', path, message: `unknown drift test "${name}"; known: ${known.join(', ')}` });
    };
    if (c.features.method !== 'auto') bad(c.features.method, ['features', 'method']);
    for (const [column, test] of Object.entries(c.features.columns)) bad(test, ['features', 'columns', column]);
  });

export type DriftConfig = z.infer<typeof driftConfigSchema>;
export type DriftConfigInput = z.input<typeof driftConfigSchema>;
