import type { Matrix } from '../../core/Matrix';

/** Version of every transformer's saved JSON. */
export const TRANSFORMER_SCHEMA_VERSION = 1;

/** Saved form shared by all transformers: schema version and kind, then the model's own fields. */
export interface TransformerJSON {
  schemaVersion: typeof TRANSFORMER_SCHEMA_VERSION;
  /** The name the transformer is registered under (TRANSFORMERS). */
  kind: string;
}

/**
 * A fitted numeric transformer (what `fit` returns). It transforms matrices with exactly the
 * columns it was fitted on; columns outside its `columns` subset pass through unchanged.
 */
export interface FittedNumericTransformer {
  /** The name the transformer is registered under (TRANSFORMERS). */
  readonly kind: string;
  /** Every column of the matrix the model was fitted on, in order. */
  readonly inputColumns: readonly string[];
  /** The columns it changes (a subset of inputColumns). */
  readonly columns: readonly string[];
  transform(X: Matrix): Matrix;
  toJSON(): TransformerJSON;
}
