import { z } from 'zod';
import { InputError, type Problem } from '../core/errors';

/**
 * Feature groups, in the order their columns appear in the feature table. A group is computed when
 * it is included (default: all), not excluded, and the tables/columns it reads are present.
 */
export const FEATURE_GROUPS = [
  'rfm',
  'windows',
  'trend',
  'tenure',
  'interpurchase',
  'categoryShares',
  'channelShares',
  'discount',
  'engagement',
  'demographics',
] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

const featureGroupSchema = z.enum(FEATURE_GROUPS);
const days = (max: number) => z.number().int().min(1).max(max);

/** The `features:` section of a run config. Every field has a default, so `{}` is a valid config. */
export const featureConfigSchema = z
  .object({
    /** Look-back windows in days for orders_{d}d, spend_{d}d and sessions_{d}d. */
    windows: z
      .array(days(3650))
      .min(1, 'give at least one window, e.g. [30, 90]')
      .refine((w) => new Set(w).size === w.length, 'windows must not repeat a value')
      .default([30, 60, 90, 180, 365]),
    /** Trend compares the last trendDays with the trendDays before them. */
    trendDays: days(1825).default(90),
    /** Number of quantile bins for r_score, f_score, m_score (the named RFM segments need 5). */
    rfmBins: z.number().int().min(2).max(10).default(5),
    /** Spend shares for the top-N categories by spend; the remaining categories share one "other" column. */
    topCategories: z.number().int().min(1).max(50).default(8),
    /** Order shares for the top-N channels by orders; the rest share one "other" column. */
    topChannels: z.number().int().min(1).max(20).default(5),
    /** Look-back in days of the engagement rates (cart abandonment, e-mail open / click, product views). */
    engagementDays: days(3650).default(365),
    /** Only these groups (default: all). */
    include: z.array(featureGroupSchema).optional(),
    /** Never these groups. */
    exclude: z.array(featureGroupSchema).default([]),
  })
  .strict();

export type FeatureConfig = z.infer<typeof featureConfigSchema>;
/** What a caller may write: every field optional. */
export type FeatureConfigInput = z.input<typeof featureConfigSchema>;

/** Validate a feature config (from YAML or code); every problem is reported with its field path. */
export function parseFeatureConfig(value: unknown, fieldPrefix = 'features', source = 'config'): FeatureConfig {
  const parsed = featureConfigSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const problems: Problem[] = parsed.error.issues.map((issue) => ({
    severity: 'error',
    check: 'config',
    message: issue.message,
    location: { file: source, field: [fieldPrefix, ...issue.path.map(String)].filter(Boolean).join('.') },
    ...(issue.code === 'unrecognized_keys' ? { hint: `allowed keys: ${Object.keys(featureConfigSchema.shape).join(', ')}` } : {}),
    ...(issue.code === 'invalid_enum_value' ? { hint: `feature groups: ${FEATURE_GROUPS.join(', ')}` } : {}),
  }));
  throw new InputError(`The ${fieldPrefix} section of ${source} is not valid.`, problems);
}

/** Groups the config asks for (include minus exclude), in canonical order. */
export function requestedGroups(config: FeatureConfig): FeatureGroup[] {
  const include = config.include && config.include.length ? new Set(config.include) : undefined;
  const exclude = new Set(config.exclude);
  return FEATURE_GROUPS.filter((g) => (!include || include.has(g)) && !exclude.has(g));
}
