import { z } from 'zod';
import { LOCALES } from '../core/Locale';

/** The `report` section of a run config: personas and the quarterly segment review. */
export const reportConfigSchema = z
  .object({
    /** Language of the report and persona texts. */
    locale: z.enum(LOCALES).default('en'),
    /** Segments, categorical values and cells with fewer customers are suppressed everywhere (GDPR). */
    minGroupSize: z.number().int().min(1).default(50),
    /** ISO 4217 code for money (e.g. EUR); unset shows plain numbers. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR').nullable().default(null),
    /** Names the team chose, by segment id: { "0": "Weekend gardeners" }. */
    names: z.record(z.string().regex(/^-?\d+$/, 'a segment id'), z.string().min(1).max(80)).default({}),
    /** A previous run (folder or its personas.json / cluster.json) for "changes since last quarter"; default: cluster.previous. */
    previous: z.string().optional(),
    /** Results of A/B tests (experiment.json written by `seglab ab --out`) shown in the review's experiments section. */
    experiments: z.array(z.string().min(1)).default([]),
    /** Customers drawn for the 2-D projection (the report never embeds the full table). */
    projectionSample: z.number().int().min(0).max(20_000).default(5000),
    /** PDF through headless Chromium: 'auto' = when Chromium is installed. */
    pdf: z.union([z.boolean(), z.literal('auto')]).default('auto'),
    /** Title of the report; default "Quarterly segment review — <name>". */
    title: z.string().max(120).optional(),
    /**
     * Labels of the data's own columns, as readers should see them in names, cards and tables (one text, or one
     * per language): { pdays: { en: Days since the previous campaign, fr: … } }. seglab's own features have theirs.
     */
    labels: z.record(z.string().min(1), z.union([z.string().min(1).max(60), z.object({ en: z.string().min(1).max(60), fr: z.string().min(1).max(60) }).strict()])).default({}),
    /** Columns of the feature table that carry response, churn probability or CLV per customer. */
    kpiColumns: z
      .object({ responseRate: z.string().optional(), churnRisk: z.string().optional(), clv: z.string().optional() })
      .strict()
      .default({}),
  })
  .strict();

export type ReportConfig = z.infer<typeof reportConfigSchema>;
