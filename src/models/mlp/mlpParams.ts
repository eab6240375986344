import { z } from 'zod';
import type { SearchSpace } from '../evaluation/searchParams';
import { parseParams } from '../../core/parseParams';
import { seedParam } from '../../core/seedParam';

/** Which TensorFlow.js backend trains: 'auto' (tfjs-node, else wasm, else cpu: models/tfBackend) or one forced. */
export const MLP_BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type MlpBackendParam = (typeof MLP_BACKENDS)[number];

const positive = (what: string) => z.number().finite().positive().describe(what);
const nonNegative = (what: string) => z.number().finite().min(0).describe(what);
const whole = (min: number) => z.number().int().min(min).describe(`a whole number >= ${min}`);

/** Weights per class, multiplied into the sample weights: none, n / (2 · n_class), or given. */
export const mlpClassWeightParam = z
  .union([z.enum(['none', 'balanced']), z.object({ 0: z.number().finite().min(0), 1: z.number().finite().min(0) }).strict()])
  .describe("'none', 'balanced' (n / (2 * rows of the class)), or { 0: w0, 1: w1 } with non-negative weights")
  .default('none');

/** The MLP's params, declared once: the constructor, the saved model and the run config use this schema. */
export const mlpParamsSchema = z
  .object({
    /** Widths of the hidden layers, input side first (default [32, 16]); each is dense with relu. */
    hiddenLayers: z.array(z.number().int().min(1).max(4096)).min(1).max(16).describe('1 to 16 layer widths, each a whole number from 1 to 4096').default([32, 16]),
    /** Share of each hidden layer's outputs dropped at random while training (default 0: none). */
    dropout: z.number().min(0).lt(1).describe('a number from 0 (no dropout) up to but not including 1').default(0),
    /** L2 penalty: l2 · (sum of the squared connection weights) added to the mean loss of a batch, as Keras' l2 (default 1e-4; biases are not penalised). */
    l2: nonNegative('a finite number >= 0').default(1e-4),
    /** Adam's step size (default 1e-3). */
    learningRate: positive('a finite number > 0').default(1e-3),
    /** Rows per gradient step (default 256; the last batch of an epoch may be smaller). */
    batchSize: whole(1).default(256),
    /** Most passes over the training rows (default 200). */
    maxEpochs: whole(1).default(200),
    /** Share of the rows held out, stratified and seeded, for early stopping when FitOptions.validation is absent (default 0.1; 0 trains maxEpochs without stopping early). */
    validationFraction: z.number().min(0).max(0.5).describe('a number from 0 (no early stopping) to 0.5').default(0.1),
    /** Epochs without an improvement of the validation loss before training stops; the best epoch's weights are kept (default 10). */
    patience: whole(1).default(10),
    /** An epoch improves when the validation loss falls by more than tol (default 1e-4, as scikit-learn). */
    tol: nonNegative('a finite number >= 0').default(1e-4),
    /** Class weights (default 'none'), multiplied into FitOptions.sampleWeight. */
    classWeight: mlpClassWeightParam,
    /** Seed of the initial weights, the validation split, the batch order and dropout (default DEFAULT_SEED). */
    seed: seedParam,
    /** TensorFlow.js backend that trains (default 'auto'); scoring never needs one. */
    backend: z.enum(MLP_BACKENDS).describe(`one of ${MLP_BACKENDS.join(', ')}`).default('auto'),
  })
  .strict();

export type MlpParams = z.input<typeof mlpParamsSchema>;
export type ResolvedMlpParams = z.output<typeof mlpParamsSchema>;

/** Validate MLP params (a saved model's too), defaults filled in. */
export function resolveMlpParams(params: unknown, who = 'MLP'): ResolvedMlpParams {
  return parseParams(mlpParamsSchema, params ?? {}, who);
}

/** What `models.search` draws from by default: Adam's step size, the L2 penalty and dropout. */
export const MLP_SEARCH_SPACE: SearchSpace = { learningRate: { low: 3e-4, high: 3e-3, scale: 'log' }, l2: { low: 1e-6, high: 1e-2, scale: 'log' }, dropout: [0, 0.1, 0.2] };
