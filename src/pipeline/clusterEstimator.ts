import { assertUnreachable } from '../core/assertUnreachable';
import { InputError } from '../core/errors';
import type { Matrix } from '../core/Matrix';
import type { CategoricalMatrix } from '../cluster/CategoricalMatrix';
import { mixedMatrix } from '../cluster/CategoricalMatrix';
import type { ClusterModel, FitOptions } from '../cluster/ClusterModel';
import { DBSCAN } from '../cluster/dbscan/DBSCAN';
import { GaussianMixture } from '../cluster/mixture/GaussianMixture';
import { KMeans } from '../cluster/kmeans/KMeans';
import { KPrototypes } from '../cluster/kprototypes/KPrototypes';
import { MiniBatchKMeans } from '../cluster/minibatch/MiniBatchKMeans';
import type { ClusterEstimator } from '../cluster/selection/selectK';
import type { ClusterConfig } from './ClusterConfig';

/** The estimator of the configured algorithm for k clusters (k is ignored by DBSCAN, which finds its own). */
export function clusterEstimator(cfg: ClusterConfig, k: number, seed: number, extra: { eps?: number; categorical?: CategoricalMatrix | null } = {}): ClusterEstimator {
  switch (cfg.algorithm) {
    case 'kmeans':
      return new KMeans({ k, seed, nInit: cfg.nInit });
    case 'minibatch-kmeans':
      return new MiniBatchKMeans({ k, seed, nInit: cfg.nInit });
    case 'gmm':
      return new GaussianMixture({ k, seed, nInit: cfg.nInit, covarianceType: cfg.covarianceType });
    case 'dbscan':
      return new DBSCAN({ eps: extra.eps!, minSamples: cfg.minSamples });
    case 'kprototypes': {
      const categorical = extra.categorical;
      if (!categorical) {
        throw new InputError('k-prototypes needs categorical features.', [
          { severity: 'error', check: 'no-categorical', message: 'cluster.categorical is empty', location: { field: 'cluster.categorical' }, hint: 'list text features such as region or device, or choose algorithm kmeans' },
        ]);
      }
      const estimator = new KPrototypes({ k, seed, nInit: cfg.nInit, ...(cfg.gamma !== undefined ? { gamma: cfg.gamma } : {}) });
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
            predict: (Y: Matrix) => model.predict(mixedMatrix(Y, categorical, 'k-prototypes predict (numeric rows of the feature table, categories from cluster.categorical)')),
            toJSON: () => model.toJSON(),
          };
        },
      };
    }
    default:
      return assertUnreachable(cfg.algorithm, 'cluster.algorithm');
  }
}
