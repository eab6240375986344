import { z } from 'zod';
import type { Matrix } from '../../core/Matrix';
import { assertFiniteColumns, fittedColumnIndices, mapColumns } from './matrixChecks';
import { simpleImputerParamsSchema } from './simpleImputerParams';
import { TRANSFORMER_SCHEMA_VERSION, type FittedNumericTransformer } from './Transformer';
import { checkLengths, checkSubset, finiteArray, jsonHeader, nameArray, parseTransformerJson } from './transformerJson';

const jsonSchema = z
  .object({
    ...jsonHeader('SimpleImputer'),
    params: simpleImputerParamsSchema,
    inputColumns: nameArray,
    columns: nameArray,
    fill: finiteArray,
  })
  .strict();
export type SimpleImputerJSON = z.infer<typeof jsonSchema>;

/** A fitted SimpleImputer: per column the value that replaces NaN. */
export class SimpleImputerModel implements FittedNumericTransformer {
  readonly kind = 'SimpleImputer' as const;

  constructor(
    readonly params: SimpleImputerJSON['params'],
    readonly inputColumns: readonly string[],
    readonly columns: readonly string[],
    readonly fill: readonly number[],
  ) {}

  transform(X: Matrix): Matrix {
    const who = 'SimpleImputerModel.transform';
    const idx = fittedColumnIndices(X, this.inputColumns, this.columns, who, false);
    // NaN is missing and filled; ±Infinity is never missing (as in fit): an error naming column and row.
    assertFiniteColumns(X, idx, who, undefined, true);
    const { fill } = this;
    return mapColumns(X, idx, (x, k) => (Number.isNaN(x) ? fill[k]! : x));
  }

  toJSON(): SimpleImputerJSON {
    return {
      schemaVersion: TRANSFORMER_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params },
      inputColumns: [...this.inputColumns],
      columns: [...this.columns],
      fill: [...this.fill],
    };
  }

  static fromJSON(json: unknown): SimpleImputerModel {
    const j = parseTransformerJson(jsonSchema, json, 'SimpleImputer');
    checkSubset('SimpleImputer', j.columns, j.inputColumns);
    checkLengths('SimpleImputer', j.columns, { fill: j.fill });
    return new SimpleImputerModel(j.params, j.inputColumns, j.columns, j.fill);
  }
}
