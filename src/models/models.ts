import { Registry } from '../core/Registry';
import type { ModelEntry } from './ModelEntry';
import { LogisticRegression } from './linear/LogisticRegression';
import { LogisticRegressionModel } from './linear/LogisticRegressionModel';
import { logisticRegressionParamsSchema } from './linear/logisticRegressionParams';
import { mlpEntry } from './mlp/mlpEntry';
import { histGradientBoostingEntry, randomForestEntry } from './trees/treeModels';

/** The logistic regression family: the baseline, with readable coefficients and odds ratios. */
export const logisticRegressionEntry: ModelEntry<'logistic-regression', typeof logisticRegressionParamsSchema, LogisticRegressionModel> = {
  name: 'logistic-regression',
  description: 'Logistic regression (l2, l1 or no penalty; L-BFGS, Newton or proximal Newton) on standardised inputs: coefficients with odds ratios and standard errors, equal to scikit-learn at the optimum.',
  params: logisticRegressionParamsSchema,
  accepts: 'numeric with binary labels',
  missingValues: 'error',
  create: (params) => new LogisticRegression(params),
  fromJSON: (json) => LogisticRegressionModel.fromJSON(json),
};

/** Every churn / propensity model family, registered once (configs, saved models and the contract suite read this). */
export const MODELS = new Registry('model', [logisticRegressionEntry, histGradientBoostingEntry, randomForestEntry, mlpEntry]);
