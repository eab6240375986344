import type { ClustererEntry } from '../ClustererEntry';
import { GaussianMixture } from './GaussianMixture';
import { GaussianMixtureModel } from './GaussianMixtureModel';
import { gaussianMixtureParamsSchema, type GaussianMixtureParams } from './gaussianMixtureParams';

export const gaussianMixtureEntry: ClustererEntry<'gmm', typeof gaussianMixtureParamsSchema, 'numeric', GaussianMixtureModel> = {
  name: 'gmm',
  description: 'Gaussian mixture fitted by EM (full, tied, diagonal or spherical covariances): soft membership, BIC and AIC.',
  params: gaussianMixtureParamsSchema,
  accepts: 'numeric',
  noise: false,
  configParams: ['nInit', 'covarianceType'],
  create: (params) => new GaussianMixture(params as GaussianMixtureParams),
  fromJSON: (json) => GaussianMixtureModel.fromJSON(json),
};
