import { inputError } from '../core/errors';
import type { Matrix } from '../core/Matrix';
import type { CategoricalMatrix } from '../cluster/CategoricalMatrix';
import { mixedMatrix } from '../cluster/CategoricalMatrix';
import { clustererEntry } from '../cluster/clusterers';
import type { ClusterModel, FitOptions } from '../cluster/ClusterModel';
import type { ClusterEstimator } from '../cluster/selection/selectK';
import type { ClusterConfig } from './ClusterConfig';

/**
 * The estimator of the configured algorithm, looked up in CLUSTERERS: its `cluster:` params from the
 * config (an unset one takes the algorithm's declared default), k and the run's seed when the algorithm
 * takes them (DBSCAN finds its own k; `extra.eps` is cluster.eps once 'auto' is resolved).
 */
export function clusterEstimator(cfg: ClusterConfig, k: number, seed: number, extra: { eps?: number; categorical?: CategoricalMatrix | null } = {}): ClusterEstimator {
  const entry = clustererEntry(cfg.algorithm, 'cluster.algorithm');
  const takes = (key: string): boolean => key in entry.params.shape;
  const params: Record<string, unknown> = {};
  for (const key of entry.configParams) if (cfg[key as keyof ClusterConfig] !== undefined) params[key] = cfg[key as keyof ClusterConfig];
  if (takes('k')) params.k = k;
  if (takes('seed')) params.seed = seed;
  if (extra.eps !== undefined && takes('eps')) params.eps = extra.eps;
  const estimator = entry.create(params);
  if (entry.accepts === 'numeric') return estimator as ClusterEstimator;
  const categorical = extra.categorical;
  if (!categorical) {
    throw inputError({ summary: `${cfg.algorithm} needs categorical features.`, check: 'no-categorical', what: 'cluster.categorical is empty', where: { field: 'cluster.categorical' }, fix: 'list text features such as region or device, or choose algorithm kmeans' });
  }
  // Rows of X are the feature table's rows, so the categorical part is taken row for row, in fit and
  // in predict alike (numeric rows of other customers have no categories here: mixedMatrix says so).
  return {
    fit: (X: Matrix, options?: FitOptions): ClusterModel => {
      const model = estimator.fit(mixedMatrix(X, categorical), options);
      return {
        kind: model.kind,
        k: model.k,
        columns: model.columns,
        labels: model.labels,
        predict: (Y: Matrix) => model.predict(mixedMatrix(Y, categorical, `${cfg.algorithm} predict (numeric rows of the feature table, categories from cluster.categorical)`)),
        toJSON: () => model.toJSON(),
      };
    },
  };
}
