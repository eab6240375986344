// Contracts every registered transformer passes: clear errors (no rows, a bad value by column and row,
// the wrong columns at transform, unknown params), fitting is deterministic, a JSON round trip (by the
// registry and by transformerFromJSON) transforms identically, rows are transformed one by one and their
// order does not change the fit, and inverseTransform undoes transform where the entry says it can.
import { describe, expect, it } from 'vitest';
import { Matrix, Rng, transformerEntries, transformerFromJSON, UsageError, type AnyTransformerEntry, type StringColumns } from '../../src';
import { expectBadCell, expectNoRows, FIXTURES, firstColumns, permuteRows, shuffledOrder, withValue } from './fixtures';

/** 40 rows of positive, long-tailed, distinct-valued numbers in 3 columns (every transformer's domain). */
function numeric(): Matrix {
  const rng = new Rng(21);
  return Matrix.fromColumns({
    spend: Array.from({ length: 40 }, () => Math.exp(rng.normal(4, 1))),
    orders: Array.from({ length: 40 }, () => 1 + rng.int(30) + rng.next() / 10),
    days: Array.from({ length: 40 }, () => 400 * rng.next()),
  });
}
/** 40 rows of two text columns, one value missing. */
function text(): StringColumns {
  const rng = new Rng(22);
  return {
    region: Array.from({ length: 40 }, (_, i) => (i === 7 ? null : ['north', 'south', 'east'][rng.int(3)]!)),
    device: Array.from({ length: 40 }, () => ['mobile', 'desktop'][rng.int(2)]!),
  };
}
const permuteText = (cols: StringColumns, order: readonly number[]): StringColumns => Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, order.map((i) => v[i]!)]));

type Input = Matrix | StringColumns;
const inputOf = (entry: AnyTransformerEntry): Input => (entry.accepts === 'text' ? text() : numeric());
const fit = (entry: AnyTransformerEntry, input: Input) => entry.create({ ...FIXTURES.transformer![entry.name]!.params }).fit(input);
const rowsOf = (m: Matrix): number[][] => m.toRows();

describe.each(transformerEntries().map((e) => [e.name, e] as const))('transformer contract: %s', (name, entry) => {
  const input = inputOf(entry);

  it('the model is the registered kind; fitting twice gives an identical model (nothing random, nothing from the clock)', () => {
    const m = fit(entry, input);
    expect(m.kind).toBe(name);
    expect(m.toJSON().kind).toBe(name);
    expect(JSON.stringify(fit(entry, input).toJSON())).toBe(JSON.stringify(m.toJSON()));
  });

  it('a JSON round trip (through text, by the registry and by transformerFromJSON) transforms identically', () => {
    const m = fit(entry, input);
    const text = JSON.stringify(m.toJSON());
    const out = rowsOf(m.transform(input));
    expect(rowsOf(entry.fromJSON(JSON.parse(text)).transform(input))).toEqual(out);
    expect(rowsOf((transformerFromJSON(text) as { transform(X: Input): Matrix }).transform(input))).toEqual(out);
    // Saved JSON holds numbers, never null.
    expect(text).not.toContain('null');
  });

  it('transforms row by row: permuted rows give the permuted result, and a fit on permuted rows transforms alike', () => {
    const order = shuffledOrder(40);
    const permuted = entry.accepts === 'text' ? permuteText(input as StringColumns, order) : permuteRows(input as Matrix, order);
    const m = fit(entry, input);
    const out = rowsOf(m.transform(input));
    expect(rowsOf(m.transform(permuted))).toEqual(order.map((i) => out[i]!));
    const again = rowsOf(fit(entry, permuted).transform(input));
    // Sums may round in another order: equal to 12 significant digits.
    again.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(out[i]![j]!, 10)));
  });

  it('clear errors: no rows, a bad value by column and row, the wrong columns at transform, unknown params', () => {
    const m = fit(entry, input);
    if (entry.accepts === 'text') {
      expectNoRows(() => fit(entry, { region: [], device: [] }));
      expect(() => m.transform({ region: ['north'] })).toThrow(UsageError);
      // Its bad value: a category never seen (handleUnknown 'error'); a missing one is a category of its own.
      expectBadCell(() => m.transform({ region: ['north', 'west'], device: ['mobile', 'mobile'] }), 'region', 2);
      expect(entry.missing).toBe('category');
      expect(m.transform({ region: [null], device: ['mobile'] }).rows).toBe(1);
    } else {
      const X = input as Matrix;
      expectNoRows(() => fit(entry, Matrix.zeros(0, 3)));
      expect(() => m.transform(firstColumns(X, 2))).toThrow(UsageError);
      // one fitted-columns check (core/checkFittedColumns) for every fitted model
      expect(() => m.transform(firstColumns(X, 2))).toThrow(/X does not have the columns the model was fitted on \(2 columns, expected 3\)\. Fitted on: /);
      expectBadCell(() => fit(entry, withValue(X, 4, 1, Infinity)), 'orders', 5);
      expectBadCell(() => m.transform(withValue(X, 2, 0, -Infinity)), 'spend', 3);
      if (entry.missing === 'refuse') {
        expectBadCell(() => fit(entry, withValue(X, 6, 2, NaN)), 'days', 7);
        expectBadCell(() => m.transform(withValue(X, 0, 2, NaN)), 'days', 1);
      } else {
        // SimpleImputer: NaN is what it fills.
        expect(entry.missing).toBe('fill');
        expect(Number.isFinite(m.transform(withValue(X, 0, 2, NaN)).get(0, 2))).toBe(true);
      }
    }
    expect(() => entry.create({ notAParam: 1 })).toThrow(/unknown key "notAParam"/);
  });

  it(`${entry.invertible ? 'inverseTransform undoes transform' : 'has no inverseTransform (not invertible)'}`, () => {
    const m = fit(entry, input) as unknown as { transform(X: Matrix): Matrix; inverseTransform?(X: Matrix): Matrix };
    expect(typeof m.inverseTransform === 'function').toBe(entry.invertible);
    if (!m.inverseTransform) return;
    const X = input as Matrix;
    const back = rowsOf(m.inverseTransform(m.transform(X)));
    back.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(X.get(i, j), 8)));
  });
});
