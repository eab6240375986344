import { describe, expect, it } from 'vitest';
import { drawCandidates, searchParams } from '../../../src/models/evaluation/searchParams';
import { centroidData, centroidEntry, fitCalls } from './centroidModelEntry';

describe('searchParams', () => {
  const { X, y } = centroidData(400, 21);

  it('tries a small list space whole, ranks by mean AUC, and the informative feature wins', async () => {
    fitCalls.length = 0;
    const r = await searchParams(centroidEntry, { feature: [0, 1], temperature: [0.5, 1, 2] }, X, y, { budget: 10, folds: 3, seed: 5 });
    expect(r.ranking).toHaveLength(6);
    expect(fitCalls).toHaveLength(18);
    expect(r.best.params['feature']).toBe(0);
    expect(r.ranking.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.ranking.slice(1).every((c, k) => c.mean <= r.ranking[k]!.mean)).toBe(true);
    // AUC ignores the temperature: the three feature-0 candidates tie and keep their drawn order
    const top = r.ranking.slice(0, 3);
    expect(top.every((c) => c.params['feature'] === 0)).toBe(true);
    expect(top.map((c) => c.index)).toEqual([...top.map((c) => c.index)].sort((a, b) => a - b));
    expect(r.best.foldScores).toHaveLength(3);
  });

  it('ranks a loss lowest first (log loss tells the temperatures apart)', async () => {
    const r = await searchParams(centroidEntry, { temperature: [0.05, 1, 20] }, X, y, { budget: 3, folds: 3, metric: 'log-loss', baseParams: { feature: 0 } });
    expect(r.ranking.map((c) => c.params['temperature'])).toEqual([1, 20, 0.05]);
    expect(r.best.mean).toBeLessThan(r.ranking[1]!.mean);
  });

  it('draws a reproducible candidate list from the seed, without repeats, inside the ranges', () => {
    const space = { learningRate: { low: 0.01, high: 0.3, scale: 'log' as const }, maxDepth: { low: 2, high: 6, integer: true }, loss: ['a', 'b'] };
    const a = drawCandidates(space, 20, 7);
    expect(a).toHaveLength(20);
    expect(drawCandidates(space, 20, 7)).toEqual(a);
    expect(drawCandidates(space, 20, 8)).not.toEqual(a);
    expect(new Set(a.map((c) => JSON.stringify(c))).size).toBe(20);
    expect(a.every((c) => (c['learningRate'] as number) >= 0.01 && (c['learningRate'] as number) <= 0.3)).toBe(true);
    expect(new Set(a.map((c) => c['maxDepth']))).toEqual(new Set([2, 3, 4, 5, 6]));
    // a list space larger than the budget: budget distinct candidates
    expect(new Set(drawCandidates({ a: [1, 2, 3, 4], b: [1, 2, 3] }, 5, 1).map((c) => JSON.stringify(c))).size).toBe(5);
  });

  it('refuses a bad budget, metric or space', async () => {
    await expect(searchParams(centroidEntry, { feature: [0] }, X, y, { budget: 0 })).rejects.toThrow(/Invalid searchParams budget: got 0/);
    await expect(searchParams(centroidEntry, { feature: [0] }, X, y, { budget: 1, metric: 'auc' as never })).rejects.toThrow(/Invalid searchParams metric/);
    await expect(searchParams(centroidEntry, { temperature: { low: 0, high: 1, scale: 'log' } }, X, y, { budget: 1 })).rejects.toThrow(/Invalid searchParams space.temperature/);
    await expect(searchParams(centroidEntry, {}, X, y, { budget: 1 })).rejects.toThrow(/space must be an object with at least one parameter/);
    const split = { fold: 0, train: Int32Array.from([0, 1, 2]), test: Int32Array.from([3, 400]) };
    await expect(searchParams(centroidEntry, { feature: [0] }, X, y, { budget: 1, folds: [split] })).rejects.toThrow(/searchParams: split 1 names row 400 but X has 400 rows/);
  });
});
