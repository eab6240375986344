import { z } from 'zod';

/** PCA's params, declared once: the constructor and the saved model use this schema. */
export const pcaParamsSchema = z
  .object({
    /** Components kept (default 2, for pictures); at most the number of columns. */
    nComponents: z.number().int().min(1).describe('a whole number >= 1').default(2),
  })
  .strict();

export type PCAParams = z.input<typeof pcaParamsSchema>;
export type ResolvedPCAParams = z.output<typeof pcaParamsSchema>;
