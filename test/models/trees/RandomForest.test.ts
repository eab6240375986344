import { describe, expect, it } from 'vitest';
import { Matrix, RandomForest, RandomForestModel } from '../../../src';
import { forestWorkerSource } from '../../../src/models/trees/histTreeKernel';
import { auc, nonlinearData } from './treeFixtures';

describe('RandomForest', () => {
  const { X, y } = nonlinearData(4000, 10, 21);
  const test = nonlinearData(2000, 10, 22);

  it('grows the same forest on 1 thread and on 2 worker threads (each tree seeded by its index)', async () => {
    const one = await new RandomForest({ nEstimators: 12, threads: 1 }).fit(X, y);
    const two = await new RandomForest({ nEstimators: 12, threads: 2 }).fit(X, y);
    expect(one.fitThreads).toBe(1);
    expect(two.fitThreads).toBe(2);
    // Everything but the threads param itself.
    const trees = (m: RandomForestModel): string => JSON.stringify({ ...m.toJSON(), params: { ...m.params, threads: null } });
    expect(trees(two)).toBe(trees(one));
    expect(two.trees.length).toBe(12);
    expect(auc(two.predictProba(test.X), test.y)).toBeGreaterThan(0.8);
  });

  it('seeds 0 and 1 share no tree (the seed and the tree index are mixed, not XORed)', async () => {
    const a = await new RandomForest({ nEstimators: 4, threads: 1, maxDepth: 4, seed: 0 }).fit(X, y);
    const b = await new RandomForest({ nEstimators: 4, threads: 1, maxDepth: 4, seed: 1 }).fit(X, y);
    const trees = new Set(a.trees.map((t) => JSON.stringify(t.toJSON())));
    expect(trees.size).toBe(4);
    expect(b.trees).toHaveLength(4);
    for (const t of b.trees) expect(trees.has(JSON.stringify(t.toJSON()))).toBe(false);
  });

  it('runs its worker from source text that needs nothing but node:worker_threads', () => {
    const source = forestWorkerSource();
    expect(source).not.toMatch(/require\((?!'node:worker_threads'\))/);
    expect(source).not.toMatch(/__vi_|_1\.\w+\(|import\(/);
  });

  it('bootstrap samples differ per tree; without bootstrap and with every feature the trees are identical', async () => {
    const forest = await new RandomForest({ nEstimators: 3, threads: 1, maxDepth: 6 }).fit(X, y);
    expect(JSON.stringify(forest.trees[0]!.toJSON())).not.toBe(JSON.stringify(forest.trees[1]!.toJSON()));
    const same = await new RandomForest({ nEstimators: 3, threads: 1, maxDepth: 6, bootstrap: false, maxFeatures: 'all' }).fit(X, y);
    expect(JSON.stringify(same.trees[0]!.toJSON())).toBe(JSON.stringify(same.trees[2]!.toJSON()));
  });

  it('leaves hold the share of class 1; fully grown trees fit the training rows; decisionFunction is the clamped log-odds', async () => {
    const rows = Matrix.fromRows([[0], [1], [2], [3], [4], [5]]);
    const labels = [0, 0, 0, 1, 1, 1];
    const forest = await new RandomForest({ nEstimators: 5, bootstrap: false, threads: 1 }).fit(rows, labels);
    expect(Array.from(forest.predictProba(rows))).toEqual([0, 0, 0, 1, 1, 1]);
    const raw = forest.decisionFunction(rows);
    expect(raw[0]).toBeCloseTo(Math.log(1e-12 / (1 - 1e-12)), 6);
    expect(Number.isFinite(raw[5]!)).toBe(true);
    const back = RandomForestModel.fromJSON(JSON.stringify(forest.toJSON()));
    expect(Array.from(back.decisionFunction(rows))).toEqual(Array.from(raw));
  });

  it('respects maxDepth and minSamplesLeaf, and class weights move the probabilities', async () => {
    const shallow = await new RandomForest({ nEstimators: 4, threads: 1, maxDepth: 3, minSamplesLeaf: 50 }).fit(X, y);
    for (const t of shallow.trees) {
      expect(t.maxDepth()).toBeLessThanOrEqual(3);
    }
    const plain = await new RandomForest({ nEstimators: 4, threads: 1, maxDepth: 4 }).fit(X, y);
    const heavy = await new RandomForest({ nEstimators: 4, threads: 1, maxDepth: 4, classWeight: { 0: 1, 1: 5 } }).fit(X, y);
    const mean = (p: Float64Array): number => p.reduce((a, b) => a + b, 0) / p.length;
    expect(mean(heavy.predictProba(test.X))).toBeGreaterThan(mean(plain.predictProba(test.X)) + 0.1);
  });

  it('reports progress per tree', async () => {
    const seen: number[] = [];
    await new RandomForest({ nEstimators: 4, threads: 1 }).fit(X, y, { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    expect(seen).toContain(0.5);
  });
});
