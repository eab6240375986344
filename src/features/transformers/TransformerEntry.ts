import type { z } from 'zod';
import type { Matrix } from '../../core/Matrix';
import type { RegistryEntry } from '../../core/Registry';
import type { StringColumns } from './OneHotEncoderModel';

/** What a transformer fits and transforms: a numeric Matrix, or named text columns (OneHotEncoder). */
export type TransformerInputKind = 'numeric' | 'text';
export type TransformerInputOf<A extends TransformerInputKind> = A extends 'text' ? StringColumns : Matrix;

/** The fitted side every transformer has. */
export interface FittedTransformerLike<In> {
  readonly kind: string;
  transform(X: In): Matrix;
  toJSON(): { schemaVersion: number; kind: string };
}

/**
 * A transformer as registered in TRANSFORMERS: its metadata (RegistryEntry), what it does with missing
 * values, whether it can be undone, how to build it and how to restore its saved model.
 */
export interface TransformerEntry<
  Name extends string = string,
  Params extends z.AnyZodObject = z.AnyZodObject,
  Accepts extends TransformerInputKind = TransformerInputKind,
  Model extends FittedTransformerLike<TransformerInputOf<Accepts>> = FittedTransformerLike<TransformerInputOf<Accepts>>,
> extends RegistryEntry<Name, Params, Accepts> {
  /** A missing value (NaN, or null text): refused naming column and row, filled (SimpleImputer), or a category of its own (OneHotEncoder). */
  readonly missing: 'refuse' | 'fill' | 'category';
  /** Its model has inverseTransform. */
  readonly invertible: boolean;
  /** A new transformer; its constructor validates the params against `params`. */
  create(params: z.input<Params>): { fit(X: TransformerInputOf<Accepts>): Model };
  /** Restore a saved model (the JSON its toJSON wrote). */
  fromJSON(json: unknown): Model;
}

/** A registered transformer without its literal types (what code that iterates the registry works with). */
export interface AnyTransformerEntry extends RegistryEntry<string, z.AnyZodObject, TransformerInputKind> {
  readonly missing: 'refuse' | 'fill' | 'category';
  readonly invertible: boolean;
  create(params: Record<string, unknown>): { fit(X: Matrix | StringColumns): FittedTransformerLike<Matrix | StringColumns> };
  fromJSON(json: unknown): FittedTransformerLike<Matrix | StringColumns>;
}
