import { z } from 'zod';
import { parseParams } from '../../core/parseParams';
import { wholeNumber } from '../clusterParams';

/** DBSCAN's params, declared once: the constructor, the saved model and the run config use this schema. */
export const dbscanParamsSchema = z
  .object({
    /** Neighbourhood radius (Euclidean, inclusive: distance <= eps); > 0. */
    eps: z.number().finite().positive().describe('a finite number > 0 (suggestEps(X, minSamples) proposes one)'),
    /** Weighted number of rows within eps, the row itself included, that makes a row a core point (default 5). */
    minSamples: wholeNumber(1).default(5),
  })
  .strict();

export type DBSCANParams = z.input<typeof dbscanParamsSchema>;
export type ResolvedDBSCANParams = z.output<typeof dbscanParamsSchema>;

/** Validate DBSCAN params (a saved model's too) and fill the defaults. */
export function resolveDBSCANParams(params: unknown, who = 'DBSCAN'): ResolvedDBSCANParams {
  return parseParams(dbscanParamsSchema, params, who);
}
