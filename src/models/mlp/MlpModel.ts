import { z } from 'zod';
import { checkFiniteMatrix } from '../../core/checkFiniteMatrix';
import { checkFittedColumns } from '../../core/checkFittedColumns';
import type { Matrix } from '../../core/Matrix';
import { savedJsonError } from '../../core/errors';
import { parseSavedJson } from '../../core/parseSavedJson';
import type { FittedModel } from '../ModelEntry';
import { mlpParamsSchema, resolveMlpParams, type ResolvedMlpParams } from './mlpParams';

export const MLP_SCHEMA_VERSION = 1;

/** One dense layer as TensorFlow.js holds it: weights row-major [inputs × outputs], one bias per output. */
export interface MlpLayer {
  inputs: number;
  outputs: number;
  weights: Float64Array;
  biases: Float64Array;
}

/** Which TensorFlow.js trained the model (results differ in the last float bits between backends): for the manifest. */
export interface MlpBackendInfo {
  backend: 'tensorflow' | 'wasm' | 'cpu';
  tfjsVersion: string;
  /** Each backend tried, in order, with why it was not used. */
  tried: { backend: 'tensorflow' | 'wasm' | 'cpu'; ok: boolean; reason?: string }[];
}

/** How training went, for the model card: the loss per epoch and where it stopped. */
export interface MlpTraining {
  /** Epochs run (<= maxEpochs). */
  epochs: number;
  /** 1-based epoch whose weights were kept (the lowest validation loss; the last epoch without validation). */
  bestEpoch: number;
  /** Whether patience ran out before maxEpochs. */
  stoppedEarly: boolean;
  /** Weighted mean log loss of the training rows per epoch (while training: dropout on, weights moving; no L2 term). */
  loss: number[];
  /** Weighted mean log loss of the validation rows after each epoch, or null when there were none. */
  validationLoss: number[] | null;
  trainRows: number;
  validationRows: number;
}

const finite = z.number().finite();
const backendName = z.enum(['tensorflow', 'wasm', 'cpu']);
const jsonSchema = z
  .object({
    schemaVersion: z.literal(MLP_SCHEMA_VERSION),
    kind: z.literal('mlp'),
    featureNames: z.array(z.string()).min(1),
    params: mlpParamsSchema,
    backend: z.object({ backend: backendName, tfjsVersion: z.string(), tried: z.array(z.object({ backend: backendName, ok: z.boolean(), reason: z.string().optional() }).strict()) }).strict(),
    /** Standardisation of the inputs: (x - mean) / scale. */
    means: z.array(finite),
    scales: z.array(finite.positive()),
    layers: z.array(z.object({ inputs: z.number().int().min(1), outputs: z.number().int().min(1), weights: z.array(finite), biases: z.array(finite) }).strict()).min(1),
    training: z
      .object({
        epochs: z.number().int().min(1),
        bestEpoch: z.number().int().min(1),
        stoppedEarly: z.boolean(),
        loss: z.array(finite),
        validationLoss: z.array(finite).nullable(),
        trainRows: z.number().int().min(1),
        validationRows: z.number().int().min(0),
      })
      .strict(),
  })
  .strict();
export type MlpJSON = z.infer<typeof jsonSchema>;

/**
 * A fitted multi-layer perceptron. Scoring runs here in plain TypeScript on Float64Array from the saved
 * weights (standardise, dense + relu per hidden layer, one linear output = the log-odds): synchronous, no
 * TensorFlow.js needed, the same numbers whichever backend trained it.
 */
export class MlpModel implements FittedModel {
  readonly kind = 'mlp' as const;

  constructor(
    readonly featureNames: readonly string[],
    readonly params: ResolvedMlpParams,
    readonly backend: MlpBackendInfo,
    readonly means: Float64Array,
    readonly scales: Float64Array,
    readonly layers: readonly MlpLayer[],
    readonly training: MlpTraining,
  ) {}

  /** P(y = 1) per row: the logistic of decisionFunction. */
  predictProba(X: Matrix): Float64Array {
    const z = this.score(X, 'MLP.predictProba');
    for (let i = 0; i < z.length; i++) z[i] = 1 / (1 + Math.exp(-z[i]!));
    return z;
  }

  /** The log-odds per row (the output unit before the sigmoid). */
  decisionFunction(X: Matrix): Float64Array {
    return this.score(X, 'MLP.decisionFunction');
  }

  private score(X: Matrix, who: string): Float64Array {
    checkFittedColumns(X.columns, this.featureNames, who);
    checkFiniteMatrix(X, who, { minRows: 0, fix: 'impute or drop missing and infinite values before scoring' });
    return this.logits(X);
  }

  /** The forward pass, one row at a time through two scratch buffers (inputs already checked). */
  private logits(X: Matrix): Float64Array {
    const { data, rows, cols } = X;
    const { means, scales, layers } = this;
    const widest = Math.max(cols, ...layers.map((l) => l.outputs));
    let a = new Float64Array(widest);
    let b = new Float64Array(widest);
    const out = new Float64Array(rows);
    const last = layers.length - 1;
    for (let i = 0, p = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++, p++) a[j] = (data[p]! - means[j]!) / scales[j]!;
      for (let l = 0; l <= last; l++) {
        const { inputs, outputs, weights: W, biases } = layers[l]!;
        for (let o = 0; o < outputs; o++) b[o] = biases[o]!;
        for (let k = 0; k < inputs; k++) {
          const ak = a[k]!;
          if (ak === 0) continue;
          const row = k * outputs;
          for (let o = 0; o < outputs; o++) b[o] += ak * W[row + o]!;
        }
        if (l < last) for (let o = 0; o < outputs; o++) if (!(b[o]! > 0)) b[o] = 0;
        const t = a;
        a = b;
        b = t;
      }
      out[i] = a[0]!;
    }
    return out;
  }

  toJSON(): MlpJSON {
    return {
      schemaVersion: MLP_SCHEMA_VERSION,
      kind: this.kind,
      featureNames: [...this.featureNames],
      params: { ...this.params, hiddenLayers: [...this.params.hiddenLayers], classWeight: typeof this.params.classWeight === 'string' ? this.params.classWeight : { ...this.params.classWeight } },
      backend: { ...this.backend, tried: this.backend.tried.map((t) => ({ ...t })) },
      means: Array.from(this.means),
      scales: Array.from(this.scales),
      layers: this.layers.map((l) => ({ inputs: l.inputs, outputs: l.outputs, weights: Array.from(l.weights), biases: Array.from(l.biases) })),
      training: { ...this.training, loss: [...this.training.loss], validationLoss: this.training.validationLoss && [...this.training.validationLoss] },
    };
  }

  /** Restore a saved model (object or JSON text); a malformed field or inconsistent shape is named in the error. */
  static fromJSON(json: unknown): MlpModel {
    const j = parseSavedJson(jsonSchema, json, 'MLP');
    const params = resolveMlpParams(j.params, 'MLP JSON');
    const d = j.featureNames.length;
    if (j.means.length !== d || j.scales.length !== d) throw savedJsonError('MLP', `means and scales need ${d} values each (one per feature), got ${j.means.length} and ${j.scales.length}`);
    const widths = [d, ...params.hiddenLayers, 1];
    if (j.layers.length !== widths.length - 1) throw savedJsonError('MLP', `layers has ${j.layers.length} entries, expected ${widths.length - 1} for hiddenLayers [${params.hiddenLayers.join(', ')}]`);
    const layers = j.layers.map((l, i): MlpLayer => {
      const [inputs, outputs] = [widths[i]!, widths[i + 1]!];
      if (l.inputs !== inputs || l.outputs !== outputs || l.weights.length !== inputs * outputs || l.biases.length !== outputs) {
        throw savedJsonError('MLP', `layers.${i} must be ${inputs} × ${outputs} with ${inputs * outputs} weights and ${outputs} biases`);
      }
      return { inputs, outputs, weights: Float64Array.from(l.weights), biases: Float64Array.from(l.biases) };
    });
    const t = j.training;
    if (t.loss.length !== t.epochs || (t.validationLoss && t.validationLoss.length !== t.epochs) || t.bestEpoch > t.epochs) {
      throw savedJsonError('MLP', `training curve does not match its ${t.epochs} epochs`);
    }
    return new MlpModel(j.featureNames, params, j.backend, Float64Array.from(j.means), Float64Array.from(j.scales), layers, t);
  }
}
