// Contracts every registered decomposition (PCA) passes: clear errors, deterministic, a JSON round trip
// transforms identically, rows are transformed one by one and their order does not change the fit.
import { describe, expect, it } from 'vitest';
import { DECOMPOSITIONS, Matrix, UsageError } from '../../src';
import { blobs, expectBadCell, expectNoRows, FIXTURES, firstColumns, permuteRows, shuffledOrder, withValue } from './fixtures';

const { X } = blobs();

describe.each(DECOMPOSITIONS.list().map((e) => [e.name, e] as const))('decomposition contract: %s', (name, entry) => {
  const params = FIXTURES.decomposition![name]!.params;
  const fit = (input: Matrix) => entry.create(params as never).fit(input);

  it('is the registered kind, deterministic, and a JSON round trip (through text, by the registry) transforms identically', () => {
    const m = fit(X);
    expect(m.kind).toBe(name);
    expect(m.toJSON().kind).toBe(name);
    expect(JSON.stringify(fit(X).toJSON())).toBe(JSON.stringify(m.toJSON()));
    expect(entry.fromJSON(JSON.parse(JSON.stringify(m.toJSON()))).transform(X).toRows()).toEqual(m.transform(X).toRows());
  });

  it('transforms row by row, and a fit on permuted rows transforms alike', () => {
    const order = shuffledOrder(X.rows);
    const m = fit(X);
    const out = m.transform(X).toRows();
    expect(m.transform(permuteRows(X, order)).toRows()).toEqual(order.map((i) => out[i]!));
    fit(permuteRows(X, order))
      .transform(X)
      .toRows()
      .forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(out[i]![j]!, 9)));
  });

  it('clear errors: no rows, NaN / Infinity by column and row, the wrong columns at transform, unknown params', () => {
    expectNoRows(() => fit(Matrix.zeros(0, 3)));
    expectBadCell(() => fit(withValue(X, 4, 1, NaN)), 'b', 5);
    expectBadCell(() => fit(withValue(X, 9, 0, Infinity)), 'a', 10);
    const m = fit(X);
    expect(() => m.transform(firstColumns(X, 2))).toThrow(UsageError);
    // one fitted-columns check (core/checkFittedColumns) for every fitted model
    expect(() => m.transform(firstColumns(X, 2))).toThrow(/X does not have the columns the model was fitted on \(2 columns, expected 3\)\. Fitted on: /);
    expectBadCell(() => m.transform(withValue(X, 1, 2, -Infinity)), 'c', 2);
    expect(() => entry.create({ notAParam: 1 } as never)).toThrow(/unknown key "notAParam"/);
  });
});
