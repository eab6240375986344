import type { ClustererEntry } from '../ClustererEntry';
import { KMeans } from './KMeans';
import { KMeansModel } from './KMeansModel';
import { kmeansParamsSchema, type KMeansParams } from './kmeansParams';

export const kmeansEntry: ClustererEntry<'kmeans', typeof kmeansParamsSchema, 'numeric', KMeansModel> = {
  name: 'kmeans',
  description: 'k-means: greedy k-means++ starts, Lloyd iterations accelerated by Hamerly or Elkan bounds, the best of nInit runs; sample weights; worker threads on large inputs.',
  params: kmeansParamsSchema,
  accepts: 'numeric',
  noise: false,
  configParams: ['nInit'],
  create: (params) => new KMeans(params as KMeansParams),
  fromJSON: (json) => KMeansModel.fromJSON(json),
};
