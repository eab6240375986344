import { z } from 'zod';
import { checkParam } from '../../core/errors';
import { parseParams } from '../../core/parseParams';
import { seedParam } from '../../core/seedParam';
import { kParam, nonNegativeParam, restartsParam, wholeNumber } from '../clusterParams';
import { defaultLocalTrials, kmeansInitParam, resolveInit, threadsParam, type KMeansInit, type ResolvedKMeansInit } from '../kmeans/kmeansParams';

/** MiniBatchKMeans' params, declared once: the constructor, the saved model and the run config use this schema. */
export const miniBatchKMeansParamsSchema = z
  .object({
    /** Number of clusters (whole number >= 1). */
    k: kParam,
    /** Rows per mini-batch (default 1024, as scikit-learn). */
    batchSize: wholeNumber(1).default(1024),
    /** Passes over the data: the run takes at most floor(maxIter × rows / batchSize) steps (default 100). */
    maxIter: wholeNumber(1).default(100),
    /** Stop after this many steps without a new low of the smoothed batch inertia (default 10; null never stops early this way). */
    maxNoImprovement: z.number().int().min(1).nullable().describe('a whole number >= 1, or null').default(10),
    /** Stop when the squared centre shifts of a step sum to at most tol × mean column variance (default 0: off, as scikit-learn). */
    tol: nonNegativeParam.default(0),
    /** Seed of every random choice (default DEFAULT_SEED). */
    seed: seedParam,
    /** 'k-means++' (default, on a sample of initSize rows), 'random', or k given centres. */
    init: kmeansInitParam,
    /**
     * Starts tried (default 10; scikit-learn's 3): each is k-means++ (or random) on its own sample of
     * initSize rows, refined by k-means on that sample, then scored by its inertia on a validation sample
     * of max(initSize, 10 × batchSize) rows; only the best is trained. A start costs a k-means on a few
     * thousand rows (10–40 ms here); on overlapping blobs about 3 in 10 refined starts still end in a worse
     * local optimum, so 3 starts miss the good one about 3% of the time and 10 almost never. Given
     * centres are used once.
     */
    nInit: restartsParam(10),
    /** Rows sampled to initialise each start on (default 3 × batchSize, at least 3k, at most the rows); at least k. */
    initSize: z.number().int().min(1).nullable().describe('a whole number >= k, or null').default(null),
    /** A centre whose weight is below this share of the heaviest centre's moves to a random batch row (default 0.01). */
    reassignmentRatio: z.number().min(0).max(1).describe('a number in [0, 1]').default(0.01),
    /** Candidates per greedy k-means++ step (default 2 + floor(ln k)). */
    nLocalTrials: wholeNumber(1).optional(),
    /** Threads for the final labelling of all rows (default 'auto'). */
    threads: threadsParam,
  })
  .strict();

export type MiniBatchKMeansParams = Omit<z.input<typeof miniBatchKMeansParamsSchema>, 'init'> & { init?: KMeansInit };
export type ResolvedMiniBatchKMeansParams = Omit<z.output<typeof miniBatchKMeansParamsSchema>, 'init' | 'nLocalTrials'> & { init: ResolvedKMeansInit; nLocalTrials: number };

/** Validate MiniBatchKMeans params (a saved model's too) and resolve what depends on k. */
export function resolveMiniBatchKMeansParams(params: unknown, who = 'MiniBatchKMeans'): ResolvedMiniBatchKMeansParams {
  const p = parseParams(miniBatchKMeansParamsSchema, params, who);
  const { k, batchSize, maxIter, maxNoImprovement, tol, seed, nInit, initSize, reassignmentRatio, nLocalTrials = defaultLocalTrials(k), threads } = p;
  checkParam(initSize === null || initSize >= k, `${who} initSize`, initSize, `a whole number >= k (${k}), or null`);
  // In the order of the schema: saved models list them so.
  return { k, batchSize, maxIter, maxNoImprovement, tol, seed, init: resolveInit(p.init as KMeansInit, k, who), nInit, initSize, reassignmentRatio, nLocalTrials, threads };
}
