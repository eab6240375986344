import type { Matrix } from '../core/Matrix';
import type { Progress } from '../core/progress';

/** Saved cluster models start with this; bump it when a model's JSON changes shape. */
export const CLUSTER_SCHEMA_VERSION = 1;

/** Label of a row that belongs to no cluster (DBSCAN noise). */
export const NOISE = -1;

/** Options every `fit` accepts. */
export interface FitOptions {
  /** Non-negative weight per row (default 1); algorithms that cannot use weights say so. */
  sampleWeight?: Float64Array | readonly number[];
  /** Progress of long fits (restarts, iterations). */
  progress?: Progress;
}

/**
 * A fitted clustering: what every algorithm returns from `fit`.
 * Labels are 0..k-1; only DBSCAN also uses NOISE (-1). No cluster is empty.
 * `In` is the input type: a numeric Matrix for every algorithm except k-prototypes.
 */
export interface ClusterModel<In = Matrix> {
  /** The name its algorithm is registered under (CLUSTERERS); saved models carry it as `kind`. */
  readonly kind: string;
  /** Number of clusters found (excluding noise). */
  readonly k: number;
  /** Names of the input columns, in the order predict expects them. */
  readonly columns: readonly string[];
  /** Label of every training row. */
  readonly labels: Int32Array;
  /** Assign rows with the same columns (a Matrix; k-prototypes takes a MixedMatrix). */
  predict(X: In): Int32Array;
  /** Plain JSON with schemaVersion and kind; the model's static fromJSON restores it with identical predictions. */
  toJSON(): { schemaVersion: number; kind: string; [key: string]: unknown };
}
