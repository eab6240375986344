import type { z } from 'zod';
import type { Matrix } from '../core/Matrix';
import type { RegistryEntry } from '../core/Registry';

/** The model families of the churn and propensity layer (registered in MODELS, models/models.ts). */
export type ModelName = 'logistic-regression' | 'hist-gradient-boosting' | 'random-forest' | 'mlp';

/** Binary labels: 1 = the event (churned, responded), 0 = not. Whole numbers 0/1 only. */
export type BinaryLabels = Uint8Array | Int32Array | readonly number[];

/** What a fit may take beside X and y. */
export interface FitOptions {
  /** One non-negative finite weight per row (class weights are a param, multiplied in). */
  sampleWeight?: Float64Array | readonly number[];
  /** Held-out rows for early stopping (when absent, an estimator that stops early splits its own, seeded). */
  validation?: { X: Matrix; y: BinaryLabels };
  /** Called with a fraction in [0, 1] and a short phrase, so long fits never look hung. */
  onProgress?: (fraction: number, what: string) => void;
}

/**
 * A fitted churn / propensity model: a probability of the event per row, a raw score (log-odds for the
 * logistic and boosted models, log-odds of the averaged probability for the forest), and its saved form.
 * predictProba is synchronous so scoring a million customers needs no event loop turns.
 */
export interface FittedModel {
  readonly kind: ModelName;
  /** The columns it was fitted on, in order (predict checks X against them: core/checkFittedColumns). */
  readonly featureNames: readonly string[];
  /** P(y = 1) per row, each in [0, 1]. */
  predictProba(X: Matrix): Float64Array;
  /** The raw score whose logistic is predictProba (what SQL compiles to and SHAP explains). */
  decisionFunction(X: Matrix): Float64Array;
  /** JSON-safe saved form, restored by the registry entry's fromJSON to identical probabilities. */
  toJSON(): { schemaVersion: number; kind: ModelName; featureNames: readonly string[] };
}

/**
 * A model family as registered in MODELS. `fit` is asynchronous for every family (the TensorFlow.js MLP
 * cannot fit synchronously; one shape for all keeps callers and the contract suite uniform).
 * `missingValues` says what a NaN cell means: 'learned' (the histogram trees send missing values their own
 * learned direction) or 'error' (the logistic model and the MLP refuse NaN: impute first).
 */
export interface ModelEntry<Name extends ModelName = ModelName, Params extends z.AnyZodObject = z.AnyZodObject, Model extends FittedModel = FittedModel>
  extends RegistryEntry<Name, Params, 'numeric with binary labels'> {
  readonly missingValues: 'learned' | 'error';
  /** A new estimator; its constructor validates the params against `params` (core/parseParams). */
  create(params: z.input<Params>): { fit(X: Matrix, y: BinaryLabels, options?: FitOptions): Promise<Model> };
  /** Restore a saved model (the JSON its toJSON wrote); a wrong or damaged JSON is a UsageError saying what. */
  fromJSON(json: unknown): Model;
}
