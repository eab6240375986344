import { beforeAll, describe, expect, it } from 'vitest';
import { InputError, SeglabError, UsageError } from '../../../src/core/errors';
import { Matrix } from '../../../src/core/Matrix';
import { Mlp } from '../../../src/models/mlp/Mlp';
import { stratifiedSplit } from '../../../src/models/mlp/stratifiedSplit';
import { mlpEntry } from '../../../src/models/mlp/mlpEntry';
import type { MlpModel } from '../../../src/models/mlp/MlpModel';
import { loadTensorflow } from '../../../src/models/tfBackend';
import { auc, logLoss, QUICK, rejection, ring, rowsOf, withValue } from './mlpFixtures';

const { X, y } = ring();
const fit = (params: Record<string, unknown> = {}, options = {}, x: Matrix = X, labels: ArrayLike<number> = y) =>
  mlpEntry.create({ ...QUICK, ...params }).fit(x, labels as Uint8Array, options);

describe('MLP fit and scoring', () => {
  let model: MlpModel;
  beforeAll(async () => {
    model = await fit();
  });

  it('learns a nonlinear target a linear score cannot (AUC on the training rows)', () => {
    expect(model.kind).toBe('mlp');
    expect(model.featureNames).toEqual(['a', 'b', 'c']);
    expect(auc(model.predictProba(X), y)).toBeGreaterThan(0.9);
    // The ring is symmetric: a or b alone ranks no better than chance.
    expect(Math.abs(auc(X.column(0), y) - 0.5)).toBeLessThan(0.15);
  });

  it('probabilities are in [0, 1] and the logistic of decisionFunction', () => {
    const p = model.predictProba(X);
    const z = model.decisionFunction(X);
    expect(X.rows).toBeGreaterThan(0);
    expect(p).toHaveLength(X.rows);
    for (let i = 0; i < X.rows; i++) {
      expect(p[i]).toBeGreaterThanOrEqual(0);
      expect(p[i]).toBeLessThanOrEqual(1);
      expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-z[i]!)), 15);
    }
  });

  it('the same seed gives an identical model, another seed another one', async () => {
    expect(JSON.stringify((await fit()).toJSON())).toBe(JSON.stringify(model.toJSON()));
    expect((await fit({ seed: 8 })).toJSON().layers[0]!.weights).not.toEqual(model.toJSON().layers[0]!.weights);
  });

  it('dropout masks are seeded too: the same seed gives an identical model', async () => {
    const a = await fit({ dropout: 0.3, maxEpochs: 4 });
    const b = await fit({ dropout: 0.3, maxEpochs: 4 });
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    expect(a.toJSON().layers[0]!.weights).not.toEqual((await fit({ maxEpochs: 4 })).toJSON().layers[0]!.weights);
  });

  it('a JSON round trip through text gives identical probabilities, synchronously', () => {
    const restored = mlpEntry.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(restored).not.toBeInstanceOf(Promise);
    expect(Array.from(restored.predictProba(X))).toEqual(Array.from(model.predictProba(X)));
    expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(model.toJSON()));
  });

  it("scores as TensorFlow.js' own forward pass does (to float32 precision)", async () => {
    const { tf } = await loadTensorflow();
    const j = model.toJSON();
    const standardised = Array.from({ length: X.rows }, (_, i) => Array.from(X.row(i), (v, c) => (v - j.means[c]!) / j.scales[c]!));
    const theirs = tf.tidy(() => {
      let h = tf.tensor2d(standardised);
      j.layers.forEach((l, k) => {
        h = tf.add(tf.matMul(h, tf.tensor2d(l.weights, [l.inputs, l.outputs])), tf.tensor1d(l.biases));
        if (k < j.layers.length - 1) h = tf.relu(h);
      });
      return h.dataSync();
    });
    const ours = model.decisionFunction(X);
    let worst = 0;
    for (let i = 0; i < X.rows; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs[i]!) / Math.max(1, Math.abs(ours[i]!)));
    expect(worst).toBeLessThan(1e-5);
    expect(worst).toBeGreaterThan(0); // float32 in tf, float64 here: not the same numbers, only close ones
  });

  it('saves the backend that trained it and the tfjs version, for the manifest', async () => {
    const { choice } = await loadTensorflow();
    expect(model.backend.backend).toBe(choice.backend);
    expect(model.backend.tfjsVersion).toBe(choice.tfjsVersion);
    expect(model.toJSON().backend.tried.at(-1)).toEqual({ backend: choice.backend, ok: true });
  });

  it('disposes every tensor it makes', async () => {
    const { tf } = await loadTensorflow();
    await fit({ maxEpochs: 2 });
    const before = tf.memory().numTensors;
    await fit({ maxEpochs: 3 });
    await fit({ maxEpochs: 3, dropout: 0.2 }, { validation: { X, y } });
    await fit({ maxEpochs: 3, validationFraction: 0 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('MLP training: progress, curve, early stopping, weights', () => {
  it('reports progress per epoch and keeps the loss curve for the model card', async () => {
    const calls: [number, string][] = [];
    const m = await fit({}, { onProgress: (f: number, what: string) => calls.push([f, what]) });
    const t = m.training;
    expect(t.loss).toHaveLength(t.epochs);
    expect(t.validationLoss).toHaveLength(t.epochs);
    expect(t.trainRows + t.validationRows).toBe(X.rows);
    expect(calls).toHaveLength(t.epochs + 1);
    expect(calls[0]![0]).toBeCloseTo(1 / QUICK.maxEpochs, 12);
    expect(calls[0]![1]).toMatch(/^epoch 1 of at most 15: loss [\d.]+, validation loss [\d.]+$/);
    expect(calls.at(-1)).toEqual([1, `trained ${t.epochs} epochs, kept epoch ${t.bestEpoch}`]);
    for (let k = 1; k < t.epochs; k++) expect(calls[k]![0]).toBeGreaterThan(calls[k - 1]![0]);
    // It learns: the last epoch's training loss is below the first one's.
    expect(t.loss.at(-1)!).toBeLessThan(t.loss[0]!);
  });

  it('stops early and restores the best epoch: the returned model has the lowest validation loss of the curve', async () => {
    const train = Array.from({ length: 200 }, (_, i) => i);
    const held = Array.from({ length: 100 }, (_, i) => 200 + i);
    const validation = { X: rowsOf(X, held), y: held.map((i) => y[i]!) };
    // A large step size over-fits 200 rows quickly, so validation loss turns up.
    const m = await fit({ hiddenLayers: [64, 64], learningRate: 0.05, batchSize: 16, maxEpochs: 200, patience: 5, l2: 0 }, { validation }, rowsOf(X, train), train.map((i) => y[i]!));
    const t = m.training;
    expect(t.stoppedEarly).toBe(true);
    expect(t.epochs).toBeLessThan(200);
    expect(t.epochs - t.bestEpoch).toBe(5);
    expect(t.validationRows).toBe(100);
    expect(t.trainRows).toBe(200);
    const best = Math.min(...t.validationLoss!);
    expect(t.validationLoss![t.bestEpoch - 1]).toBe(best);
    // The weights are those of the best epoch, not of the last one.
    expect(logLoss(m.predictProba(validation.X), validation.y)).toBeCloseTo(best, 4);
    expect(t.validationLoss!.at(-1)!).toBeGreaterThan(best + 1e-3);
  });

  it('validationFraction 0 trains maxEpochs without a validation curve', async () => {
    const m = await fit({ validationFraction: 0, maxEpochs: 5 });
    expect(m.training).toMatchObject({ epochs: 5, bestEpoch: 5, stoppedEarly: false, validationLoss: null, trainRows: 300, validationRows: 0 });
  });

  it('weights are scale-free, and class weights act as sample weights of the class', async () => {
    const base = JSON.stringify((await fit({ maxEpochs: 3 })).toJSON());
    expect(JSON.stringify((await fit({ maxEpochs: 3 }, { sampleWeight: new Float64Array(X.rows).fill(2) })).toJSON())).toBe(base);
    const byClass = (await fit({ maxEpochs: 3, classWeight: { 0: 1, 1: 3 } })).toJSON();
    const bySample = (await fit({ maxEpochs: 3 }, { sampleWeight: Array.from(y, (c) => (c === 1 ? 3 : 1)) })).toJSON();
    expect(byClass.layers).toEqual(bySample.layers);
    expect(JSON.stringify(byClass.layers)).not.toBe(JSON.stringify(JSON.parse(base).layers));
  });

  it('the L2 penalty shrinks the connection weights, not the biases', async () => {
    const squares = (m: MlpModel) => m.toJSON().layers.reduce((s, l) => s + l.weights.reduce((t, w) => t + w * w, 0), 0);
    const free = await fit({ l2: 0, maxEpochs: 5 });
    const penalised = await fit({ l2: 0.05, maxEpochs: 5 });
    expect(squares(penalised)).toBeLessThan(0.7 * squares(free));
    expect(penalised.toJSON().layers[0]!.biases.some((b) => b !== 0)).toBe(true);
  });

  it("'balanced' class weights raise the predicted rate of a rare class", async () => {
    const rare = Array.from(y, (c, i) => (c === 1 && i % 4 !== 0 ? 0 : c));
    const mean = (p: Float64Array) => p.reduce((s, v) => s + v, 0) / p.length;
    const plain = mean((await fit({}, {}, X, rare)).predictProba(X));
    const balanced = mean((await fit({ classWeight: 'balanced' }, {}, X, rare)).predictProba(X));
    expect(balanced).toBeGreaterThan(plain + 0.1);
  });

  it('trains on the cpu backend too, identically for the same seed, and scoring needs no backend', async () => {
    const a = await fit({ backend: 'cpu', maxEpochs: 3 });
    const b = await fit({ backend: 'cpu', maxEpochs: 3 });
    expect(a.backend.backend).toBe('cpu');
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    // Back on the default backend, fits still report and use it (fits take turns on the one engine).
    const { choice } = await loadTensorflow();
    expect((await fit({ maxEpochs: 1 })).backend.backend).toBe(choice.backend);
  });

  it("a forced backend that cannot load is a UsageError naming it (tfjs-node is not installable offline)", async () => {
    let nodeBinding = true;
    try {
      require.resolve('@tensorflow/tfjs-node');
    } catch {
      nodeBinding = false;
    }
    if (nodeBinding) {
      expect((await fit({ backend: 'tensorflow', maxEpochs: 1 })).backend.backend).toBe('tensorflow');
    } else {
      const err = await rejection(fit({ backend: 'tensorflow', maxEpochs: 1 }));
      expect(err).toBeInstanceOf(UsageError);
      expect(err.message).toMatch(/MLP.fit: the TensorFlow.js backend 'tensorflow' cannot be loaded here \(.+\); use backend 'auto'/);
    }
    // The engine is left usable for the next fit.
    expect((await fit({ maxEpochs: 1 })).training.epochs).toBe(1);
  });

  it('a stratified, seeded validation split keeps each class in training', () => {
    const labels = new Uint8Array(100).map((_, i) => (i < 20 ? 1 : 0));
    const { train, validation } = stratifiedSplit(labels, 0.1, 42);
    expect(validation.length).toBe(10);
    expect(Array.from(validation).filter((i) => labels[i] === 1)).toHaveLength(2);
    expect(train.length + validation.length).toBe(100);
    expect(stratifiedSplit(labels, 0.1, 42)).toEqual({ train, validation });
    expect(stratifiedSplit(labels, 0.1, 43).validation).not.toEqual(validation);
    const two = stratifiedSplit(Uint8Array.from([0, 1]), 0.5, 1);
    expect(Array.from(two.train)).toEqual([0, 1]);
  });
});

describe('MLP errors', () => {
  it('no rows', async () => {
    const err = await rejection(fit({}, {}, Matrix.zeros(0, 3, ['a', 'b', 'c']), []));
    expect(err).toBeInstanceOf(SeglabError);
    expect(err.message).toMatch(/0 rows/);
  });

  it('NaN and ±Infinity by column and row, with the fix', async () => {
    for (const v of [NaN, Infinity, -Infinity]) {
      const err = await rejection(fit({}, {}, withValue(X, 4, 1, v), y));
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).problems[0]!.location).toEqual({ column: 'b', row: 5 });
      expect(err.message).toMatch(/impute/);
    }
  });

  it('a single class, labels that are not 0/1, one label per row', async () => {
    const zeros = await rejection(fit({}, {}, X, new Uint8Array(X.rows)));
    expect(zeros).toBeInstanceOf(InputError);
    expect(zeros.message).toMatch(/y contains a single class: 0/);
    expect((await rejection(fit({}, {}, X, new Uint8Array(X.rows).fill(1)))).message).toMatch(/y contains a single class: 1/);
    const two = Array.from(y);
    two[6] = 2;
    const err = await rejection(fit({}, {}, X, two));
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/y row 7 is 2; a churn \/ propensity label is 0 \(no event\) or 1/);
    expect((await rejection(fit({}, {}, X, Array.from(y).map((c) => c + 0.5)))).message).toMatch(/y row 1 is [\d.]+; a churn \/ propensity label is 0/);
    expect(await rejection(fit({}, {}, X, y.subarray(1)))).toBeInstanceOf(UsageError);
  });

  it('bad sample weights and a validation set on other columns', async () => {
    const w = new Float64Array(X.rows).fill(1);
    w[9] = -1;
    expect((await rejection(fit({}, { sampleWeight: w }))).message).toMatch(/sampleWeight row 10 is -1/);
    const zeroOnes = Array.from(y, (c) => (c === 1 ? 0 : 1));
    expect((await rejection(fit({}, { sampleWeight: zeroOnes }))).message).toMatch(/every row of class 1 has sampleWeight 0/);
    const other = new Matrix(X.data.slice(0, 20), 10, 2, ['a', 'b']);
    expect((await rejection(fit({}, { validation: { X: other, y: y.subarray(0, 10) } }))).message).toMatch(/validation\.X does not have the columns the model was fitted on \(2 columns, expected 3\)/);
  });

  it('wrong columns or non-finite values at predict', async () => {
    const m = await fit({ maxEpochs: 1 });
    const two = new Matrix(X.data.slice(0, 20), 10, 2, ['a', 'b']);
    expect(() => m.predictProba(two)).toThrow(UsageError);
    expect(() => m.predictProba(two)).toThrow(/X does not have the columns the model was fitted on \(2 columns, expected 3\)\. Fitted on: a, b, c/);
    expect(() => m.decisionFunction(two)).toThrow(/MLP.decisionFunction/);
    const err = await rejection(() => m.predictProba(withValue(X, 0, 2, NaN)));
    expect((err as InputError).problems[0]!.location).toEqual({ column: 'c', row: 1 });
    expect(m.predictProba(Matrix.zeros(0, 3, ['a', 'b', 'c']))).toHaveLength(0);
  });

  it('unknown and bad params, when the estimator is made', () => {
    expect(() => mlpEntry.create({ notAParam: 1 } as never)).toThrow(/unknown key "notAParam"/);
    expect(() => mlpEntry.create({ learningRate: 0 })).toThrow('Invalid MLP learningRate: got 0, expected a finite number > 0.');
    expect(() => mlpEntry.create({ hiddenLayers: [] })).toThrow(/Invalid MLP hiddenLayers: got \[\], expected 1 to 16 layer widths/);
    expect(() => mlpEntry.create({ dropout: 1 })).toThrow(/Invalid MLP dropout/);
    expect(() => mlpEntry.create({ backend: 'gpu' as never })).toThrow(/expected one of auto, tensorflow, wasm, cpu/);
    expect(() => mlpEntry.create({ classWeight: { 0: 1 } as never })).toThrow(/Invalid MLP classWeight/);
    expect(new Mlp().params).toMatchObject({ hiddenLayers: [32, 16], dropout: 0, l2: 1e-4, learningRate: 1e-3, batchSize: 256, maxEpochs: 200, validationFraction: 0.1, patience: 10, classWeight: 'none', seed: 42, backend: 'auto' });
  });

  it('a damaged saved model names what is wrong', async () => {
    const j = (await fit({ maxEpochs: 1 })).toJSON();
    expect(() => mlpEntry.fromJSON({ ...j, layers: j.layers.slice(1) })).toThrow(/Invalid MLP JSON: layers has 2 entries, expected 3/);
    const bad = JSON.parse(JSON.stringify(j));
    bad.layers[1].weights.pop();
    expect(() => mlpEntry.fromJSON(bad)).toThrow(/Invalid MLP JSON: layers.1 must be 8 × 4 with 32 weights and 4 biases/);
    expect(() => mlpEntry.fromJSON({ ...j, kind: 'kmeans' })).toThrow(UsageError);
    expect(() => mlpEntry.fromJSON('{not json')).toThrow(/Invalid MLP JSON/);
    expect(mlpEntry.missingValues).toBe('error');
  });
});
