import { z } from 'zod';

/**
 * `outcome:` in the run config: the column of the data that records what happened to each customer (Telco's
 * Churn, Bank Marketing's y). Its rate per segment is a KPI of the review and of the rules' fidelity report;
 * it is never a clustering feature, a trait or a rule field. The column must have the role `target` in the
 * data section (the feature table then carries it with role 'outcome').
 */
export const outcomeConfigSchema = z
  .object({
    /** Column name in the feature table (the canonical name after the data section's mapping). */
    column: z.string().min(1),
    /** Values that mean "it happened" (default: 1, true, yes, y). Compared as text, case-insensitive. */
    positive: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).optional(),
    /** What happened, for the KPI name ("Churn" → "Churn rate"): one text, or one per language. */
    label: z.union([z.string().min(1).max(60), z.object({ en: z.string().min(1).max(60), fr: z.string().min(1).max(60) }).strict()]).optional(),
    /** false for churn-like outcomes (lower is better), true for responses and purchases; drives the actions. */
    higherIsBetter: z.boolean().nullable().default(null),
  })
  .strict();

export type OutcomeConfig = z.infer<typeof outcomeConfigSchema>;
