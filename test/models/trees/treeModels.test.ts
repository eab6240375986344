import { describe, expect, it } from 'vitest';
import { InputError, Matrix, UsageError } from '../../../src';
import type { FittedModel, ModelEntry } from '../../../src/models/ModelEntry';
import { histGradientBoostingEntry, randomForestEntry } from '../../../src/models/trees/treeModels';
import { auc, nonlinearData, withCell } from './treeFixtures';

// Small and quick params for each family; the checks are the contract every model family meets.
const ENTRIES: { name: string; entry: ModelEntry; small: Record<string, unknown> }[] = [
  { name: 'hist-gradient-boosting', entry: histGradientBoostingEntry as unknown as ModelEntry, small: { maxIter: 20 } },
  { name: 'random-forest', entry: randomForestEntry as unknown as ModelEntry, small: { nEstimators: 10, threads: 1 } },
];
const { X, y } = nonlinearData(1500, 6, 7);
const test = nonlinearData(1000, 6, 8);

describe.each(ENTRIES)('$name entry', ({ entry, small }) => {
  const fit = (X2: Matrix, y2: ArrayLike<number>, params = small): Promise<FittedModel> => entry.create(params).fit(X2, y2 as Uint8Array);

  it('declares learned missing values, strict params with a described default for each field', () => {
    expect(entry.missingValues).toBe('learned');
    expect(entry.accepts).toBe('numeric with binary labels');
    for (const [key, field] of Object.entries(entry.params.shape)) expect((field as { description?: string }).description, key).toBeTruthy();
    expect(() => entry.create({ nope: 1 })).toThrow(UsageError);
    expect(() => entry.create({ nope: 1 })).toThrow(/unknown key "nope"/);
    expect(() => entry.create({ seed: -1 })).toThrow(/Invalid \w+ seed: got -1/);
  });

  it('learns a non-linear truth with NaN cells, probabilities in [0, 1], logistic(decisionFunction) = predictProba', async () => {
    const model = await fit(X, y);
    const p = model.predictProba(test.X);
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(auc(p, test.y)).toBeGreaterThan(0.8);
    const raw = model.decisionFunction(test.X);
    for (let i = 0; i < 50; i++) expect(1 / (1 + Math.exp(-raw[i]!))).toBeCloseTo(p[i]!, 9);
  });

  it('same seed, same model; JSON round trip, same probabilities', async () => {
    const a = await fit(X, y);
    const b = await fit(X, y);
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    const back = entry.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(Array.from(back.predictProba(test.X))).toEqual(Array.from(a.predictProba(test.X)));
    const other = await fit(X, y, { ...small, seed: 99 });
    if (entry.name === 'random-forest') expect(JSON.stringify(other.toJSON())).not.toBe(JSON.stringify(a.toJSON()));
  });

  it('refuses 0 rows, ±Infinity (by column and row), one class, labels other than 0/1, wrong columns at predict', async () => {
    await expect(fit(Matrix.zeros(0, 3), [])).rejects.toThrow(InputError);
    await expect(fit(withCell(X, 41, 2, Infinity), y)).rejects.toThrow(/column "f2": value Infinity is not a finite number/);
    await expect(fit(withCell(X, 41, 2, -Infinity), y)).rejects.toThrow(/row 42/);
    await expect(fit(X, new Uint8Array(X.rows))).rejects.toThrow('y contains a single class: 0');
    await expect(fit(X, new Uint8Array(X.rows).fill(1))).rejects.toThrow('y contains a single class: 1');
    const twos = Array.from(y, (v, i) => (i === 9 ? 2 : v));
    await expect(fit(X, twos)).rejects.toThrow(/y row 10 is 2; a churn \/ propensity label is 0/);
    await expect(fit(X, Array.from(y).slice(1))).rejects.toThrow(UsageError);
    const model = await fit(X, y);
    const narrow = new Matrix(new Float64Array(5 * 10), 10, 5);
    expect(() => model.predictProba(narrow)).toThrow(/5 columns, expected 6/);
    expect(() => model.decisionFunction(narrow)).toThrow(UsageError);
    expect(() => model.predictProba(withCell(test.X, 3, 0, Infinity))).toThrow(InputError);
    expect(() => entry.fromJSON({ ...model.toJSON(), featureNames: 'x' })).toThrow(/Invalid \w+ JSON: featureNames/);
    expect(() => entry.fromJSON('{')).toThrow(UsageError);
  });

  it('refuses bad sample weights and categorical columns that are not level codes', async () => {
    await expect(entry.create(small).fit(X, y, { sampleWeight: new Float64Array(X.rows).fill(-1) })).rejects.toThrow(/sampleWeight row 1 is -1; weights are finite numbers >= 0/);
    await expect(entry.create({ ...small, categoricalFeatures: [9] }).fit(X, y)).rejects.toThrow(/column index 9/);
    await expect(entry.create({ ...small, categoricalFeatures: [0] }).fit(X, y)).rejects.toThrow(/categorical column "f0"/);
  });

  it('sends missing values the learned side: NaN in a column that marks the event', async () => {
    // Column 0 is NaN exactly for the rows of class 1 (and noise otherwise): the trees must learn "missing → 1".
    const n = 600;
    const data = new Float64Array(n * 2);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 3 === 0 ? 1 : 0;
      data[i * 2] = labels[i] ? NaN : (i % 17) / 17;
      data[i * 2 + 1] = (i * 7919) % 101;
    }
    const model = await fit(new Matrix(data, n, 2), labels, { ...small, minSamplesLeaf: 5 });
    const p = model.predictProba(Matrix.fromRows([[NaN, 50], [0.5, 50]]));
    expect(p[0]).toBeGreaterThan(0.9);
    expect(p[1]).toBeLessThan(0.1);
  });
});
