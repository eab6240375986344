import { describe, expect, it } from 'vitest';
import { stratifiedKFold } from '../../../src/models/evaluation/stratifiedKFold';

describe('stratifiedKFold', () => {
  const y = Array.from({ length: 103 }, (_, i) => (i % 4 === 0 ? 1 : 0)); // 26 ones, 77 zeros

  it('every row is tested once; each fold keeps the class shares (counts differ by at most one) and sizes differ by at most one', () => {
    const splits = stratifiedKFold(y, { folds: 5, seed: 3 });
    expect(splits).toHaveLength(5);
    const tested = new Int32Array(103);
    for (const s of splits) {
      for (const i of s.test) tested[i]!++;
      expect(s.train.length + s.test.length).toBe(103);
      expect(new Set([...s.train, ...s.test]).size).toBe(103);
    }
    expect([...tested].every((t) => t === 1)).toBe(true);
    const ones = splits.map((s) => [...s.test].filter((i) => y[i] === 1).length);
    const sizes = splits.map((s) => s.test.length);
    expect(ones.reduce((a, b) => a + b, 0)).toBe(26);
    expect(Math.max(...ones) - Math.min(...ones)).toBeLessThanOrEqual(1);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('is seeded: same seed, same folds; another seed, other folds', () => {
    const a = stratifiedKFold(y, { folds: 4, seed: 1 });
    expect(stratifiedKFold(y, { folds: 4, seed: 1 })).toEqual(a);
    expect(stratifiedKFold(y, { folds: 4, seed: 2 })[0]!.test).not.toEqual(a[0]!.test);
  });

  it('refuses fewer rows of a class than folds, and bad params', () => {
    expect(() => stratifiedKFold([0, 0, 0, 1, 1], { folds: 3 })).toThrow(/y has 2 rows of class 1, fewer than the 3 folds[\s\S]*use at most 2 folds/);
    expect(() => stratifiedKFold(y, { folds: 1 })).toThrow(/Invalid stratifiedKFold folds: got 1, expected a whole number >= 2/);
    expect(() => stratifiedKFold([0, 0, 0])).toThrow(/single class: 0/);
  });
});
