import { z } from 'zod';

/**
 * `export:` in the run config: how the export stage (`stages: [..., export]`) turns the segments into rules,
 * the same settings as `seglab export`'s options. Unset keys take seglab export's defaults.
 */
export const exportConfigSchema = z
  .object({
    /** Hand-written rules (JSON or YAML) instead of rules extracted from the segments; relative to the config file. */
    from: z.string().min(1).optional(),
    /** Holdout accuracy the rules need (default 0.9). */
    minFidelity: z.number().min(0).max(1).optional(),
    /** Customers every segment needs under the rules (default 50). */
    minSegmentSize: z.number().int().min(0).optional(),
    /** Mean bootstrap Jaccard the segmentation needs (default 0.75; 0 = not required). */
    minStability: z.number().min(0).max(1).optional(),
    /** Share of customers a segment rule (not the fallback) must assign (default 1). */
    minCoverage: z.number().min(0).max(1).optional(),
    /** Depth of the surrogate decision tree (default 4). */
    maxDepth: z.number().int().min(0).max(32).optional(),
    /** Prefer the features that define the segments among splits within this share of the best Gini decrease (default 0.01; 0 = plain CART). */
    distinctiveWithin: z.number().min(0).lt(1).optional(),
  })
  .strict();

export type ExportConfig = z.infer<typeof exportConfigSchema>;
