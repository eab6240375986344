import { z } from 'zod';
import type { Matrix } from '../../core/Matrix';
import { affineColumns, fittedColumnIndices, inverseAffineColumns } from './matrixChecks';
import { TRANSFORMER_SCHEMA_VERSION, type FittedNumericTransformer } from './Transformer';
import { robustScalerParamsSchema } from './robustScalerParams';
import { checkLengths, checkSubset, finiteArray, jsonHeader, nameArray, parseTransformerJson } from './transformerJson';

const jsonSchema = z
  .object({
    ...jsonHeader('RobustScaler'),
    params: robustScalerParamsSchema,
    inputColumns: nameArray,
    columns: nameArray,
    center: finiteArray,
    scale: z.array(z.number().finite().positive()),
  })
  .strict();
export type RobustScalerJSON = z.infer<typeof jsonSchema>;

/** A fitted RobustScaler: per column the median subtracted and the inter-quantile range divided by. */
export class RobustScalerModel implements FittedNumericTransformer {
  readonly kind = 'RobustScaler' as const;

  constructor(
    readonly params: RobustScalerJSON['params'],
    readonly inputColumns: readonly string[],
    readonly columns: readonly string[],
    readonly center: readonly number[],
    readonly scale: readonly number[],
  ) {}

  transform(X: Matrix): Matrix {
    const idx = this.check(X, 'RobustScalerModel.transform');
    return affineColumns(X, idx, this.center, this.scale, undefined, undefined, 'RobustScalerModel.transform');
  }

  inverseTransform(X: Matrix): Matrix {
    const idx = this.check(X, 'RobustScalerModel.inverseTransform');
    return inverseAffineColumns(X, idx, this.center, this.scale, undefined, undefined, 'RobustScalerModel.inverseTransform');
  }

  toJSON(): RobustScalerJSON {
    return {
      schemaVersion: TRANSFORMER_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params, quantileRange: [this.params.quantileRange[0], this.params.quantileRange[1]] },
      inputColumns: [...this.inputColumns],
      columns: [...this.columns],
      center: [...this.center],
      scale: [...this.scale],
    };
  }

  static fromJSON(json: unknown): RobustScalerModel {
    const j = parseTransformerJson(jsonSchema, json, 'RobustScaler');
    checkSubset('RobustScaler', j.columns, j.inputColumns);
    checkLengths('RobustScaler', j.columns, { center: j.center, scale: j.scale });
    return new RobustScalerModel(j.params, j.inputColumns, j.columns, j.center, j.scale);
  }

  private check(X: Matrix, who: string): number[] {
    return fittedColumnIndices(X, this.inputColumns, this.columns, who);
  }
}
