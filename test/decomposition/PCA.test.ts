import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/core/Matrix';
import { InputError } from '../../src/core/errors';
import { PCA, PCAModel } from '../../src/decomposition/PCA';

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
    expect(() => model.transform(Matrix.fromRows([[1, 2]], ['a', 'b']))).toThrow('PCAModel.transform: X does not have the columns the model was fitted on (column 1 is "a", expected "x"). Fitted on: x, y.');
  });
});

describe('PCAModel JSON and bad input', () => {
  const X = Matrix.fromRows([[-10, 1, 0], [10, -1, 1], [-10, -1, 2], [10, 1, 3]], ['x', 'y', 'z']);

  it('saves params, means, loadings and explained variance; restores with identical scores', () => {
    const model = new PCA({ nComponents: 2 }).fit(X);
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    expect(json).toMatchObject({ schemaVersion: 1, kind: 'pca', params: { nComponents: 2 }, columns: ['x', 'y', 'z'] });
    expect(Array.from(PCAModel.fromJSON(json).transform(X).data)).toEqual(Array.from(model.transform(X).data));
    expect(() => PCAModel.fromJSON({ ...json, components: [json.components[0]] })).toThrow('Invalid PCA JSON: components has 1 rows, expected params.nComponents = 2.');
    expect(() => PCAModel.fromJSON({ ...json, kind: 'kmeans' })).toThrow(/Invalid PCA JSON: kind/);
  });

  it('names a non-finite value by column and row, at fit and transform; refuses unknown params', () => {
    const bad = Matrix.fromRows([[1, 2], [3, NaN], [5, 6]], ['a', 'b']);
    expect(() => new PCA().fit(bad)).toThrow(InputError);
    expect(() => new PCA().fit(bad)).toThrow(/row 2, column "b": value NaN is not a finite number/);
    const model = new PCA().fit(Matrix.fromRows([[1, 2], [3, 5], [5, 6]], ['a', 'b']));
    expect(() => model.transform(Matrix.fromRows([[Infinity, 1]], ['a', 'b']))).toThrow(/row 1, column "a": value Infinity/);
    expect(() => new PCA().fit(Matrix.zeros(0, 2))).toThrow(/0 rows/);
    expect(() => new PCA({ components: 2 } as never)).toThrow('Invalid PCA params: unknown key "components"; PCA takes nComponents.');
  });
});
