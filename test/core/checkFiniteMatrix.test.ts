import { describe, expect, it } from 'vitest';
import { checkFiniteMatrix, FINITE_RUN } from '../../src/core/checkFiniteMatrix';
import { InputError } from '../../src/core/errors';
import { Matrix } from '../../src/core/Matrix';

/** 5 rows × 3 columns (15 values: three blocks of four and a tail of three), every value distinct. */
const base = () => new Matrix(Float64Array.from({ length: 15 }, (_, p) => p * 1.5 - 4), 5, 3, ['a', 'b', 'c']);

describe('checkFiniteMatrix', () => {
  it('finds a bad value at every position (the four-way pass and its tail), named by column and 1-based row', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      for (let p = 0; p < 15; p++) {
        const X = base();
        X.data[p] = bad;
        let error: unknown;
        try {
          checkFiniteMatrix(X, 'fit');
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).problems).toEqual([
          expect.objectContaining({ check: 'non-finite', location: expect.objectContaining({ column: ['a', 'b', 'c'][p % 3], row: Math.floor(p / 3) + 1 }), count: 1 }),
        ]);
      }
    }
  });

  it('finds a bad value at the edges of the runs it checks in, and in a last run of one value', () => {
    // 2 runs and 1 value (32,769 = 3 × 10,923): 3 columns, so that each position has a known row and column.
    const cols = 3;
    const n = 2 * FINITE_RUN + 1;
    const rows = n / cols;
    expect(Number.isInteger(rows)).toBe(true);
    const positions = [0, 3, FINITE_RUN - 1, FINITE_RUN, FINITE_RUN + 1, 2 * FINITE_RUN - 1, 2 * FINITE_RUN, n - 1];
    const found = positions.map((p) => {
      const X = new Matrix(Float64Array.from({ length: n }, (_, q) => (q % 97) * 0.5), rows, cols, ['a', 'b', 'c']);
      X.data[p] = NaN;
      try {
        checkFiniteMatrix(X, 'fit');
        return 'passed';
      } catch (e) {
        const [only] = (e as InputError).problems;
        return `${only!.location!.column}:${only!.location!.row}`;
      }
    });
    expect(found).toEqual(positions.map((p) => `${['a', 'b', 'c'][p % cols]}:${Math.floor(p / cols) + 1}`));
  });

  it('counts every bad value of a column and names the first; other columns are still checked for constants', () => {
    const X = base();
    X.data[4] = NaN; // b, row 2
    X.data[13] = Infinity; // b, row 5
    for (let i = 0; i < 5; i++) X.data[i * 3 + 2] = 7; // c constant
    let error: InputError | undefined;
    try {
      checkFiniteMatrix(X, 'fit', { refuseConstantColumns: true });
    } catch (e) {
      error = e as InputError;
    }
    expect(error?.problems.map((p) => [p.check, p.location?.column, p.count])).toEqual([
      ['non-finite', 'b', 2],
      ['constant-column', 'c', 5],
    ]);
    expect(error?.message).toMatch(/value NaN is not a finite number/);
    expect(error?.message).toMatch(/every row holds 7/);
  });

  it('a column is constant only when every row holds its first value (a change in the last row is enough)', () => {
    const X = base();
    for (let i = 0; i < 5; i++) X.data[i * 3] = 2;
    expect(() => checkFiniteMatrix(X, 'fit', { refuseConstantColumns: true })).toThrow(/constant column cannot separate clusters/);
    expect(() => checkFiniteMatrix(X, 'fit')).not.toThrow();
    X.data[12] = 2.5;
    expect(() => checkFiniteMatrix(X, 'fit', { refuseConstantColumns: true })).not.toThrow();
    // 0 and -0 are one value, as ever.
    for (let i = 0; i < 5; i++) X.data[i * 3] = i % 2 ? -0 : 0;
    expect(() => checkFiniteMatrix(X, 'fit', { refuseConstantColumns: true })).toThrow(/every row holds 0/);
  });
});
