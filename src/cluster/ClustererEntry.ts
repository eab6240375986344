import type { z } from 'zod';
import type { Matrix } from '../core/Matrix';
import type { RegistryEntry } from '../core/Registry';
import type { MixedMatrix } from './CategoricalMatrix';
import type { ClusterModel, FitOptions } from './ClusterModel';

/** What a clusterer fits: a numeric Matrix, or numeric and categorical columns of the same rows (a MixedMatrix). */
export type ClusterInputKind = 'numeric' | 'mixed';
export type ClusterInputOf<A extends ClusterInputKind> = A extends 'mixed' ? MixedMatrix : Matrix;

/**
 * A clustering algorithm as registered in CLUSTERERS: its metadata (RegistryEntry), how to build its
 * estimator from params and how to restore its saved model. The run config, the cluster stage and the
 * contract tests read nothing else.
 */
export interface ClustererEntry<
  Name extends string = string,
  Params extends z.AnyZodObject = z.AnyZodObject,
  Accepts extends ClusterInputKind = ClusterInputKind,
  Model extends ClusterModel<ClusterInputOf<Accepts>> = ClusterModel<ClusterInputOf<Accepts>>,
> extends RegistryEntry<Name, Params, Accepts> {
  /** Whether it may label rows NOISE (-1) rather than put every row in a cluster. */
  readonly noise: boolean;
  /** The params the run config sets under `cluster:` (k and seed come from the stage when `params` has them). */
  readonly configParams: readonly (keyof Params['shape'] & string)[];
  /** A new estimator; its constructor validates the params against `params`. */
  create(params: z.input<Params>): { fit(X: ClusterInputOf<Accepts>, options?: FitOptions): Model };
  /** Restore a saved model (the JSON its toJSON wrote). */
  fromJSON(json: unknown): Model;
}

/** A registered clusterer without its literal types: what code that iterates the registry (the stage, tests) works with. */
export interface AnyClustererEntry extends RegistryEntry<string, z.AnyZodObject, ClusterInputKind> {
  readonly noise: boolean;
  readonly configParams: readonly string[];
  create(params: Record<string, unknown>): { fit(X: Matrix | MixedMatrix, options?: FitOptions): ClusterModel<Matrix | MixedMatrix> };
  fromJSON(json: unknown): ClusterModel<Matrix | MixedMatrix>;
}
