import { z } from 'zod';
import type { Matrix } from '../../core/Matrix';
import { fittedColumnIndices, mapColumns } from './matrixChecks';
import { TRANSFORMER_SCHEMA_VERSION, type FittedNumericTransformer } from './Transformer';
import { winsorizerParamsSchema } from './winsorizerParams';
import { checkLengths, checkSubset, finiteArray, jsonHeader, nameArray, parseTransformerJson } from './transformerJson';

const jsonSchema = z
  .object({
    ...jsonHeader('Winsorizer'),
    params: winsorizerParamsSchema,
    inputColumns: nameArray,
    columns: nameArray,
    low: finiteArray,
    high: finiteArray,
  })
  .strict();
export type WinsorizerJSON = z.infer<typeof jsonSchema>;

/** A fitted Winsorizer: per column the clip limits (the fitted lower and upper quantiles). */
export class WinsorizerModel implements FittedNumericTransformer {
  readonly kind = 'Winsorizer' as const;

  constructor(
    readonly params: WinsorizerJSON['params'],
    readonly inputColumns: readonly string[],
    readonly columns: readonly string[],
    readonly low: readonly number[],
    readonly high: readonly number[],
  ) {}

  transform(X: Matrix): Matrix {
    const who = 'WinsorizerModel.transform';
    const idx = fittedColumnIndices(X, this.inputColumns, this.columns, who);
    const { low, high } = this;
    return mapColumns(X, idx, (x, k) => (x < low[k]! ? low[k]! : x > high[k]! ? high[k]! : x));
  }

  toJSON(): WinsorizerJSON {
    return {
      schemaVersion: TRANSFORMER_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params },
      inputColumns: [...this.inputColumns],
      columns: [...this.columns],
      low: [...this.low],
      high: [...this.high],
    };
  }

  static fromJSON(json: unknown): WinsorizerModel {
    const j = parseTransformerJson(jsonSchema, json, 'Winsorizer');
    checkSubset('Winsorizer', j.columns, j.inputColumns);
    checkLengths('Winsorizer', j.columns, { low: j.low, high: j.high });
    return new WinsorizerModel(j.params, j.inputColumns, j.columns, j.low, j.high);
  }
}
