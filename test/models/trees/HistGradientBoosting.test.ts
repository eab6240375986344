import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HistGradientBoosting, HistGradientBoostingModel, Matrix } from '../../../src';
import { BOOSTING_THREAD_MIN_CELLS, shouldStop } from '../../../src/models/trees/HistGradientBoosting';
import { auc, nonlinearData } from './treeFixtures';

describe('HistGradientBoosting', () => {
  const { X, y } = nonlinearData(3000, 8, 31);
  const test = nonlinearData(3000, 8, 32);

  it('starts from the log-odds of the base rate and fits a non-linear truth close to the truth itself', async () => {
    const model = await new HistGradientBoosting({ maxIter: 60 }).fit(X, y);
    const rate = y.reduce((a, b) => a + b, 0) / y.length;
    expect(model.init).toBeCloseTo(Math.log(rate / (1 - rate)), 12);
    expect(model.iterations).toBe(60);
    expect(model.validationLoss).toBeNull();
    const ours = auc(model.predictProba(test.X), test.y);
    const best = auc(test.truth, test.y);
    expect(ours).toBeGreaterThan(best - 0.06);
    for (const t of model.trees) expect(t.feature.filter((f) => f < 0).length).toBeLessThanOrEqual(31);
  });

  it('respects maxLeafNodes, maxDepth and minSamplesLeaf', async () => {
    const model = await new HistGradientBoosting({ maxIter: 5, maxLeafNodes: 4, minSamplesLeaf: 100 }).fit(X, y);
    expect(model.trees).toHaveLength(5);
    for (const t of model.trees) {
      expect(t.feature.filter((f) => f < 0).length).toBeLessThanOrEqual(4);
      for (let k = 0; k < t.nodeCount; k++) if (t.feature[k]! < 0) expect(t.cover[k]!).toBeGreaterThanOrEqual(100);
    }
    const deep = await new HistGradientBoosting({ maxIter: 5, maxLeafNodes: null, maxDepth: 2 }).fit(X, y);
    expect(deep.trees).toHaveLength(5);
    for (const t of deep.trees) expect(t.maxDepth()).toBeLessThanOrEqual(2);
  });

  it('stops early on the validation log loss (auto above 10,000 rows) and records the curve', async () => {
    const big = nonlinearData(12000, 8, 33);
    const progress: number[] = [];
    const model = await new HistGradientBoosting({ learningRate: 0.5 }).fit(big.X, big.y, { onProgress: (f) => progress.push(f) });
    expect(progress.at(-1)).toBe(1);
    const curve = model.validationLoss!;
    expect(curve.length).toBe(model.iterations + 1);
    expect(model.iterations).toBeLessThan(100);
    expect(shouldStop(curve, 10, 1e-7)).toBe(true);
    expect(shouldStop(curve.slice(0, -1), 10, 1e-7)).toBe(false);
    expect(Math.min(...curve)).toBeLessThan(curve[0]! - 0.1);
    const round = HistGradientBoostingModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(round.validationLoss).toEqual(curve);
    expect(round.iterations).toBe(model.iterations);
  });

  it('takes a validation set from the caller', async () => {
    const model = await new HistGradientBoosting({ earlyStopping: true, maxIter: 15 }).fit(X, y, { validation: { X: test.X, y: test.y } });
    const raw = model.decisionFunction(test.X);
    const loss = raw.reduce((s, r, i) => s + Math.log1p(Math.exp(r)) - (test.y[i] ? r : 0), 0) / raw.length;
    expect(model.validationLoss!.at(-1)).toBeCloseTo(loss, 9);
    await expect(new HistGradientBoosting({ earlyStopping: true }).fit(X, y, { validation: { X: new Matrix(new Float64Array(6), 2, 3), y: [0, 1] } })).rejects.toThrow(/validation.X does not have the columns/);
  });

  it('row and column subsampling are seeded and change the trees; shouldStop follows scikit-learn', async () => {
    const a = await new HistGradientBoosting({ maxIter: 10, rowSubsample: 0.5, colSubsample: 0.5, seed: 1 }).fit(X, y);
    const b = await new HistGradientBoosting({ maxIter: 10, rowSubsample: 0.5, colSubsample: 0.5, seed: 1 }).fit(X, y);
    const c = await new HistGradientBoosting({ maxIter: 10, rowSubsample: 0.5, colSubsample: 0.5, seed: 2 }).fit(X, y);
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    expect(JSON.stringify(a.toJSON().trees)).not.toBe(JSON.stringify(c.toJSON().trees));
    // Each tree splits on at most half of the 8 columns.
    for (const t of a.trees) expect(new Set(Array.from(t.feature).filter((f) => f >= 0)).size).toBeLessThanOrEqual(4);
    expect(auc(a.predictProba(test.X), test.y)).toBeGreaterThan(0.75);
    expect(shouldStop([1, 0.9, 0.9, 0.9], 2, 0)).toBe(true);
    expect(shouldStop([1, 0.9, 0.9, 0.89], 2, 0)).toBe(false);
    expect(shouldStop([1, 0.9, 0.9], 2, 0)).toBe(false);
  });

  it('splits a categorical column by a set of levels', async () => {
    // Levels 1 and 3 carry the event; no threshold on the codes separates {1, 3} from {0, 2, 4} in one split.
    const n = 2000;
    const data = new Float64Array(n);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      data[i] = i % 5;
      labels[i] = (i % 5 === 1 || i % 5 === 3) !== (i % 23 === 0) ? 1 : 0;
    }
    const Xc = new Matrix(data, n, 1, ['plan']);
    const model = await new HistGradientBoosting({ maxIter: 1, maxLeafNodes: 2, learningRate: 1, categoricalFeatures: [0] }).fit(Xc, labels);
    const p = model.predictProba(Matrix.fromRows([[0], [1], [2], [3], [4], [7], [NaN]], ['plan']));
    expect(p[1]).toBeGreaterThan(0.8);
    expect(p[3]).toBeGreaterThan(0.8);
    for (const i of [0, 2, 4]) expect(p[i]).toBeLessThan(0.2);
    // An unseen level goes where a missing value goes.
    expect(p[5]).toBe(p[6]);
    const numeric = await new HistGradientBoosting({ maxIter: 1, maxLeafNodes: 2, learningRate: 1 }).fit(Xc, labels);
    expect(auc(numeric.predictProba(Xc), labels)).toBeLessThan(auc(model.predictProba(Xc), labels) - 0.1);
  });

  it('fits the same model on 1, 2 and 3 threads, and the model of the code before the threads (speed changed nothing)', async () => {
    const big = nonlinearData(12000, 9, 41);
    // Everything but the threads param itself.
    const saved = (m: HistGradientBoostingModel): string => JSON.stringify({ ...m.toJSON(), params: { ...m.params, threads: null } });
    const sha = (m: HistGradientBoostingModel): string => createHash('sha256').update(JSON.stringify(m.toJSON().trees)).digest('hex');
    // The trees of the one-thread code this replaced (commit 8076d56), by sha256 of their JSON.
    const before = ['c76cdb1bb4bfcff2c059ecd48046be9c63675f3b8ef3124ce74fc35f3dad6e19', '41a567c35a0b17ed27603d0e682cadccf1b734bfe3a9fea4408d1ef37c92239a'];
    // Unit weights (rows split on the threads too), subsampled, and weighted (covers summed on the calling thread).
    for (const [k, extra] of [{}, { rowSubsample: 0.7, colSubsample: 0.6 }, { classWeight: { 0: 1, 1: 2.5 } }].entries()) {
      const models = [];
      for (const threads of [1, 2, 3]) {
        const m = await new HistGradientBoosting({ maxIter: 25, threads, ...extra }).fit(big.X, big.y);
        expect(m.fitThreads).toBe(threads);
        models.push(m);
      }
      expect(saved(models[1]!)).toBe(saved(models[0]!));
      expect(saved(models[2]!)).toBe(saved(models[0]!));
      if (k < before.length) expect(sha(models[0]!)).toBe(before[k]);
    }
    // Categorical columns (level sets searched per feature on the threads), no leaf limit (histograms beyond the
    // slab's slots: fresh arrays, searched on the calling thread) and a depth limit: the trees of the code before
    // the split search moved onto the threads (commit 15932df).
    const cat = Float64Array.from(big.X.data);
    for (let i = 0; i < big.X.rows; i++) {
      const v = cat[i * 9 + 2]!;
      if (v === v) cat[i * 9 + 2] = Math.max(0, Math.min(11, Math.floor((v + 3) * 2)));
      if (i % 7 === 0) cat[i * 9 + 5] = i % 3;
    }
    const Xcat = new Matrix(cat, big.X.rows, 9, big.X.columns);
    const shas: string[] = [];
    for (const threads of [1, 2, 3]) {
      const m = await new HistGradientBoosting({ maxIter: 12, threads, categoricalFeatures: [2], maxLeafNodes: null, maxDepth: 6 }).fit(Xcat, big.y);
      expect(m.trees.some((t) => t.catSet.some((c) => c >= 0))).toBe(true);
      shas.push(sha(m));
    }
    expect(shas).toEqual(Array(3).fill('08fee7fd0da9b40011c123061ca0fecf401e6a1d2bb05069f6ec777321b7a42c'));
    // 'auto' stays on the calling thread for small inputs (a worker costs more than it saves).
    expect(12000 * 9).toBeLessThan(BOOSTING_THREAD_MIN_CELLS);
    expect((await new HistGradientBoosting({ maxIter: 2 }).fit(big.X, big.y)).fitThreads).toBe(1);
    expect(() => new HistGradientBoosting({ threads: 0 })).toThrow(/threads: got 0, expected 'auto' or a whole number from 1 to 64/);
  });

  it('weights: class weights and sample weights raise the weighted class', async () => {
    const plain = await new HistGradientBoosting({ maxIter: 20 }).fit(X, y);
    const balanced = await new HistGradientBoosting({ maxIter: 20, classWeight: { 0: 1, 1: 4 } }).fit(X, y);
    const viaRows = await new HistGradientBoosting({ maxIter: 20 }).fit(X, y, { sampleWeight: Array.from(y, (v) => (v ? 4 : 1)) });
    expect(balanced.init).toBeCloseTo(plain.init + Math.log(4), 12);
    expect(Array.from(viaRows.predictProba(test.X))).toEqual(Array.from(balanced.predictProba(test.X)));
  });
});
