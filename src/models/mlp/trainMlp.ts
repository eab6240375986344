import type * as TfNs from '@tensorflow/tfjs';
import { Rng } from '../../core/rng';
import { deriveSeed } from '../../core/seedParam';
import type { MlpLayer, MlpTraining } from './MlpModel';
import type { ResolvedMlpParams } from './mlpParams';

type Tf = typeof TfNs;
type Tensor = TfNs.Tensor;

/** Standardised rows in float32 (what TensorFlow.js computes in), labels and per-row weights. */
export interface TrainSet {
  X: Float32Array;
  rows: number;
  y: Float32Array;
  w: Float32Array;
}

/** Rows per forward pass when the validation loss is computed (bounds the activations held at once). */
const EVAL_CHUNK = 65536;

/**
 * Train the dense relu network with Adam on binary log loss (weighted) + l2 · Σ W², mini-batches in an order
 * drawn from the seed, early stopping on the validation loss with the best epoch's weights restored. Inputs
 * are validated and standardised by the caller; every tensor made here is disposed before it returns.
 * Initial weights (Glorot uniform) and the batch order come from core/rng, dropout masks from seeds derived
 * per step: nothing reads Math.random, so the same seed on the same backend gives the same weights.
 */
export async function trainMlp(
  tf: Tf,
  train: TrainSet,
  validation: TrainSet | undefined,
  cols: number,
  params: ResolvedMlpParams,
  onProgress?: (fraction: number, what: string) => void,
): Promise<{ layers: MlpLayer[]; training: MlpTraining }> {
  const { hiddenLayers, dropout, l2, learningRate, batchSize, maxEpochs, patience, tol, seed } = params;
  const widths = [cols, ...hiddenLayers, 1];
  const last = widths.length - 2;
  const initRng = Rng.derive(seed, 'MLP initial weights');
  const batchRng = Rng.derive(seed, 'MLP batch order');
  const dropoutSeed = deriveSeed(seed, 'MLP dropout');

  const made: Tensor[] = [];
  const keep = <T extends Tensor>(t: T): T => (made.push(t), t);
  // Every weight and bias in one variable (connection weights first, then biases): Adam then updates one
  // tensor per step instead of two per layer, and the L2 gradient is one multiply-add. Per-op overhead, not arithmetic,
  // dominates a step of 256 rows: this made a step 10-45% faster in paired runs here (wasm, loaded machine).
  const wOffset: number[] = [];
  const bOffset: number[] = [];
  let size = 0;
  for (let l = 0; l <= last; l++) (wOffset.push(size), (size += widths[l]! * widths[l + 1]!));
  const nWeights = size;
  for (let l = 0; l <= last; l++) (bOffset.push(size), (size += widths[l + 1]!));
  const init = new Float32Array(size);
  for (let l = 0; l <= last; l++) {
    const [fanIn, fanOut] = [widths[l]!, widths[l + 1]!];
    const limit = Math.sqrt(6 / (fanIn + fanOut)); // Glorot uniform; biases start at 0
    for (let i = 0; i < fanIn * fanOut; i++) init[wOffset[l]! + i] = initRng.uniform(-limit, limit);
  }
  // A variable shares its initial tensor's data: tidy disposes the initial tensor, the variable keeps the values.
  const theta = keep(tf.tidy(() => tf.variable(tf.tensor1d(init))));
  const vars = [theta];
  const l2Gradient = l2 > 0 ? keep(tf.tensor1d(new Float32Array(size).fill(2 * l2, 0, nWeights))) : undefined;
  const Xt = keep(tf.tensor2d(train.X, [train.rows, cols]));
  const yt = keep(tf.tensor1d(train.y));
  const wt = keep(tf.tensor1d(train.w));
  const val = validation && { X: keep(tf.tensor2d(validation.X, [validation.rows, cols])), y: keep(tf.tensor1d(validation.y)), w: keep(tf.tensor1d(validation.w)), rows: validation.rows, weight: sum(validation.w) };
  const trainWeight = sum(train.w);
  const optimizer = tf.train.adam(learningRate);
  let best: Tensor[] | undefined;

  const W = (l: number): Tensor => tf.reshape(tf.slice(theta, wOffset[l]!, widths[l]! * widths[l + 1]!), [widths[l]!, widths[l + 1]!]);
  const b = (l: number): Tensor => tf.slice(theta, bOffset[l]!, widths[l + 1]!);
  const forward = (x: Tensor, step: number): Tensor => {
    let h = x;
    for (let l = 0; l < last; l++) {
      h = tf.relu(tf.add(tf.matMul(h, W(l)), b(l)));
      if (step >= 0 && dropout > 0) h = tf.dropout(h, dropout, undefined, deriveSeed(dropoutSeed, `${step}/${l}`));
    }
    return tf.reshape(tf.add(tf.matMul(h, W(last)), b(last)), [-1]);
  };
  // Σ w · log loss from logits, stable for large |z|: max(z, 0) - z·y + log(1 + e^-|z|).
  const weightedLoss = (z: Tensor, y: Tensor, w: Tensor): Tensor => tf.sum(tf.mul(w, tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))))));

  const loss: number[] = [];
  const validationLoss: number[] | null = val ? [] : null;
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let waited = 0;
  let stoppedEarly = false;
  const order = new Int32Array(train.rows);
  for (let i = 0; i < order.length; i++) order[i] = i;
  let step = 0;
  try {
    for (let epoch = 1; epoch <= maxEpochs; epoch++) {
      shuffle(order, batchRng);
      let epochSum: Tensor = tf.scalar(0);
      for (let start = 0; start < train.rows; start += batchSize, step++) {
        const end = Math.min(start + batchSize, train.rows);
        const s = step;
        const next = tf.tidy(() => {
          const idx = tf.tensor1d(order.subarray(start, end), 'int32');
          const xb = tf.gather(Xt, idx);
          const yb = tf.gather(yt, idx);
          const wb = tf.gather(wt, idx);
          let data: Tensor | undefined;
          const { grads } = tf.variableGrads(() => {
            data = tf.keep(weightedLoss(forward(xb, s), yb, wb));
            return tf.div(data, end - start) as TfNs.Scalar;
          }, vars);
          // The gradient of l2 · Σ W² is 2 · l2 · W: added here rather than differentiated, two ops instead of ten.
          const g = l2Gradient ? tf.add(grads[theta.name]!, tf.mul(l2Gradient, theta)) : grads[theta.name]!;
          optimizer.applyGradients([{ name: theta.name, tensor: g }]);
          const total = tf.add(epochSum, data!);
          data!.dispose();
          return total;
        });
        epochSum.dispose();
        epochSum = next;
      }
      loss.push((await epochSum.data())[0]! / trainWeight);
      epochSum.dispose();

      let current = loss[loss.length - 1]!;
      if (val) {
        const sumTensor = tf.tidy(() => {
          let total: Tensor = tf.scalar(0);
          for (let start = 0; start < val.rows; start += EVAL_CHUNK) {
            const size = Math.min(EVAL_CHUNK, val.rows - start);
            total = tf.add(total, weightedLoss(forward(tf.slice(val.X, [start, 0], [size, cols]), -1), tf.slice(val.y, [start], [size]), tf.slice(val.w, [start], [size])));
          }
          return total;
        });
        current = (await sumTensor.data())[0]! / val.weight;
        sumTensor.dispose();
        validationLoss!.push(current);
      }
      onProgress?.(epoch / maxEpochs, `epoch ${epoch} of at most ${maxEpochs}: loss ${loss[loss.length - 1]!.toFixed(4)}${val ? `, validation loss ${current.toFixed(4)}` : ''}`);
      if (!val) continue;
      if (current < bestLoss - tol || bestEpoch === 0) {
        if (current < bestLoss) bestLoss = current;
        bestEpoch = epoch;
        waited = 0;
        best?.forEach((t) => t.dispose());
        best = vars.map((v) => tf.clone(v));
      } else if (++waited >= patience) {
        stoppedEarly = epoch < maxEpochs;
        break;
      }
    }
    const values = await (best ?? vars)[0]!.data<'float32'>();
    const layers: MlpLayer[] = [];
    for (let l = 0; l <= last; l++) {
      const [inputs, outputs] = [widths[l]!, widths[l + 1]!];
      layers.push({ inputs, outputs, weights: Float64Array.from(values.subarray(wOffset[l]!, wOffset[l]! + inputs * outputs)), biases: Float64Array.from(values.subarray(bOffset[l]!, bOffset[l]! + outputs)) });
    }
    onProgress?.(1, `trained ${loss.length} epochs${val ? `, kept epoch ${bestEpoch}` : ''}`);
    return {
      layers,
      training: { epochs: loss.length, bestEpoch: val ? bestEpoch : loss.length, stoppedEarly, loss, validationLoss, trainRows: train.rows, validationRows: val?.rows ?? 0 },
    };
  } finally {
    best?.forEach((t) => t.dispose());
    optimizer.dispose();
    made.forEach((t) => t.dispose());
  }
}

function sum(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

function shuffle(a: Int32Array, rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}
