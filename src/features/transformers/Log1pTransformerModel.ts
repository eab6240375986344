import { z } from 'zod';
import { checkFittedColumns } from '../../core/checkFittedColumns';
import type { Matrix } from '../../core/Matrix';
import { assertFiniteColumns, assertFiniteOutput, assertMatrix, columnIndices, fittedColumnIndices, mapColumns } from './matrixChecks';
import { TRANSFORMER_SCHEMA_VERSION, type FittedNumericTransformer } from './Transformer';
import { log1pTransformerParamsSchema } from './log1pTransformerParams';
import { checkSubset, jsonHeader, nameArray, parseTransformerJson } from './transformerJson';

const jsonSchema = z
  .object({
    ...jsonHeader('Log1pTransformer'),
    params: log1pTransformerParamsSchema,
    inputColumns: nameArray,
    columns: nameArray,
  })
  .strict();
export type Log1pTransformerJSON = z.infer<typeof jsonSchema>;

/** A fitted Log1pTransformer (it only remembers which columns it applies to). */
export class Log1pTransformerModel implements FittedNumericTransformer {
  readonly kind = 'Log1pTransformer' as const;

  constructor(
    readonly params: Log1pTransformerJSON['params'],
    readonly inputColumns: readonly string[],
    readonly columns: readonly string[],
  ) {}

  transform(X: Matrix): Matrix {
    const idx = this.check(X, 'Log1pTransformerModel.transform');
    return this.params.signed
      ? mapColumns(X, idx, (x) => Math.sign(x) * Math.log1p(Math.abs(x)))
      : mapColumns(X, idx, (x) => Math.log1p(x));
  }

  inverseTransform(X: Matrix): Matrix {
    assertMatrix(X, 'Log1pTransformerModel.inverseTransform', 0);
    checkFittedColumns(X.columns, this.inputColumns, 'Log1pTransformerModel.inverseTransform');
    const idx = columnIndices(X, this.columns, 'Log1pTransformerModel.inverseTransform');
    assertFiniteColumns(X, idx, 'Log1pTransformerModel.inverseTransform');
    const out = this.params.signed
      ? mapColumns(X, idx, (y) => Math.sign(y) * Math.expm1(Math.abs(y)))
      : mapColumns(X, idx, (y) => Math.expm1(y));
    // exp overflows above y ≈ 709.78: such a y never came from a finite x.
    assertFiniteOutput(X, out.data, idx, 'Log1pTransformerModel.inverseTransform');
    return out;
  }

  /** Finite values, and > -1 unless signed. */
  checkDomain(X: Matrix, idx: readonly number[], who: string): void {
    assertFiniteColumns(X, idx, who, this.params.signed ? undefined : { test: (x) => x > -1, expected: 'a value > -1 for log(1 + x); use signed: true for negative values' });
  }

  toJSON(): Log1pTransformerJSON {
    return {
      schemaVersion: TRANSFORMER_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params },
      inputColumns: [...this.inputColumns],
      columns: [...this.columns],
    };
  }

  static fromJSON(json: unknown): Log1pTransformerModel {
    const j = parseTransformerJson(jsonSchema, json, 'Log1pTransformer');
    checkSubset('Log1pTransformer', j.columns, j.inputColumns);
    return new Log1pTransformerModel(j.params, j.inputColumns, j.columns);
  }

  private check(X: Matrix, who: string): number[] {
    const idx = fittedColumnIndices(X, this.inputColumns, this.columns, who, false);
    this.checkDomain(X, idx, who);
    return idx;
  }
}
