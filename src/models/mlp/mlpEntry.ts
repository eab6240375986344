import type { ModelEntry } from '../ModelEntry';
import { Mlp } from './Mlp';
import { MlpModel } from './MlpModel';
import { mlpParamsSchema, type MlpParams } from './mlpParams';

export const mlpEntry: ModelEntry<'mlp', typeof mlpParamsSchema, MlpModel> = {
  name: 'mlp',
  description: 'Multi-layer perceptron (dense relu layers, Adam, L2, dropout, early stopping) trained with TensorFlow.js and scored in TypeScript from its saved weights.',
  params: mlpParamsSchema,
  accepts: 'numeric with binary labels',
  missingValues: 'error',
  create: (params) => new Mlp(params as MlpParams),
  fromJSON: (json) => MlpModel.fromJSON(json),
};
