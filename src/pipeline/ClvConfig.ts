import { z } from 'zod';
import { CLV_TIME_UNITS, type ClvTimeUnit } from '../clv/ClvTimeUnit';
import { PURCHASE_MODEL_NAMES } from '../clv/ClvModelName';

/**
 * `clv:` in the run config: the clv stage (runs when the section is there) fits a purchase model and Gamma-Gamma on
 * the transactions as of asOf and writes clv.csv / clv.json; every key has a default.
 */
export const clvConfigSchema = z
  .object({
    /** The purchase model, from CLV_MODELS. */
    model: z.enum(PURCHASE_MODEL_NAMES).default('bg-nbd'),
    /** CLV horizon in months (lifetimes' `time`). */
    horizon: z.number().int().min(1).max(1200).describe('a whole number of months from 1 to 1200').default(12),
    /** Discount rate per month (lifetimes' `discount_rate`). */
    discount: z.number().min(0).lt(1).describe('a monthly rate from 0 to below 1, e.g. 0.01').default(0.01),
    /** Unit of recency and T in the fit (the BTYD literature counts weeks). */
    unit: z.enum(CLV_TIME_UNITS as [ClvTimeUnit, ...ClvTimeUnit[]]).default('weeks'),
    /** lifetimes' penalizer_coef for both fits (0: plain maximum likelihood). */
    penalizer: z.number().finite().min(0).default(0),
    /** A fit that does not converge: `error` stops the run (the message says what to try), `skip` skips the stage with the reason. */
    onNotConverged: z.enum(['error', 'skip']).default('error'),
    /** The top value band of the "high value, probably leaving" action: this share of the customers with a CLV, highest first. */
    highValueShare: z.number().gt(0).max(1).default(0.2),
    /** "Probably leaving": P(alive) below this. */
    leavingBelow: z.number().gt(0).lt(1).default(0.5),
  })
  .strict();

export type ClvConfig = z.infer<typeof clvConfigSchema>;
