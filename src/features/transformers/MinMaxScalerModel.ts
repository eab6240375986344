import { z } from 'zod';
import type { Matrix } from '../../core/Matrix';
import { affineColumns, fittedColumnIndices, inverseAffineColumns } from './matrixChecks';
import { TRANSFORMER_SCHEMA_VERSION, type FittedNumericTransformer } from './Transformer';
import { minMaxScalerParamsSchema } from './minMaxScalerParams';
import { checkLengths, checkSubset, finiteArray, jsonHeader, nameArray, parseTransformerJson } from './transformerJson';

const jsonSchema = z
  .object({
    ...jsonHeader('MinMaxScaler'),
    params: minMaxScalerParamsSchema,
    inputColumns: nameArray,
    columns: nameArray,
    min: finiteArray,
    max: finiteArray,
  })
  .strict();
export type MinMaxScalerJSON = z.infer<typeof jsonSchema>;

/** A fitted MinMaxScaler: per column the fitted min and max. */
export class MinMaxScalerModel implements FittedNumericTransformer {
  readonly kind = 'MinMaxScaler' as const;
  private readonly range: number[];
  private readonly width: number[];
  private readonly low: number[];

  constructor(
    readonly params: MinMaxScalerJSON['params'],
    readonly inputColumns: readonly string[],
    readonly columns: readonly string[],
    readonly min: readonly number[],
    readonly max: readonly number[],
  ) {
    const [a, b] = params.featureRange;
    // max - min overflows for a column spanning more than 1.8e308 (e.g. [-1e308, 1e308]): divide
    // by half the range and multiply by half the width instead, the same ratio in finite numbers.
    const wide = min.map((lo, k) => max[k]! - lo === Infinity);
    this.range = min.map((lo, k) => (wide[k] ? max[k]! * 0.5 - lo * 0.5 : max[k]! - lo > 0 ? max[k]! - lo : 1));
    this.width = min.map((_, k) => (wide[k] ? (b - a) * 0.5 : b - a));
    this.low = min.map(() => a);
  }

  transform(X: Matrix): Matrix {
    const idx = this.check(X, 'MinMaxScalerModel.transform');
    const out = affineColumns(X, idx, this.min, this.range, this.width, this.low, 'MinMaxScalerModel.transform');
    if (this.params.clip) {
      const [a, b] = this.params.featureRange;
      for (const j of idx) {
        for (let i = 0; i < out.rows; i++) {
          const p = i * out.cols + j;
          out.data[p] = Math.min(b, Math.max(a, out.data[p]!));
        }
      }
    }
    return out;
  }

  inverseTransform(X: Matrix): Matrix {
    const idx = this.check(X, 'MinMaxScalerModel.inverseTransform');
    return inverseAffineColumns(X, idx, this.min, this.range, this.width, this.low, 'MinMaxScalerModel.inverseTransform');
  }

  toJSON(): MinMaxScalerJSON {
    return {
      schemaVersion: TRANSFORMER_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params, featureRange: [this.params.featureRange[0], this.params.featureRange[1]] },
      inputColumns: [...this.inputColumns],
      columns: [...this.columns],
      min: [...this.min],
      max: [...this.max],
    };
  }

  static fromJSON(json: unknown): MinMaxScalerModel {
    const j = parseTransformerJson(jsonSchema, json, 'MinMaxScaler');
    checkSubset('MinMaxScaler', j.columns, j.inputColumns);
    checkLengths('MinMaxScaler', j.columns, { min: j.min, max: j.max });
    return new MinMaxScalerModel(j.params, j.inputColumns, j.columns, j.min, j.max);
  }

  private check(X: Matrix, who: string): number[] {
    return fittedColumnIndices(X, this.inputColumns, this.columns, who);
  }
}
