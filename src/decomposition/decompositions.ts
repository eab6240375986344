import { Registry } from '../core/Registry';
import type { DecompositionEntry } from './DecompositionEntry';
import { PCA, PCAModel } from './PCA';
import { pcaParamsSchema } from './pcaParams';

const pca: DecompositionEntry<'pca', typeof pcaParamsSchema, PCAModel> = {
  name: 'pca',
  description: 'Principal components of the clustering features (covariance eigen-decomposition), for 2-D pictures of segments.',
  params: pcaParamsSchema,
  accepts: 'numeric',
  create: (params) => new PCA(params),
  fromJSON: (json) => PCAModel.fromJSON(json),
};

/** Every decomposition, registered once (the contract tests read this). */
export const DECOMPOSITIONS = new Registry('decomposition', [pca]);
