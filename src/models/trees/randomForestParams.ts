import { z } from 'zod';
import type { SearchSpace } from '../evaluation/searchParams';
import { seedParam } from '../../core/seedParam';
import { categoricalFeaturesParam, classWeightParam, maxBinsParam } from './treeParamFields';

/** RandomForest's params, declared once (defaults as scikit-learn's RandomForestClassifier). */
export const randomForestParamsSchema = z
  .object({
    nEstimators: z.number().int().min(1).max(10_000).describe('a whole number from 1 to 10000').default(100),
    bootstrap: z.boolean().describe('true or false').default(true),
    /** Features drawn per split: 'sqrt' / 'log2' of the column count, 'all', or a share of the columns. */
    maxFeatures: z.union([z.enum(['sqrt', 'log2', 'all']), z.number().finite().gt(0).lte(1)]).describe("'sqrt', 'log2', 'all' or a share in (0, 1]").default('sqrt'),
    maxDepth: z.number().int().min(1).max(256).nullable().describe('a whole number from 1 to 256, or null (no limit)').default(null),
    minSamplesLeaf: z.number().int().min(1).describe('a whole number >= 1').default(1),
    maxBins: maxBinsParam,
    classWeight: classWeightParam,
    categoricalFeatures: categoricalFeaturesParam,
    /** Worker threads growing trees ('auto' = the machine's cores; 1 = the calling thread). The model is the same for any number. */
    threads: z.union([z.literal('auto'), z.number().int().min(1).max(64)]).describe("'auto' or a whole number from 1 to 64").default('auto'),
    seed: seedParam,
  })
  .strict();

export type RandomForestParams = z.input<typeof randomForestParamsSchema>;
export type ResolvedRandomForestParams = z.output<typeof randomForestParamsSchema>;

/** What `models.search` draws from by default: the features tried per split and the leaf size (12 combinations). */
export const RANDOM_FOREST_SEARCH_SPACE: SearchSpace = { maxFeatures: ['sqrt', 'log2', 0.5], minSamplesLeaf: [1, 3, 10, 30] };
