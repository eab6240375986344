import type { z } from 'zod';
import type { Matrix } from '../core/Matrix';
import type { RegistryEntry } from '../core/Registry';

/** A fitted decomposition: scores of new rows, and its saved form. */
export interface FittedDecomposition {
  readonly kind: string;
  transform(X: Matrix): Matrix;
  toJSON(): { schemaVersion: number; kind: string };
}

/** A decomposition as registered in DECOMPOSITIONS: its metadata, how to build it and restore its saved model. */
export interface DecompositionEntry<Name extends string = string, Params extends z.AnyZodObject = z.AnyZodObject, Model extends FittedDecomposition = FittedDecomposition>
  extends RegistryEntry<Name, Params, 'numeric'> {
  /** A new estimator; its constructor validates the params against `params`. */
  create(params: z.input<Params>): { fit(X: Matrix): Model };
  /** Restore a saved model (the JSON its toJSON wrote). */
  fromJSON(json: unknown): Model;
}
