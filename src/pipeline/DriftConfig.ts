import { z } from 'zod';
import { DEFAULT_BIGGEST_FLOWS } from '../drift/migrationMatrix';
import { DEFAULT_KPI_ALERT_THRESHOLD } from '../drift/kpiAlerts';
import { featureDriftSettingsSchema } from '../drift/compareFeatures';

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
  .strict();

export type DriftConfig = z.infer<typeof driftConfigSchema>;
export type DriftConfigInput = z.input<typeof driftConfigSchema>;
