import { assertUnreachable } from '../core/assertUnreachable';
import type { SearchSpace } from './evaluation/searchParams';
import { LOGISTIC_REGRESSION_SEARCH_SPACE } from './linear/logisticRegressionParams';
import { MLP_SEARCH_SPACE } from './mlp/mlpParams';
import type { ModelName } from './ModelEntry';
import { HIST_GRADIENT_BOOSTING_SEARCH_SPACE } from './trees/histGradientBoostingParams';
import { RANDOM_FOREST_SEARCH_SPACE } from './trees/randomForestParams';

/** The space `models.search` draws a family's candidates from when the config gives none (declared next to each family's params). */
export function defaultSearchSpace(family: ModelName): SearchSpace {
  switch (family) {
    case 'logistic-regression':
      return LOGISTIC_REGRESSION_SEARCH_SPACE;
    case 'hist-gradient-boosting':
      return HIST_GRADIENT_BOOSTING_SEARCH_SPACE;
    case 'random-forest':
      return RANDOM_FOREST_SEARCH_SPACE;
    case 'mlp':
      return MLP_SEARCH_SPACE;
    default:
      return assertUnreachable(family, 'model family');
  }
}
