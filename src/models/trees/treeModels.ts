import type { ModelEntry } from '../ModelEntry';
import { HistGradientBoosting } from './HistGradientBoosting';
import { HistGradientBoostingModel } from './HistGradientBoostingModel';
import { RandomForest } from './RandomForest';
import { RandomForestModel } from './RandomForestModel';
import { histGradientBoostingParamsSchema } from './histGradientBoostingParams';
import { randomForestParamsSchema } from './randomForestParams';

/** Gradient-boosted histogram trees, as registered in MODELS (models/models.ts). */
export const histGradientBoostingEntry: ModelEntry<'hist-gradient-boosting', typeof histGradientBoostingParamsSchema, HistGradientBoostingModel> = {
  name: 'hist-gradient-boosting',
  description: 'Gradient-boosted histogram trees (log loss): binned features, best-first trees, shrinkage, L2 on leaves, row/column subsampling, early stopping; missing values learned.',
  params: histGradientBoostingParamsSchema,
  accepts: 'numeric with binary labels',
  missingValues: 'learned',
  create: (params) => new HistGradientBoosting(params),
  fromJSON: (json) => HistGradientBoostingModel.fromJSON(json),
};

/** A random forest on the same histogram trees, as registered in MODELS (models/models.ts). */
export const randomForestEntry: ModelEntry<'random-forest', typeof randomForestParamsSchema, RandomForestModel> = {
  name: 'random-forest',
  description: 'Random forest of histogram trees: bootstrap samples, features drawn per split, Gini splits, trees grown on worker threads; missing values learned.',
  params: randomForestParamsSchema,
  accepts: 'numeric with binary labels',
  missingValues: 'learned',
  create: (params) => new RandomForest(params),
  fromJSON: (json) => RandomForestModel.fromJSON(json),
};
