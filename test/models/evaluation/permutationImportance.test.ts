import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { permutationImportance } from '../../../src/models/evaluation/permutationImportance';
import { centroidData, centroidEntry } from './centroidModelEntry';

describe('permutationImportance', () => {
  const train = centroidData(600, 1);
  const test = centroidData(400, 2);

  it('finds the column the model uses, gives the unused one 0, and leaves X as it was', async () => {
    const model = await centroidEntry.create({ feature: 0 }).fit(train.X, train.y);
    const before = Float64Array.from(test.X.data);
    const r = permutationImportance((X) => model.predictProba(X), test.X, test.y, { seed: 3 });
    expect(r.metric).toBe('roc-auc');
    expect(r.baseline).toBeGreaterThan(0.7);
    expect(r.features.map((f) => f.feature)).toEqual(['recency', 'noise']);
    expect(r.features[0]!.mean).toBeGreaterThan(0.15);
    expect(r.features[0]!.drops).toHaveLength(5);
    expect(r.features[0]!.sd).toBeGreaterThan(0);
    expect(r.features[1]!.mean).toBe(0);
    expect(r.features[1]!.sd).toBe(0);
    expect(test.X.data).toEqual(before);
  });

  it('is seeded, and a loss drop is positive too (shuffled − baseline)', async () => {
    const model = await centroidEntry.create({ feature: 0 }).fit(train.X, train.y);
    const predict = (X: Matrix) => model.predictProba(X);
    const a = permutationImportance(predict, test.X, test.y, { seed: 3, repeats: 3, metric: 'log-loss' });
    expect(permutationImportance(predict, test.X, test.y, { seed: 3, repeats: 3, metric: 'log-loss' })).toEqual(a);
    expect(permutationImportance(predict, test.X, test.y, { seed: 4, repeats: 3, metric: 'log-loss' }).features[0]!.drops).not.toEqual(a.features[0]!.drops);
    expect(a.features[0]!.mean).toBeGreaterThan(0);
    // a hand check: sd is the population sd of the drops
    const d = [...a.features[0]!.drops];
    const m = d.reduce((s, v) => s + v, 0) / 3;
    expect(a.features[0]!.sd).toBeCloseTo(Math.sqrt(d.reduce((s, v) => s + (v - m) ** 2, 0) / 3), 15);
  });

  it('refuses a predict that returns the wrong length or non-probabilities for a loss, and bad params', () => {
    const X = Matrix.fromRows([[1], [2], [3]]);
    expect(() => permutationImportance(() => [0.5, 0.5], X, [0, 1, 1])).toThrow(/predictions has 2 values but y has 3/);
    expect(() => permutationImportance(() => [2, 3, 4], X, [0, 1, 1], { metric: 'brier' })).toThrow(/predictions 2 is outside \[0, 1\]/);
    expect(() => permutationImportance(() => [0.1, 0.2, 0.3], X, [0, 1, 1], { repeats: 0 })).toThrow(/Invalid permutationImportance repeats: got 0/);
    expect(() => permutationImportance('model' as never, X, [0, 1, 1])).toThrow(/predict must be a function/);
    expect(() => permutationImportance(() => [0.1, 0.2, 0.3], Matrix.fromRows([[1], [Infinity], [3]]), [0, 1, 1])).toThrow(/not a finite number/);
  });
});
