// The shared entry checks of every model family (src/models/check*.ts), including the 'learned' NaN policy
// that no family registered so far uses (the histogram trees will).
import { describe, expect, it } from 'vitest';
import { InputError, Matrix, UsageError } from '../../src';
import { checkBinaryLabels } from '../../src/models/checkBinaryLabels';
import { checkFitInput } from '../../src/models/checkFitInput';
import { checkModelMatrix } from '../../src/models/checkModelMatrix';
import { checkSampleWeight } from '../../src/models/checkSampleWeight';

const X = Matrix.fromRows(
  [
    [1, 2, 3],
    [4, NaN, 6],
    [7, 8, Infinity],
    [NaN, -Infinity, 0],
  ],
  ['a', 'b', 'c'],
);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
const locations = (err: unknown) => (err as InputError).problems.map((p) => p.location);

describe('checkModelMatrix', () => {
  it("'learned' lets NaN through and names the first ±Infinity of every column by row", () => {
    const err = thrown(() => checkModelMatrix(X, 'Trees.fit', 'learned'));
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/^Trees\.fit: the input has infinite values\./);
    expect(locations(err)).toEqual([
      { column: 'b', row: 4 },
      { column: 'c', row: 3 },
    ]);
    expect(() => checkModelMatrix(Matrix.fromRows([[NaN, 1]], ['a', 'b']), 'Trees.fit', 'learned')).not.toThrow();
  });

  it("'error' names NaN and ±Infinity alike, the first of each column, with the fix (impute)", () => {
    const err = thrown(() => checkModelMatrix(X, 'LogisticRegression.fit', 'error'));
    expect(locations(err)).toEqual([
      { column: 'a', row: 4 },
      { column: 'b', row: 2 },
      { column: 'c', row: 3 },
    ]);
    expect((err as InputError).problems[0]!.hint).toMatch(/impute missing values first/);
  });

  it('0 rows is an error at fit, an empty prediction at predict; predict checks the fitted columns', () => {
    const empty = Matrix.zeros(0, 2, ['a', 'b']);
    for (const policy of ['error', 'learned'] as const) {
      expect(() => checkModelMatrix(empty, 'M.fit', policy)).toThrow(/M\.fit: the input has 0 rows; pass at least 1 row to fit on\./);
      expect(() => checkModelMatrix(empty, 'M.predictProba', policy, ['a', 'b'])).not.toThrow();
      expect(() => checkModelMatrix(empty, 'M.predictProba', policy, ['b', 'a'])).toThrow(/column 1 is "a", expected "b"/);
    }
    expect(() => checkModelMatrix([[1]] as never, 'M.fit', 'error')).toThrow('M.fit: X must be a Matrix (got object).');
  });
});

describe('checkBinaryLabels and checkSampleWeight', () => {
  it('labels: 0/1 only (true, "1", 1.0000001 refused by row), one per row, both classes', () => {
    expect(Array.from(checkBinaryLabels([0, 1, 1], 3, 'M.fit'))).toEqual([0, 1, 1]);
    expect(Array.from(checkBinaryLabels(Int32Array.from([1, 0]), 2, 'M.fit'))).toEqual([1, 0]);
    for (const bad of [true, '1', 1.0000001, NaN] as const) {
      const labels: unknown[] = [0, 1, bad];
      expect(locations(thrown(() => checkBinaryLabels(labels as never, 3, 'M.fit')))).toEqual([{ column: 'y', row: 3 }]);
    }
    expect(() => checkBinaryLabels([0, 1], 3, 'M.fit')).toThrow(UsageError);
    expect(() => checkBinaryLabels(null as never, 3, 'M.fit')).toThrow('M.fit: y must be an array of 0/1 labels (got null).');
    expect(() => checkBinaryLabels([1, 1], 2, 'M.fit')).toThrow(/^M\.fit: y contains a single class: 1; /);
  });

  it('weights: none is null; one per row, finite and >= 0 by row, not all 0', () => {
    expect(checkSampleWeight(undefined, 3, 'M.fit')).toBeNull();
    expect(Array.from(checkSampleWeight([0, 2, 0.5], 3, 'M.fit')!)).toEqual([0, 2, 0.5]);
    expect(locations(thrown(() => checkSampleWeight([1, Infinity, 1], 3, 'M.fit')))).toEqual([{ column: 'sampleWeight', row: 2 }]);
    expect(() => checkSampleWeight([0, 0], 2, 'M.fit')).toThrow(/every sample weight is 0/);
    expect(() => checkSampleWeight([1], 2, 'M.fit')).toThrow('M.fit: sampleWeight has 1 values, X has 2 rows; pass one weight per row of X.');
  });

  it('checkFitInput checks X first, then the labels, then the weights', () => {
    const ok = Matrix.fromRows([[1], [2]], ['a']);
    expect(checkFitInput(ok, [0, 1], { sampleWeight: [1, 3] }, 'M.fit', 'error')).toEqual({ y: Uint8Array.from([0, 1]), sampleWeight: Float64Array.from([1, 3]) });
    expect(() => checkFitInput(Matrix.fromRows([[NaN], [2]], ['a']), [0, 0], undefined, 'M.fit', 'error')).toThrow(/not finite numbers/);
    expect(() => checkFitInput(ok, [0, 0], { sampleWeight: [-1, 1] }, 'M.fit', 'error')).toThrow(/single class: 0/);
  });
});
