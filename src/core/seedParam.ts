import { z } from 'zod';
import { UsageError } from './errors';

/**
 * The seed every seeded estimator, metric, the surrogate tree and the run config start from when none is
 * given: one value, so that `new KMeans({ k })` and a run config without `seed` draw the same numbers (they
 * were 0 and 42). 42 is the run config's, under which every published result (README, docs/real-data.md) was made.
 */
export const DEFAULT_SEED = 42;

/** The largest seed: the generator reads 32 bits, so 2^32 + 1 would draw what 1 draws. */
export const MAX_SEED = 0xffffffff;

/** What a seed is, said once for every message. */
export const SEED_RANGE = `a whole number from 0 to ${MAX_SEED} (2^32 - 1)`;

const isSeed = (seed: unknown): seed is number => typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED;

/** The `seed` param of a registered estimator or criterion and of the run config: in range, DEFAULT_SEED when left out. */
export const seedParam = z
  .number({ invalid_type_error: `expected ${SEED_RANGE}` })
  .refine(isSeed, { message: `expected ${SEED_RANGE}` })
  .describe(SEED_RANGE)
  .default(DEFAULT_SEED);

/** Check a seed given to a public function (`who seed` names it in the message). */
export function checkSeed(seed: unknown, name: string): asserts seed is number {
  if (!isSeed(seed)) throw new UsageError(`Invalid ${name}: got ${JSON.stringify(seed)}, expected ${SEED_RANGE}.`);
}

/**
 * The seed of one concern of a run, derived from the run's seed by the concern's name (FNV-1a over the
 * seed's 32 bits and the name): each concern draws its own stream, so a concern added later, or one that
 * draws more numbers, never shifts another's. `Rng.derive(seed, name)` is `new Rng(deriveSeed(seed, name))`.
 */
export function deriveSeed(seed: number, concern: string): number {
  let h = (seed >>> 0) ^ 0x811c9dc5;
  for (let i = 0; i < concern.length; i++) h = Math.imul(h ^ concern.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}
