import { assertUnreachable } from '../../core/assertUnreachable';
import { UsageError } from '../../core/errors';
import { Log1pTransformerModel } from './Log1pTransformerModel';
import { MinMaxScalerModel } from './MinMaxScalerModel';
import { OneHotEncoderModel } from './OneHotEncoderModel';
import { RobustScalerModel } from './RobustScalerModel';
import { SimpleImputerModel } from './SimpleImputerModel';
import { StandardScalerModel } from './StandardScalerModel';
import type { TransformerKind } from './Transformer';
import { WinsorizerModel } from './WinsorizerModel';

export type FittedTransformer =
  | StandardScalerModel
  | RobustScalerModel
  | MinMaxScalerModel
  | Log1pTransformerModel
  | WinsorizerModel
  | SimpleImputerModel
  | OneHotEncoderModel;

const KINDS: readonly TransformerKind[] = ['StandardScaler', 'RobustScaler', 'MinMaxScaler', 'Log1pTransformer', 'Winsorizer', 'SimpleImputer', 'OneHotEncoder'];

/** Restore any saved transformer by its `kind` (e.g. a pipeline's list of steps). */
export function transformerFromJSON(json: unknown): FittedTransformer {
  const value = typeof json === 'string' ? safeParse(json) : json;
  const kind = value && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
  if (!KINDS.includes(kind as TransformerKind)) {
    throw new UsageError(`Invalid transformer JSON: kind is ${JSON.stringify(kind)}, expected one of ${KINDS.join(', ')}.`);
  }
  const k = kind as TransformerKind;
  switch (k) {
    case 'StandardScaler':
      return StandardScalerModel.fromJSON(value);
    case 'RobustScaler':
      return RobustScalerModel.fromJSON(value);
    case 'MinMaxScaler':
      return MinMaxScalerModel.fromJSON(value);
    case 'Log1pTransformer':
      return Log1pTransformerModel.fromJSON(value);
    case 'Winsorizer':
      return WinsorizerModel.fromJSON(value);
    case 'SimpleImputer':
      return SimpleImputerModel.fromJSON(value);
    case 'OneHotEncoder':
      return OneHotEncoderModel.fromJSON(value);
    default:
      return assertUnreachable(k, 'transformer kind');
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`Invalid transformer JSON: ${(err as Error).message}.`);
  }
}
