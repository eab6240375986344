import { z } from 'zod';

/**
 * Field schemas the clustering estimators' params share, declared once (each estimator's params
 * schema uses them; the run config's `cluster:` keys come from those schemas).
 */

/** A whole number of at least `min`, described for parseParams' message. */
export function wholeNumber(min: number): z.ZodNumber {
  return z.number().int().min(min).describe(`a whole number >= ${min}`);
}

/** Number of clusters asked for. */
export const kParam = wholeNumber(1);

/** Restarts from different starts, the best kept; each estimator declares its own default. */
export function restartsParam(defaultRestarts: number): z.ZodDefault<z.ZodNumber> {
  return wholeNumber(1).default(defaultRestarts);
}

/** A finite number >= 0 (tolerances). */
export const nonNegativeParam = z.number().finite().min(0).describe('a finite number >= 0');
