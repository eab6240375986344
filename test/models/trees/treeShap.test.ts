import { describe, expect, it } from 'vitest';
import { HistGradientBoosting, Matrix, RandomForest, treeShap, UsageError } from '../../../src';
import type { BinMapper } from '../../../src/models/trees/BinMapper';
import type { HistTree } from '../../../src/models/trees/HistTree';
import { nonlinearData } from './treeFixtures';

/** E[tree(x) | the features in S known], path-dependent: an unknown feature's split follows both sides by cover. */
function conditional(tree: HistTree, bins: BinMapper, x: Float64Array, known: Set<number>, k = 0): number {
  if (tree.feature[k]! < 0) return tree.value[k]!;
  if (known.has(tree.feature[k]!)) return conditional(tree, bins, x, known, tree.goesLeft(k, x, bins) ? tree.left[k]! : tree.right[k]!);
  const l = tree.left[k]!, r = tree.right[k]!;
  return (tree.cover[l]! * conditional(tree, bins, x, known, l) + tree.cover[r]! * conditional(tree, bins, x, known, r)) / tree.cover[k]!;
}

/** Shapley values by enumerating every coalition (exponential: a few features only). */
function bruteForceShap(value: (S: Set<number>) => number, M: number): number[] {
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const phi = new Array<number>(M).fill(0);
  for (let i = 0; i < M; i++) {
    for (let mask = 0; mask < 1 << M; mask++) {
      if (mask & (1 << i)) continue;
      const S = new Set<number>();
      for (let j = 0; j < M; j++) if (mask & (1 << j)) S.add(j);
      const w = (fact(S.size) * fact(M - S.size - 1)) / fact(M);
      phi[i]! += w * (value(new Set([...S, i])) - value(S));
    }
  }
  return phi;
}

describe('treeShap', () => {
  const train = nonlinearData(3000, 8, 11, 0.1);
  const probe = nonlinearData(200, 8, 12, 0.1);

  it('boosted model: base value + contributions = decisionFunction to 1e-9 (NaN cells included)', async () => {
    const model = await new HistGradientBoosting({ maxIter: 30, maxLeafNodes: 15 }).fit(train.X, train.y);
    const { contributions, baseValue, output } = treeShap(model, probe.X);
    expect(output).toBe('log-odds');
    expect(contributions.columns).toEqual(model.featureNames);
    const raw = model.decisionFunction(probe.X);
    let nanRows = 0;
    for (let i = 0; i < probe.X.rows; i++) {
      const sum = contributions.row(i).reduce((a, b) => a + b, baseValue);
      expect(Math.abs(sum - raw[i]!)).toBeLessThan(1e-9);
      if (probe.X.row(i).some((v) => Number.isNaN(v))) nanRows++;
    }
    expect(nanRows).toBeGreaterThan(50);
    // Noise columns (5 … 7) matter far less than the truth's (0 … 4).
    const meanAbs = (j: number): number => contributions.column(j).reduce((a, b) => a + Math.abs(b), 0) / probe.X.rows;
    expect(Math.max(meanAbs(5), meanAbs(6), meanAbs(7))).toBeLessThan(Math.min(meanAbs(0), meanAbs(3)));
  });

  it('forest: base value + contributions = predictProba to 1e-9', async () => {
    const model = await new RandomForest({ nEstimators: 8, maxDepth: 8, threads: 1 }).fit(train.X, train.y);
    const { contributions, baseValue, output } = treeShap(model, probe.X);
    expect(output).toBe('probability');
    const p = model.predictProba(probe.X);
    for (let i = 0; i < probe.X.rows; i++) expect(Math.abs(contributions.row(i).reduce((a, b) => a + b, baseValue) - p[i]!)).toBeLessThan(1e-9);
  });

  it('equals brute-force Shapley values of the path-dependent expectation on small trees, NaN routed its learned side', async () => {
    const small = nonlinearData(800, 5, 13, 0.2);
    const boosted = await new HistGradientBoosting({ maxIter: 3, maxLeafNodes: 8, minSamplesLeaf: 10 }).fit(small.X, small.y);
    const forest = await new RandomForest({ nEstimators: 3, maxDepth: 5, threads: 1 }).fit(small.X, small.y);
    const rows = Matrix.fromRows([
      [0.3, -1.2, 0.8, 0.6, 1.1],
      [NaN, 0.4, NaN, -0.2, 0.1],
      [NaN, NaN, NaN, NaN, NaN],
      [-2, 2, -1, 1.5, NaN],
    ], boosted.featureNames);
    for (const model of [boosted, forest]) {
      const { contributions } = treeShap(model, rows);
      const scale = model.kind === 'random-forest' ? 1 / model.trees.length : 1;
      for (let i = 0; i < rows.rows; i++) {
        const x = rows.row(i);
        const value = (S: Set<number>): number => model.trees.reduce((s, t) => s + scale * conditional(t, model.bins, x, S), 0);
        const expected = bruteForceShap(value, 5);
        expected.forEach((v, j) => expect(contributions.get(i, j)).toBeCloseTo(v, 12));
      }
    }
    // The trees split on the same feature more than once and route NaN both ways: the cases Algorithm 2's unwinding handles.
    const repeats = boosted.trees.some((t) => {
      const seen = new Set<number>();
      return Array.from(t.feature).some((f) => f >= 0 && (seen.has(f) || !seen.add(f)));
    });
    expect(repeats).toBe(true);
    expect(boosted.trees.some((t) => Array.from(t.missingLeft).some((m, k) => t.feature[k]! >= 0 && m === 1))).toBe(true);
  });

  it('refuses a model it cannot explain and X with other columns', async () => {
    expect(() => treeShap({} as never, probe.X)).toThrow(UsageError);
    const model = await new HistGradientBoosting({ maxIter: 2 }).fit(train.X, train.y);
    expect(() => treeShap(model, new Matrix(new Float64Array(6), 2, 3))).toThrow(/3 columns, expected 8/);
  });
});
