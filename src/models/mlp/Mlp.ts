import type { Matrix } from '../../core/Matrix';
import { usageError } from '../../core/errors';
import type { BinaryLabels, FitOptions } from '../ModelEntry';
import { loadTensorflow, type TfBackendChoice } from '../tfBackend';
import { MlpModel } from './MlpModel';
import { stratifiedSplit } from './stratifiedSplit';
import { resolveMlpParams, type MlpParams, type ResolvedMlpParams } from './mlpParams';
import { trainMlp, type TrainSet } from './trainMlp';
import { validateMlpInput } from './validateMlpInput';

const WHO = 'MLP.fit';

/**
 * Multi-layer perceptron for a binary target, trained with TensorFlow.js (tfjs-node if it loads, else wasm,
 * else cpu; the backend used is saved in the model). Inputs are standardised inside; NaN is refused (impute first).
 */
export class Mlp {
  readonly params: ResolvedMlpParams;

  constructor(params: MlpParams = {}) {
    this.params = resolveMlpParams(params);
  }

  async fit(X: Matrix, y: BinaryLabels, options: FitOptions = {}): Promise<MlpModel> {
    const input = validateMlpInput(X, y, options, WHO);
    const { params } = this;
    const { rows, cols } = X;
    const { means, scales } = standardisation(X);
    const weight = rowWeights(input.y, input.sampleWeight, params.classWeight);

    let trainRows: Int32Array;
    let valSet: TrainSet | undefined;
    if (input.validation) {
      trainRows = allRows(rows);
      const v = input.validation;
      valSet = trainSet(v.X, allRows(v.X.rows), v.y, rowWeights(v.y, new Float64Array(v.X.rows).fill(1), params.classWeight), means, scales, 1);
    } else {
      const split = stratifiedSplit(input.y, params.validationFraction, params.seed);
      trainRows = split.train;
      if (split.validation.length > 0) valSet = trainSet(X, split.validation, input.y, weight, means, scales, meanOf(weight, split.validation));
    }
    const train = trainSet(X, trainRows, input.y, weight, means, scales, meanOf(weight, trainRows));

    // TensorFlow.js is one engine per process with one current backend: fits take turns, each sets its own.
    return withEngine(async () => {
      const { tf, choice } = await backendFor(params.backend);
      if (tf.getBackend() !== choice.backend && !(await tf.setBackend(choice.backend))) throw new Error(`TensorFlow.js backend ${choice.backend} could not be set`);
      const { layers, training } = await trainMlp(tf, train, valSet, cols, params, options.onProgress);
      return new MlpModel(X.columns, params, { backend: choice.backend, tfjsVersion: choice.tfjsVersion, tried: choice.tried.map((t) => ({ ...t })) }, means, scales, layers, training);
    });
  }
}

let engineTurn: Promise<unknown> = Promise.resolve();
function withEngine<T>(fn: () => Promise<T>): Promise<T> {
  const run = engineTurn.then(fn, fn);
  engineTurn = run.catch(() => undefined);
  return run;
}

async function backendFor(backend: ResolvedMlpParams['backend']): Promise<{ tf: typeof import('@tensorflow/tfjs'); choice: TfBackendChoice }> {
  if (backend === 'auto') return loadTensorflow();
  try {
    return await loadTensorflow(backend);
  } catch (err) {
    throw usageError(WHO, `the TensorFlow.js backend '${backend}' cannot be loaded here (${(err as Error).message.split('\n')[0]})`, "use backend 'auto', which falls back to what loads");
  }
}

/** Column means and standard deviations (1 for a constant column, which then stays 0 after centring). */
function standardisation(X: Matrix): { means: Float64Array; scales: Float64Array } {
  const { data, rows, cols } = X;
  const means = new Float64Array(cols);
  const scales = new Float64Array(cols);
  for (let i = 0, p = 0; i < rows; i++) for (let j = 0; j < cols; j++, p++) means[j] += data[p]!;
  for (let j = 0; j < cols; j++) means[j] /= rows;
  for (let i = 0, p = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, p++) {
      const d = data[p]! - means[j]!;
      scales[j] += d * d;
    }
  }
  for (let j = 0; j < cols; j++) {
    const sd = Math.sqrt(scales[j]! / rows);
    scales[j] = sd > 1e-12 * Math.max(1, Math.abs(means[j]!)) ? sd : 1;
  }
  return { means, scales };
}

/** Sample weight × class weight per row. */
function rowWeights(y: Uint8Array, sampleWeight: Float64Array, classWeight: ResolvedMlpParams['classWeight']): Float64Array {
  let perClass = [1, 1];
  if (classWeight === 'balanced') {
    const n = [0, 0];
    for (let i = 0; i < y.length; i++) n[y[i]!]!++;
    perClass = [y.length / (2 * n[0]!), y.length / (2 * n[1]!)];
  } else if (classWeight !== 'none') {
    perClass = [classWeight[0], classWeight[1]];
  }
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = sampleWeight[i]! * perClass[y[i]!]!;
  return out;
}

function allRows(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function meanOf(w: Float64Array, rows: Int32Array): number {
  let s = 0;
  for (let k = 0; k < rows.length; k++) s += w[rows[k]!]!;
  return s / rows.length;
}

/** The chosen rows standardised into float32, weights divided by `norm` (their mean, so the loss scale does not depend on the weights' units). */
function trainSet(X: Matrix, rowsOf: Int32Array, y: Uint8Array, w: Float64Array, means: Float64Array, scales: Float64Array, norm: number): TrainSet {
  const { data, cols } = X;
  const n = rowsOf.length;
  const out = new Float32Array(n * cols);
  const labels = new Float32Array(n);
  const weights = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const i = rowsOf[k]!;
    for (let j = 0; j < cols; j++) out[k * cols + j] = (data[i * cols + j]! - means[j]!) / scales[j]!;
    labels[k] = y[i]!;
    weights[k] = w[i]! / norm;
  }
  return { X: out, rows: n, y: labels, w: weights };
}
