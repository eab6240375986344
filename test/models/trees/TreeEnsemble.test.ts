import { describe, expect, it } from 'vitest';
import { Matrix, Rng } from '../../../src';
import { HistGradientBoosting } from '../../../src/models/trees/HistGradientBoosting';
import { RandomForest } from '../../../src/models/trees/RandomForest';
import { TreeEnsemble } from '../../../src/models/trees/TreeEnsemble';
import type { HistTree } from '../../../src/models/trees/HistTree';
import type { BinMapper } from '../../../src/models/trees/BinMapper';

// Column 0 holds level codes 0…5 (categorical), the others numbers; 8% of cells NaN. At predict time some
// rows carry level 9, never seen in training (it takes the learned missing side).
function data(n: number, seed: number, unseenLevels = false): { X: Matrix; y: Uint8Array } {
  const rng = new Rng(seed);
  const F = 5;
  const X = new Float64Array(n * F);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const level = unseenLevels && rng.next() < 0.05 ? 9 : Math.floor(rng.next() * 6);
    X[i * F] = level;
    for (let j = 1; j < F; j++) X[i * F + j] = rng.normal();
    const s = (level % 2 === 0 ? 1 : -1) + X[i * F + 1]! * X[i * F + 2]! + Math.sin(2 * X[i * F + 3]!);
    y[i] = rng.next() < 1 / (1 + Math.exp(-2 * s)) ? 1 : 0;
    for (let j = 0; j < F; j++) if (rng.next() < 0.08) X[i * F + j] = NaN;
  }
  return { X: new Matrix(X, n, F, ['level', 'a', 'b', 'c', 'd']), y };
}

/** The reference: each tree walked node by node with HistTree.predictRow (its own goesLeft rule). */
function reference(trees: readonly HistTree[], bins: BinMapper, X: Matrix): Float64Array {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    const row = X.data.subarray(i * X.cols, (i + 1) * X.cols);
    for (const t of trees) out[i]! += t.predictRow(row, bins);
  }
  return out;
}

describe('TreeEnsemble', () => {
  const train = data(3000, 1);

  it('sums the leaves each row reaches, as the node-by-node walk does: NaN on its learned side, categorical level sets, unseen levels, single-leaf trees', async () => {
    const model = await new HistGradientBoosting({ maxIter: 40, categoricalFeatures: [0], earlyStopping: false, seed: 3 }).fit(train.X, train.y);
    const test = data(1003, 2, true); // 1003: a tail of rows outside the walks of eight
    const ensemble = new TreeEnsemble(model.trees, model.bins);
    expect(Array.from(ensemble.sum(test.X, 1))).toEqual(Array.from(reference(model.trees, model.bins, test.X)));
    // Both sides of the missing direction and both split kinds occur, so the check above covers them.
    const nodes = model.trees.flatMap((t) => Array.from(t.feature, (f, k) => ({ f, k, t })).filter((n) => n.f >= 0));
    expect(nodes.some((n) => n.t.catSet[n.k]! >= 0)).toBe(true);
    expect(nodes.some((n) => n.t.catSet[n.k]! < 0 && n.t.missingLeft[n.k] === 1)).toBe(true);
    expect(nodes.some((n) => n.t.catSet[n.k]! < 0 && n.t.missingLeft[n.k] === 0)).toBe(true);
    // A tree that is one leaf (a constant) adds its value to every row.
    const stump = await new HistGradientBoosting({ maxIter: 3, minSamplesLeaf: 3000, earlyStopping: false }).fit(train.X, train.y);
    expect(stump.trees.every((t) => t.nodeCount === 1)).toBe(true);
    const s = new TreeEnsemble(stump.trees, stump.bins).sum(test.X, 1);
    expect(Array.from(s)).toEqual(Array.from(reference(stump.trees, stump.bins, test.X)));
  });

  it('gives the same numbers on 1, 2 and 3 threads (large inputs are split over worker threads)', async () => {
    const numeric = data(3000, 4);
    const model = await new HistGradientBoosting({ maxIter: 100, earlyStopping: false, seed: 5 }).fit(numeric.X, numeric.y);
    expect(model.trees.length).toBe(100);
    const big = data(60_000, 6); // 60,000 rows × 100 trees: above the size scored in parallel
    const ensemble = new TreeEnsemble(model.trees, model.bins);
    const one = ensemble.sum(big.X, 1);
    expect(ensemble.lastThreads).toBe(1);
    expect(Array.from(ensemble.sum(big.X, 2))).toEqual(Array.from(one));
    expect(ensemble.lastThreads).toBe(2); // the worker scored its half (a failed worker falls back to this thread)
    expect(Array.from(ensemble.sum(big.X, 3))).toEqual(Array.from(one));
    expect(ensemble.lastThreads).toBe(3);
    expect(Array.from(one.subarray(0, 2000))).toEqual(Array.from(reference(model.trees, model.bins, new Matrix(big.X.data.subarray(0, 2000 * 5), 2000, 5))));
  });

  it('scores a forest (deep trees of uneven depth) as the node-by-node walk does', async () => {
    const model = await new RandomForest({ nEstimators: 8, threads: 1, seed: 2 }).fit(train.X, train.y);
    const test = data(500, 7, true);
    const ensemble = new TreeEnsemble(model.trees, model.bins);
    expect(Array.from(ensemble.sum(test.X, 1))).toEqual(Array.from(reference(model.trees, model.bins, test.X)));
  });
});
