import type { ClustererEntry } from '../ClustererEntry';
import { DBSCAN } from './DBSCAN';
import { DBSCANModel } from './DBSCANModel';
import { dbscanParamsSchema } from './dbscanParams';

export const dbscanEntry: ClustererEntry<'dbscan', typeof dbscanParamsSchema, 'numeric', DBSCANModel> = {
  name: 'dbscan',
  description: 'DBSCAN on a k-d tree: density-connected groups of core points, labels identical to scikit-learn; finds its own number of clusters and labels the rest noise (-1).',
  params: dbscanParamsSchema,
  accepts: 'numeric',
  noise: true,
  configParams: ['eps', 'minSamples'],
  create: (params) => new DBSCAN(params),
  fromJSON: (json) => DBSCANModel.fromJSON(json),
};
