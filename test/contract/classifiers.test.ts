// Contracts every registered classifier (the surrogate decision tree) passes: clear errors, same seed ⇒
// identical model, a JSON round trip predicts identically, the order of the training rows does not change
// what it predicts. NaN is a missing value to a classifier (read as the rules read it), so only ±Infinity
// is a bad value.
import { describe, expect, it } from 'vitest';
import { CLASSIFIERS, Matrix, UsageError } from '../../src';
import { blobs, expectBadCell, expectNoRows, FIXTURES, firstColumns, permuteRows, shuffledOrder, withValue } from './fixtures';

const { X, blob } = blobs();

describe.each(CLASSIFIERS.list().map((e) => [e.name, e] as const))('classifier contract: %s', (name, entry) => {
  const params = FIXTURES.classifier![name]!.params;
  const fit = (input: Matrix, y: Int32Array | readonly number[], seed = 1) => entry.create({ ...params, seed } as never).fit(input, y);

  it('is the registered kind, learns the blobs, and the same seed gives an identical model', () => {
    const m = fit(X, blob);
    expect(m.kind).toBe(name);
    expect(m.toJSON().kind).toBe(name);
    expect(Array.from(m.predict(X))).toEqual(Array.from(blob));
    expect(JSON.stringify(fit(X, blob, 5).toJSON())).toBe(JSON.stringify(fit(X, blob, 5).toJSON()));
  });

  it('a JSON round trip (through text, by the registry) predicts identically', () => {
    const m = fit(X, blob);
    const probe = withValue(X, 3, 1, NaN);
    expect(Array.from(entry.fromJSON(JSON.parse(JSON.stringify(m.toJSON()))).predict(probe))).toEqual(Array.from(m.predict(probe)));
  });

  it('the order of the training rows does not change what it predicts', () => {
    const order = shuffledOrder(X.rows);
    const m = fit(permuteRows(X, order), order.map((i) => blob[i]!));
    expect(Array.from(m.predict(X))).toEqual(Array.from(fit(X, blob).predict(X)));
  });

  it('clear errors: no rows, ±Infinity by column and row, the wrong columns at predict, unknown params', () => {
    expectNoRows(() => fit(Matrix.zeros(0, 3), []));
    expectBadCell(() => fit(withValue(X, 4, 1, Infinity), blob), 'b', 5);
    const m = fit(X, blob);
    expect(() => m.predict(firstColumns(X, 2))).toThrow(UsageError);
    // one fitted-columns check (core/checkFittedColumns) for every fitted model
    expect(() => m.predict(firstColumns(X, 2))).toThrow(/X does not have the columns the model was fitted on \(2 columns, expected 3\)\. Fitted on: /);
    expectBadCell(() => m.predict(withValue(X, 0, 2, -Infinity)), 'c', 1);
    expect(() => entry.create({ notAParam: 1 } as never)).toThrow(/unknown key "notAParam"/);
  });
});
