import { z } from 'zod';
import type { SearchSpace } from '../evaluation/searchParams';
import { seedParam } from '../../core/seedParam';
import { categoricalFeaturesParam, classWeightParam, maxBinsParam } from './treeParamFields';

/** HistGradientBoosting's params, declared once (defaults as scikit-learn's HistGradientBoostingClassifier). */
export const histGradientBoostingParamsSchema = z
  .object({
    learningRate: z.number().finite().gt(0).lte(1).describe('a number in (0, 1]').default(0.1),
    maxIter: z.number().int().min(1).max(100_000).describe('a whole number from 1 to 100000').default(100),
    maxLeafNodes: z.number().int().min(2).nullable().describe('a whole number >= 2, or null (no limit)').default(31),
    maxDepth: z.number().int().min(1).max(64).nullable().describe('a whole number from 1 to 64, or null (no limit)').default(null),
    minSamplesLeaf: z.number().int().min(1).describe('a whole number >= 1').default(20),
    l2Regularization: z.number().finite().min(0).describe('a finite number >= 0').default(0),
    /** A split needs at least this much hessian on each side (scikit-learn's 1e-3). */
    minHessian: z.number().finite().min(0).describe('a finite number >= 0').default(1e-3),
    maxBins: maxBinsParam,
    rowSubsample: z.number().finite().gt(0).lte(1).describe('a share in (0, 1]').default(1),
    colSubsample: z.number().finite().gt(0).lte(1).describe('a share in (0, 1]').default(1),
    earlyStopping: z.union([z.literal('auto'), z.boolean()]).describe("'auto' (on above 10,000 rows), true or false").default('auto'),
    validationFraction: z.number().finite().gt(0).lt(1).describe('a share in (0, 1)').default(0.1),
    nIterNoChange: z.number().int().min(1).describe('a whole number >= 1').default(10),
    tol: z.number().finite().min(0).describe('a finite number >= 0').default(1e-7),
    classWeight: classWeightParam,
    categoricalFeatures: categoricalFeaturesParam,
    /** Threads building the histograms ('auto' = the machine's cores above 1M cells; 1 = the calling thread). The model is the same for any number. */
    threads: z.union([z.literal('auto'), z.number().int().min(1).max(64)]).describe("'auto' or a whole number from 1 to 64").default('auto'),
    seed: seedParam,
  })
  .strict();

export type HistGradientBoostingParams = z.input<typeof histGradientBoostingParamsSchema>;
export type ResolvedHistGradientBoostingParams = z.output<typeof histGradientBoostingParamsSchema>;

/** What `models.search` draws from by default: step size, tree size, leaf size and the leaves' L2 penalty. */
export const HIST_GRADIENT_BOOSTING_SEARCH_SPACE: SearchSpace = {
  learningRate: { low: 0.02, high: 0.3, scale: 'log' },
  maxLeafNodes: { low: 8, high: 63, scale: 'log', integer: true },
  minSamplesLeaf: { low: 5, high: 100, scale: 'log', integer: true },
  l2Regularization: { low: 0, high: 1 },
};
