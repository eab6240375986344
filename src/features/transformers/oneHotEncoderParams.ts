import { z } from 'zod';

export const HANDLE_UNKNOWN = ['rare', 'zeros', 'error'] as const;
export type HandleUnknown = (typeof HANDLE_UNKNOWN)[number];

/** OneHotEncoder's params, declared once: the constructor and the saved model use this schema. */
export const oneHotEncoderParamsSchema = z
  .object({
    /**
     * Categories seen less often than this are grouped into one "col=__rare__" column: a share of the
     * rows when < 1 (e.g. 0.01), a row count when >= 1 (e.g. 20). Default 0: no grouping.
     */
    minFrequency: z.number().finite().min(0).describe('a share in [0, 1) or a count >= 1').default(0),
    /**
     * A category not seen at fit time, at transform time:
     * 'rare' (default) → the column's __rare__ column when it has one, else all zeros;
     * 'zeros' → all zeros (a category grouped as rare at fit time still goes to __rare__);
     * 'error' → InputError naming the column, row and value.
     */
    handleUnknown: z.enum(HANDLE_UNKNOWN).describe("'rare', 'zeros' or 'error'").default('rare'),
    /** Keep at most this many categories per column (the most frequent); the rest become rare. */
    maxCategories: z.number().int().min(1).describe('an integer >= 1').optional(),
  })
  .strict();

export type OneHotEncoderParams = z.input<typeof oneHotEncoderParamsSchema>;
export type ResolvedOneHotEncoderParams = z.output<typeof oneHotEncoderParamsSchema>;
