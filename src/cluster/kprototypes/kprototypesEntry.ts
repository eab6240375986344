import type { ClustererEntry } from '../ClustererEntry';
import { KPrototypes } from './KPrototypes';
import { KPrototypesModel } from './KPrototypesModel';
import { kprototypesParamsSchema } from './kprototypesParams';

export const kprototypesEntry: ClustererEntry<'kprototypes', typeof kprototypesParamsSchema, 'mixed', KPrototypesModel> = {
  name: 'kprototypes',
  description: 'k-prototypes (Huang): numeric means and categorical modes, cost = squared distance + gamma × mismatches; for numeric and categorical features together.',
  params: kprototypesParamsSchema,
  accepts: 'mixed',
  noise: false,
  configParams: ['nInit', 'gamma'],
  create: (params) => new KPrototypes(params),
  fromJSON: (json) => KPrototypesModel.fromJSON(json),
};
