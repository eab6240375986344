import { z } from 'zod';

/**
 * The seed every seeded estimator and the run config start from when none is given: one value, so
 * that `new KMeans({ k })` and a run config without `seed` draw the same numbers (they were 0 and 42).
 * 42 is the run config's, under which every published result (README, docs/real-data.md) was made.
 */
export const DEFAULT_SEED = 42;

/** The `seed` param of a registered estimator: a whole number, DEFAULT_SEED when left out. */
export const seedParam = z.number().int().safe().describe('a whole number').default(DEFAULT_SEED);
