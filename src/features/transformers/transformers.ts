import { Registry } from '../../core/Registry';
import { Log1pTransformer } from './Log1pTransformer';
import { Log1pTransformerModel } from './Log1pTransformerModel';
import { log1pTransformerParamsSchema, type Log1pTransformerParams } from './log1pTransformerParams';
import { MinMaxScaler } from './MinMaxScaler';
import { MinMaxScalerModel } from './MinMaxScalerModel';
import { minMaxScalerParamsSchema, type MinMaxScalerParams } from './minMaxScalerParams';
import { OneHotEncoder } from './OneHotEncoder';
import { OneHotEncoderModel } from './OneHotEncoderModel';
import { oneHotEncoderParamsSchema } from './oneHotEncoderParams';
import { RobustScaler } from './RobustScaler';
import { RobustScalerModel } from './RobustScalerModel';
import { robustScalerParamsSchema, type RobustScalerParams } from './robustScalerParams';
import { SimpleImputer } from './SimpleImputer';
import { SimpleImputerModel } from './SimpleImputerModel';
import { simpleImputerParamsSchema, type SimpleImputerParams } from './simpleImputerParams';
import { StandardScaler } from './StandardScaler';
import { StandardScalerModel } from './StandardScalerModel';
import { standardScalerParamsSchema, type StandardScalerParams } from './standardScalerParams';
import type { AnyTransformerEntry, TransformerEntry } from './TransformerEntry';
import { Winsorizer } from './Winsorizer';
import { WinsorizerModel } from './WinsorizerModel';
import { winsorizerParamsSchema, type WinsorizerParams } from './winsorizerParams';

const standardScaler: TransformerEntry<'StandardScaler', typeof standardScalerParamsSchema, 'numeric', StandardScalerModel> = {
  name: 'StandardScaler',
  description: '(x − mean) / sd per column (population sd); a constant column becomes zeros.',
  params: standardScalerParamsSchema,
  accepts: 'numeric',
  missing: 'refuse',
  invertible: true,
  create: (params) => new StandardScaler(params as StandardScalerParams),
  fromJSON: (json) => StandardScalerModel.fromJSON(json),
};

const robustScaler: TransformerEntry<'RobustScaler', typeof robustScalerParamsSchema, 'numeric', RobustScalerModel> = {
  name: 'RobustScaler',
  description: '(x − median) / inter-quantile range per column: outliers move it far less than mean and sd.',
  params: robustScalerParamsSchema,
  accepts: 'numeric',
  missing: 'refuse',
  invertible: true,
  create: (params) => new RobustScaler(params as RobustScalerParams),
  fromJSON: (json) => RobustScalerModel.fromJSON(json),
};

const minMaxScaler: TransformerEntry<'MinMaxScaler', typeof minMaxScalerParamsSchema, 'numeric', MinMaxScalerModel> = {
  name: 'MinMaxScaler',
  description: 'Each column mapped linearly onto featureRange (default [0, 1]) from its fitted minimum and maximum.',
  params: minMaxScalerParamsSchema,
  accepts: 'numeric',
  missing: 'refuse',
  invertible: true,
  create: (params) => new MinMaxScaler(params as MinMaxScalerParams),
  fromJSON: (json) => MinMaxScalerModel.fromJSON(json),
};

const log1pTransformer: TransformerEntry<'Log1pTransformer', typeof log1pTransformerParamsSchema, 'numeric', Log1pTransformerModel> = {
  name: 'Log1pTransformer',
  description: 'log(1 + x), or the signed sign(x)·log(1 + |x|), so that long right tails (spend, counts) do not dominate distances.',
  params: log1pTransformerParamsSchema,
  accepts: 'numeric',
  missing: 'refuse',
  invertible: true,
  create: (params) => new Log1pTransformer(params as Log1pTransformerParams),
  fromJSON: (json) => Log1pTransformerModel.fromJSON(json),
};

const winsorizer: TransformerEntry<'Winsorizer', typeof winsorizerParamsSchema, 'numeric', WinsorizerModel> = {
  name: 'Winsorizer',
  description: 'Each column clipped to its fitted [lower, upper] quantiles: extreme customers keep their rank at the edge.',
  params: winsorizerParamsSchema,
  accepts: 'numeric',
  missing: 'refuse',
  invertible: false,
  create: (params) => new Winsorizer(params as WinsorizerParams),
  fromJSON: (json) => WinsorizerModel.fromJSON(json),
};

const simpleImputer: TransformerEntry<'SimpleImputer', typeof simpleImputerParamsSchema, 'numeric', SimpleImputerModel> = {
  name: 'SimpleImputer',
  description: "Missing values (NaN) filled with the column's median, mean, largest value or a constant; ±Infinity is refused.",
  params: simpleImputerParamsSchema,
  accepts: 'numeric',
  missing: 'fill',
  invertible: false,
  create: (params) => new SimpleImputer(params as SimpleImputerParams),
  fromJSON: (json) => SimpleImputerModel.fromJSON(json),
};

const oneHotEncoder: TransformerEntry<'OneHotEncoder', typeof oneHotEncoderParamsSchema, 'text', OneHotEncoderModel> = {
  name: 'OneHotEncoder',
  description: 'One 0/1 column per category of each text column ("column=value"), rare categories grouped, missing a category of its own.',
  params: oneHotEncoderParamsSchema,
  accepts: 'text',
  missing: 'category',
  invertible: false,
  create: (params) => new OneHotEncoder(params),
  fromJSON: (json) => OneHotEncoderModel.fromJSON(json),
};

/** Every transformer, registered once: saved transformers are restored by their `kind` through this. */
export const TRANSFORMERS = new Registry('transformer', [standardScaler, robustScaler, minMaxScaler, log1pTransformer, winsorizer, simpleImputer, oneHotEncoder]);

type Entries = ReturnType<(typeof TRANSFORMERS)['list']>[number];
/** The registered transformer names: the `kind` of their saved JSON. */
export type TransformerKind = Entries['name'];
export type NumericTransformerKind = Extract<Entries, { accepts: 'numeric' }>['name'];
/** Any fitted transformer, as transformerFromJSON returns it. */
export type FittedTransformer = ReturnType<Entries['fromJSON']>;

/** Every registered transformer, without their literal types. */
export function transformerEntries(): readonly AnyTransformerEntry[] {
  return TRANSFORMERS.list() as unknown as readonly AnyTransformerEntry[];
}
