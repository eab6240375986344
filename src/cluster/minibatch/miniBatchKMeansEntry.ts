import type { ClustererEntry } from '../ClustererEntry';
import { MiniBatchKMeans } from './MiniBatchKMeans';
import { miniBatchKMeansParamsSchema, type MiniBatchKMeansParams } from './miniBatchKMeansParams';
import { MiniBatchKMeansModel } from './MiniBatchKMeansModel';

export const miniBatchKMeansEntry: ClustererEntry<'minibatch-kmeans', typeof miniBatchKMeansParamsSchema, 'numeric', MiniBatchKMeansModel> = {
  name: 'minibatch-kmeans',
  description: 'Mini-batch k-means (Sculley 2010): each start refined by k-means on its sample, then trained on random batches; for inputs too large for k-means sweeps.',
  params: miniBatchKMeansParamsSchema,
  accepts: 'numeric',
  noise: false,
  configParams: ['nInit'],
  create: (params) => new MiniBatchKMeans(params as MiniBatchKMeansParams),
  fromJSON: (json) => MiniBatchKMeansModel.fromJSON(json),
};
