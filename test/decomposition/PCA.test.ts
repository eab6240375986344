import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/core/Matrix';
import { PCA } from '../../src/decomposition/PCA';

describe('PCA', () => {
  it('finds the direction of a line and the explained variance (by hand)', () => {
    // Points on y = x: all variance along (1, 1)/√2; PC1 scores are ±√2, 0.
    const X = Matrix.fromRows([[-1, -1], [0, 0], [1, 1]], ['x', 'y']);
    const model = new PCA({ nComponents: 2 }).fit(X);
    expect(model.explainedVarianceRatio[0]).toBeCloseTo(1, 12);
    expect(model.explainedVarianceRatio[1]).toBeCloseTo(0, 12);
    expect(Array.from(model.components.row(0)).map((v) => v * Math.SQRT2)).toEqual([expect.closeTo(1, 12), expect.closeTo(1, 12)]);
    const scores = model.transform(X);
    expect(Array.from(scores.column(0))).toEqual([expect.closeTo(-Math.SQRT2, 12), expect.closeTo(0, 12), expect.closeTo(Math.SQRT2, 12)]);
  });

  it('orders components by variance and refuses other columns', () => {
    // x varies 10× more than y, uncorrelated: PC1 = x axis.
    const X = Matrix.fromRows([[-10, 1], [10, -1], [-10, -1], [10, 1]], ['x', 'y']);
    const model = new PCA().fit(X);
    expect(Math.abs(model.components.get(0, 0))).toBeCloseTo(1, 12);
    expect(model.explainedVarianceRatio[0]).toBeCloseTo(100 / 101, 12);
    expect(() => model.transform(Matrix.fromRows([[1, 2]], ['a', 'b']))).toThrow(/fitted columns x, y/);
  });
});
