import type { z } from 'zod';
import type { Matrix } from '../../core/Matrix';
import type { RegistryEntry } from '../../core/Registry';

/** A fitted classifier: a class label per row, and its saved form. */
export interface FittedClassifier {
  readonly kind: string;
  predict(X: Matrix): Int32Array;
  toJSON(): { schemaVersion: number; kind: string };
}

/**
 * A classifier as registered in CLASSIFIERS: fits a numeric Matrix with one whole-number label per row.
 * The surrogate decision tree is the first; the churn and propensity models join it (or a registry of
 * their own in models/) with the same shape.
 */
export interface ClassifierEntry<Name extends string = string, Params extends z.AnyZodObject = z.AnyZodObject, Model extends FittedClassifier = FittedClassifier>
  extends RegistryEntry<Name, Params, 'numeric with labels'> {
  /** A new estimator; its constructor validates the params against `params`. */
  create(params: z.input<Params>): { fit(X: Matrix, y: Int32Array | readonly number[]): Model };
  /** Restore a saved model (the JSON its toJSON wrote). */
  fromJSON(json: unknown): Model;
}
