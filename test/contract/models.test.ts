// Contracts every churn / propensity model family (MODELS) passes: clear errors (no rows, NaN / ±Infinity by
// column and row, one class only, labels not 0/1, bad weights, the wrong columns at predict, unknown params);
// same seed ⇒ identical model JSON; a JSON round trip (through text, by the registry) ⇒ identical
// probabilities; probabilities in [0, 1] whose log-odds is decisionFunction. Fits are asynchronous for every
// family. NaN follows the entry's `missingValues`: 'error' refuses it, 'learned' predicts with it.
import { describe, expect, it } from 'vitest';
import { InputError, Matrix, MODELS, SeglabError, UsageError, type BinaryLabels, type ModelFitOptions } from '../../src';
import { binaryOutcome, FIXTURES, firstColumns, withValue } from './fixtures';

const { X, y } = binaryOutcome();

/** What a promise rejects with (fails when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection, the fit succeeded');
}

/** An InputError whose problems name the cell: column and 1-based row. */
function expectCell(err: unknown, column: string, row: number): void {
  expect(err).toBeInstanceOf(InputError);
  expect((err as InputError).problems.map((p) => p.location)).toContainEqual(expect.objectContaining({ column, row }));
}

/** What a synchronous call throws. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error, none was thrown');
}

describe.each(MODELS.list().map((e) => [e.name, e] as const))('model contract: %s', (name, entry) => {
  const params = FIXTURES.model![name]!.params;
  const takesSeed = 'seed' in entry.params.shape;
  const fit = (input: Matrix, labels: BinaryLabels, seed = 1, options?: ModelFitOptions) => entry.create({ ...params, ...(takesSeed ? { seed } : {}) } as never).fit(input, labels, options);

  it('is the registered kind, knows its columns, and the same seed gives an identical model JSON', async () => {
    const m = await fit(X, y);
    expect(m.kind).toBe(name);
    expect(m.featureNames).toEqual(['a', 'b', 'c']);
    const json = m.toJSON();
    expect(json.kind).toBe(name);
    expect(json.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(json.featureNames).toEqual(['a', 'b', 'c']);
    expect(JSON.stringify((await fit(X, y, 5)).toJSON())).toBe(JSON.stringify((await fit(X, y, 5)).toJSON()));
  });

  it('probabilities are in [0, 1], the logistic of decisionFunction, and better than chance on its training data', async () => {
    const m = await fit(X, y);
    const proba = m.predictProba(X);
    const raw = m.decisionFunction(X);
    expect(proba).toHaveLength(X.rows);
    expect(raw).toHaveLength(X.rows);
    expect(proba.every((p) => p >= 0 && p <= 1)).toBe(true);
    const logistic = Array.from(raw, (z) => 1 / (1 + Math.exp(-z)));
    // 1e-9: a forest's raw score is the logit of its (clamped) mean, whose logistic returns it to ~1e-12.
    expect(Math.max(...logistic.map((p, i) => Math.abs(p - proba[i]!)))).toBeLessThan(1e-9);
    // Mean probability of the events above that of the non-events: it learned the planted signal.
    let pos = 0;
    let neg = 0;
    let nPos = 0;
    for (let i = 0; i < X.rows; i++) {
      if (y[i] === 1) (pos += proba[i]!), nPos++;
      else neg += proba[i]!;
    }
    expect(pos / nPos - neg / (X.rows - nPos)).toBeGreaterThan(0.1);
  });

  it('a JSON round trip (through text, by the registry) gives identical probabilities', async () => {
    const m = await fit(X, y);
    const restored = entry.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(restored.kind).toBe(name);
    expect(Array.from(restored.predictProba(X))).toEqual(Array.from(m.predictProba(X)));
    expect(Array.from(restored.decisionFunction(X))).toEqual(Array.from(m.decisionFunction(X)));
    expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(m.toJSON()));
    expect(() => entry.fromJSON({ ...m.toJSON(), schemaVersion: 999 })).toThrow(/^Invalid .* JSON: schemaVersion/);
    expect(() => entry.fromJSON('{not json')).toThrow(UsageError);
  });

  it('no rows, and ±Infinity at fit and predict, are errors naming column and row', async () => {
    const none = await rejection(fit(Matrix.zeros(0, 3, ['a', 'b', 'c']), []));
    expect(none).toBeInstanceOf(SeglabError);
    expect((none as Error).message).toMatch(/0 rows/);
    expectCell(await rejection(fit(withValue(X, 4, 1, Infinity), y)), 'b', 5);
    expectCell(await rejection(fit(withValue(X, 9, 2, -Infinity), y)), 'c', 10);
    const m = await fit(X, y);
    expectCell(thrownBy(() => m.predictProba(withValue(X, 0, 2, -Infinity))), 'c', 1);
    expectCell(thrownBy(() => m.decisionFunction(withValue(X, 6, 0, Infinity))), 'a', 7);
  });

  it(`NaN follows missingValues ('${entry.missingValues}')`, async () => {
    const withNaN = withValue(withValue(X, 2, 0, NaN), 7, 1, NaN);
    if (entry.missingValues === 'error') {
      expectCell(await rejection(fit(withNaN, y)), 'a', 3);
      const m = await fit(X, y);
      expectCell(thrownBy(() => m.predictProba(withValue(X, 11, 1, NaN))), 'b', 12);
    } else {
      const m = await fit(withNaN, y);
      const proba = m.predictProba(withValue(X, 11, 1, NaN));
      expect(proba.every((p) => Number.isFinite(p) && p >= 0 && p <= 1)).toBe(true);
    }
  });

  it('one class only: "y contains a single class: 0" (or 1), with how to fix it', async () => {
    const zeros = await rejection(fit(X, new Uint8Array(X.rows)));
    expect(zeros).toBeInstanceOf(InputError);
    expect((zeros as Error).message).toMatch(/y contains a single class: 0/);
    expect((zeros as InputError).problems[0]!.hint).toBeTruthy();
    expect((await rejection(fit(X, new Uint8Array(X.rows).fill(1)))) as Error).toHaveProperty('message', expect.stringMatching(/y contains a single class: 1/));
  });

  it('labels other than 0/1 name the row; a wrong label count and bad weights are refused', async () => {
    const labels = Array.from(y);
    labels[41] = 2;
    const two = await rejection(fit(X, labels));
    expectCell(two, 'y', 42);
    expect((two as Error).message).toMatch(/row 42 is 2/);
    labels[41] = 0.5;
    expectCell(await rejection(fit(X, labels)), 'y', 42);
    expect(await rejection(fit(X, y.subarray(0, 10)))).toBeInstanceOf(UsageError);
    const weights = new Float64Array(X.rows).fill(1);
    weights[17] = -1;
    expectCell(await rejection(fit(X, y, 1, { sampleWeight: weights })), 'sampleWeight', 18);
    weights[17] = NaN;
    expectCell(await rejection(fit(X, y, 1, { sampleWeight: weights })), 'sampleWeight', 18);
    expect(((await rejection(fit(X, y, 1, { sampleWeight: new Float64Array(X.rows) }))) as Error).message).toMatch(/every sample weight is 0/);
    expect(await rejection(fit(X, y, 1, { sampleWeight: new Float64Array(5).fill(1) }))).toBeInstanceOf(UsageError);
  });

  it('the wrong columns at predict and unknown params are refused', async () => {
    const m = await fit(X, y);
    expect(() => m.predictProba(firstColumns(X, 2))).toThrow(/X does not have the columns the model was fitted on \(2 columns, expected 3\)\. Fitted on: a, b, c/);
    expect(() => m.decisionFunction(firstColumns(X, 2))).toThrow(UsageError);
    expect(() => entry.create({ notAParam: 1 } as never)).toThrow(/unknown key "notAParam"/);
  });
});
