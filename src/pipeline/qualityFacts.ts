import { z } from 'zod';
import { jsonNumber } from '../core/jsonSchema';

/**
 * What the review reads of a data-quality profile (quality.json): per table its rows, columns with their
 * missing values and repeated rows, and the load warnings. A QualityProfile is one; a quality.json read back
 * is checked against this schema.
 */
export const qualityFactsSchema = z.object({
  tables: z.array(
    z.object({
      table: z.string(),
      rows: z.number().int().min(0),
      columns: z.array(z.object({ name: z.string(), missing: z.number().int().min(0), missingShare: jsonNumber })),
      duplicateRows: z.object({ count: z.number().int().min(0) }).optional(),
    }),
  ),
  loadWarnings: z.array(z.object({ message: z.string() })),
});

export type QualityFacts = z.infer<typeof qualityFactsSchema>;
