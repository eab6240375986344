import { z } from 'zod';
import { parseParams } from '../../core/parseParams';
import { seedParam } from '../../core/seedParam';
import { kParam, restartsParam, wholeNumber } from '../clusterParams';
import { KPROTOTYPES_GAMMA_RULES } from './KPrototypesGammaRule';
import { KPROTOTYPES_INITS } from './KPrototypesInit';

/** KPrototypes' params, declared once: the constructor, the saved model and the run config use this schema. */
export const kprototypesParamsSchema = z
  .object({
    /** Number of clusters (whole number >= 1). */
    k: kParam,
    /**
     * Cost of one categorical mismatch, in squared numeric units: a number >= 0, or a rule that derives
     * it from the data (default 'balanced', see KPROTOTYPES_GAMMA_RULES). Scale numeric columns first.
     */
    gamma: z
      .union([z.number().finite().min(0), z.enum(KPROTOTYPES_GAMMA_RULES)])
      .describe(`a finite number >= 0, or one of ${KPROTOTYPES_GAMMA_RULES.join(', ')}`)
      .default('balanced'),
    /** How the first prototypes are chosen (default 'huang'); 'cao' is deterministic and runs once. */
    init: z.enum(KPROTOTYPES_INITS).describe(`one of ${KPROTOTYPES_INITS.join(', ')}`).default('huang'),
    /**
     * Restarts from different initial prototypes; the lowest cost wins. Default 4 (kmodes uses 10): a
     * restart costs about as much as a full fit; on the sample (k = 4, region and device) the best of 3
     * cost 0.6% more than the best of 4, what the cluster stage has always run.
     */
    nInit: restartsParam(4),
    /** Passes over the data per restart (default 100, as kmodes). */
    maxIter: wholeNumber(1).default(100),
    /**
     * Stop when a pass lowers the cost by at most tol × cost (default 1e-4). The last passes of Huang's
     * algorithm move a handful of boundary rows each: on 50,000 rows, passes 4–100 lowered the cost by
     * 0.03% in all. 0 keeps kmodes' rule: run until no row moves or the cost stops falling.
     */
    tol: z.number().finite().min(0).lt(1).describe('a number in [0, 1)').default(1e-4),
    /** Seed of every random choice (default DEFAULT_SEED). */
    seed: seedParam,
  })
  .strict();

export type KPrototypesParams = z.input<typeof kprototypesParamsSchema>;
export type ResolvedKPrototypesParams = z.output<typeof kprototypesParamsSchema>;

/** Validate KPrototypes params (a saved model's too) and fill the defaults. */
export function resolveKPrototypesParams(params: unknown, who = 'KPrototypes'): ResolvedKPrototypesParams {
  return parseParams(kprototypesParamsSchema, params, who);
}
