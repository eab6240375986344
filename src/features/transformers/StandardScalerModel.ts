import { z } from 'zod';
import type { Matrix } from '../../core/Matrix';
import { affineColumns, fittedColumnIndices, inverseAffineColumns } from './matrixChecks';
import { TRANSFORMER_SCHEMA_VERSION, type FittedNumericTransformer } from './Transformer';
import { standardScalerParamsSchema } from './standardScalerParams';
import { checkLengths, checkSubset, finiteArray, jsonHeader, nameArray, parseTransformerJson } from './transformerJson';

const jsonSchema = z
  .object({
    ...jsonHeader('StandardScaler'),
    params: standardScalerParamsSchema,
    inputColumns: nameArray,
    columns: nameArray,
    mean: finiteArray,
    scale: z.array(z.number().finite().positive()),
  })
  .strict();
export type StandardScalerJSON = z.infer<typeof jsonSchema>;

/** A fitted StandardScaler: per column the mean subtracted and the scale divided by. */
export class StandardScalerModel implements FittedNumericTransformer {
  readonly kind = 'StandardScaler' as const;

  constructor(
    readonly params: StandardScalerJSON['params'],
    readonly inputColumns: readonly string[],
    readonly columns: readonly string[],
    readonly mean: readonly number[],
    readonly scale: readonly number[],
  ) {}

  transform(X: Matrix): Matrix {
    const idx = this.check(X, 'StandardScalerModel.transform');
    return affineColumns(X, idx, this.mean, this.scale, undefined, undefined, 'StandardScalerModel.transform');
  }

  inverseTransform(X: Matrix): Matrix {
    const idx = this.check(X, 'StandardScalerModel.inverseTransform');
    return inverseAffineColumns(X, idx, this.mean, this.scale, undefined, undefined, 'StandardScalerModel.inverseTransform');
  }

  toJSON(): StandardScalerJSON {
    return {
      schemaVersion: TRANSFORMER_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params },
      inputColumns: [...this.inputColumns],
      columns: [...this.columns],
      mean: [...this.mean],
      scale: [...this.scale],
    };
  }

  static fromJSON(json: unknown): StandardScalerModel {
    const j = parseTransformerJson(jsonSchema, json, 'StandardScaler');
    checkSubset('StandardScaler', j.columns, j.inputColumns);
    checkLengths('StandardScaler', j.columns, { mean: j.mean, scale: j.scale });
    return new StandardScalerModel(j.params, j.inputColumns, j.columns, j.mean, j.scale);
  }

  private check(X: Matrix, who: string): number[] {
    return fittedColumnIndices(X, this.inputColumns, this.columns, who);
  }
}
