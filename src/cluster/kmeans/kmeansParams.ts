import { z } from 'zod';
import { checkParam, usageError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import { parseParams } from '../../core/parseParams';
import { seedParam } from '../../core/seedParam';
import { kParam, nonNegativeParam, restartsParam, wholeNumber } from '../clusterParams';

export const KMEANS_ALGORITHMS = ['auto', 'lloyd', 'elkan', 'hamerly'] as const;
/** 'lloyd' computes every distance; 'hamerly' and 'elkan' skip those the triangle inequality rules out (same result); 'auto' picks one of them. */
export type KMeansAlgorithm = (typeof KMEANS_ALGORITHMS)[number];

/** How the first centres are chosen: greedy k-means++, k random rows, or given centres (k rows × d columns). */
export type KMeansInit = 'k-means++' | 'random' | Matrix | readonly (readonly number[])[];
/** The init as stored in params and JSON. */
export type ResolvedKMeansInit = 'k-means++' | 'random' | number[][];

/** Threads for large inputs: 'auto' (every available core) or a whole number >= 1. */
export type ThreadsOption = 'auto' | number;

/** `init` of the k-means family; the rows of given centres are checked against k by resolveInit. */
export const kmeansInitParam = z
  .union([z.enum(['k-means++', 'random']), z.instanceof(Matrix), z.array(z.unknown())])
  .describe("'k-means++', 'random', or k rows of initial centres (a Matrix or number[][])")
  .default('k-means++');

/** `threads` of the k-means family (small inputs always run on one). */
export const threadsParam = z
  .union([z.literal('auto'), z.number().int().min(1)])
  .describe("'auto' or a whole number >= 1")
  .default('auto');

/** KMeans' params, declared once: the constructor, the saved model and the run config use this schema. */
export const kmeansParamsSchema = z
  .object({
    /** Number of clusters (whole number >= 1). */
    k: kParam,
    /**
     * Runs from different starts; the lowest inertia wins (default 4). Greedy k-means++ usually gives a
     * good start on its own (scikit-learn >= 1.4 runs it once), but customer features rarely form clean
     * blobs and one unlucky start can merge two segments; a few runs catch most such starts at a few
     * times the cost, which the accelerated assignment keeps small. 4 is what the cluster stage has always
     * run (every published result); given centres always run once.
     */
    nInit: restartsParam(4),
    /** Most iterations per run (default 300). */
    maxIter: wholeNumber(1).default(300),
    /** Stop when the squared centre shifts sum to at most tol × the mean column variance of X (default 1e-4, as scikit-learn). */
    tol: nonNegativeParam.default(1e-4),
    /** Seed of every random choice (default DEFAULT_SEED); run r draws from Rng.derive(seed, 'KMeans run r'). */
    seed: seedParam,
    /** 'k-means++' (default), 'random' rows, or k given centres in X's units. */
    init: kmeansInitParam,
    /** Candidates per greedy k-means++ step (default 2 + floor(ln k), as scikit-learn). */
    nLocalTrials: wholeNumber(1).optional(),
    /** Assignment algorithm (default 'auto'). */
    algorithm: z.enum(KMEANS_ALGORITHMS).describe(`one of ${KMEANS_ALGORITHMS.join(', ')}`).default('auto'),
    /** Threads for large inputs (default 'auto': every core); small inputs always run on one. */
    threads: threadsParam,
  })
  .strict();

export type KMeansParams = Omit<z.input<typeof kmeansParamsSchema>, 'init'> & { init?: KMeansInit };
export type ResolvedKMeansParams = Omit<z.output<typeof kmeansParamsSchema>, 'init' | 'nLocalTrials'> & { init: ResolvedKMeansInit; nLocalTrials: number };

/** scikit-learn's default number of local trials of greedy k-means++: 2 + floor(ln k). */
export function defaultLocalTrials(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

/** Validate KMeans params (a saved model's too) and resolve what depends on k: given centres, nLocalTrials. */
export function resolveKMeansParams(params: unknown, who = 'KMeans'): ResolvedKMeansParams {
  const { k, nInit, maxIter, tol, seed, init, nLocalTrials = defaultLocalTrials(k), algorithm, threads } = parseParams(kmeansParamsSchema, params, who);
  // In the order of the schema: saved models list them so.
  return { k, nInit, maxIter, tol, seed, init: resolveInit(init as KMeansInit, k, who), nLocalTrials, algorithm, threads };
}

/** Validate `init` (names the estimator in the error) and copy given centres into plain rows. */
export function resolveInit(init: KMeansInit, k: number, who: string): ResolvedKMeansInit {
  if (init === 'k-means++' || init === 'random') return init;
  const rows: unknown[] | undefined = init instanceof Matrix ? init.toRows() : Array.isArray(init) ? init : undefined;
  checkParam(rows !== undefined, `${who} init`, init, "'k-means++', 'random', or k rows of initial centres (a Matrix or number[][])");
  checkParam(rows!.length === k, `${who} init`, `${rows!.length} rows`, `k=${k} rows of initial centres`);
  const d = Array.isArray(rows![0]) ? (rows![0] as unknown[]).length : 0;
  rows!.forEach((row, i) => {
    const ok = d > 0 && Array.isArray(row) && row.length === d && row.every((v) => typeof v === 'number' && Number.isFinite(v));
    checkParam(ok, `${who} init row ${i + 1}`, row, `${d > 0 ? d : 'one or more'} finite numbers, as many as in every other row`);
  });
  return (rows as number[][]).map((row) => [...row]);
}

/** Given centres must have one value per column of X. */
export function checkInitColumns(init: ResolvedKMeansInit, cols: number, who: string): void {
  if (typeof init === 'string') return;
  if (init[0]!.length !== cols) throw usageError(who, `init has ${init[0]!.length} values per centre but X has ${cols} columns`);
}

/** Count the rows with a positive weight; clustering into k needs at least k of them. */
export function checkPositiveWeights(w: Float64Array, k: number, who: string): void {
  let positive = 0;
  for (let i = 0; i < w.length && positive < k; i++) if (w[i]! > 0) positive++;
  if (positive < k) throw usageError(who, `only ${positive} row(s) have a positive sampleWeight; k=${k} clusters need at least ${k}`);
}
