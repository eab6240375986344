// Contracts every registered clustering algorithm passes (ARCHITECTURE.md, estimators): labels 0..k-1
// (-1 only where the entry declares noise), no empty cluster, same seed ⇒ identical model, row order does
// not change the partition, a JSON round trip predicts identically, bad input gets a clear error; and
// the same through the run config (clusterEstimator), k-prototypes' adapter included.
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, CategoricalMatrix, clusterConfigSchema, clustererEntries, clusterEstimator, InputError, Matrix, mixedMatrix, NOISE, UsageError, type AnyClustererEntry, type ClusterModel, type MixedMatrix } from '../../src';
import { blobs, expectBadCell, expectNoRows, FIXTURES, firstColumns, permuteRows, shuffledOrder, withValue } from './fixtures';

const { X, blob, cat, colours } = blobs();
type Input = Matrix | MixedMatrix;

/** The entry's input for numeric rows (k-prototypes adds the categorical part of the same rows). */
const inputOf = (entry: AnyClustererEntry, numeric: Matrix, categorical: CategoricalMatrix = cat): Input => (entry.accepts === 'mixed' ? mixedMatrix(numeric, categorical) : numeric);
const takes = (entry: AnyClustererEntry, key: string): boolean => key in entry.params.shape;

function fit(entry: AnyClustererEntry, input: Input, seed: number, k: number): ClusterModel<Input> {
  const params: Record<string, unknown> = { ...FIXTURES['clustering algorithm']![entry.name]!.params };
  if (takes(entry, 'k')) params.k = k;
  if (takes(entry, 'seed')) params.seed = seed;
  return entry.create(params).fit(input);
}

describe.each(clustererEntries().map((e) => [e.name, e] as const))('clustering contract: %s', (name, entry) => {
  const input = inputOf(entry, X);

  it('labels are 0..k-1 (-1 only for an algorithm that declares noise), no cluster is empty, kind is the registered name', () => {
    const m = fit(entry, input, 1, 3);
    expect(m.k).toBe(3);
    expect(m.kind).toBe(name);
    expect(m.toJSON().kind).toBe(name);
    const sizes = new Array<number>(m.k).fill(0);
    for (const l of m.labels) {
      if (l === NOISE) {
        expect(entry.noise).toBe(true);
        continue;
      }
      expect(Number.isInteger(l) && l >= 0 && l < m.k).toBe(true);
      sizes[l]!++;
    }
    expect(sizes.every((s) => s > 0)).toBe(true);
    // Well-separated blobs are found exactly.
    expect(adjustedRandIndex(m.labels, blob)).toBe(1);
  });

  it('the same seed gives an identical model', () => {
    expect(JSON.stringify(fit(entry, input, 5, 3).toJSON())).toBe(JSON.stringify(fit(entry, input, 5, 3).toJSON()));
  });

  it('row order does not change which rows are together', () => {
    const order = shuffledOrder(X.rows);
    const permuted = inputOf(entry, permuteRows(X, order), CategoricalMatrix.fromColumns({ colour: order.map((i) => colours[i]!) }));
    const a = fit(entry, input, 1, 3).labels;
    const b = fit(entry, permuted, 1, 3).labels;
    const back = new Int32Array(X.rows);
    order.forEach((src, dst) => (back[src] = b[dst]!));
    expect(adjustedRandIndex(a, back)).toBe(1);
  });

  it('a JSON round trip (through text, by the registry) predicts identically', () => {
    const m = fit(entry, input, 1, 3);
    const restored = entry.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(restored.kind).toBe(name);
    expect(Array.from(restored.predict(input))).toEqual(Array.from(m.predict(input)));
    // DBSCAN's predict gives a border row the nearest core's cluster, fit the first to reach it.
    if (!entry.noise) expect(Array.from(m.predict(input))).toEqual(Array.from(m.labels));
  });

  it('clear errors: 0 rows, NaN / Infinity by column and row, k > rows, constant columns, wrong columns at predict, unknown params', () => {
    const empty = new Matrix(new Float64Array(0), 0, 3, ['a', 'b', 'c']);
    expectNoRows(() => fit(entry, inputOf(entry, empty, CategoricalMatrix.fromColumns({ colour: [] })), 1, 3));
    expectBadCell(() => fit(entry, inputOf(entry, withValue(X, 4, 1, NaN)), 1, 3), 'b', 5);
    expectBadCell(() => fit(entry, inputOf(entry, withValue(X, 6, 2, -Infinity)), 1, 3), 'c', 7);
    if (takes(entry, 'k')) {
      const three = new Matrix(X.data.slice(0, 9), 3, 3, ['a', 'b', 'c']);
      expect(() => fit(entry, inputOf(entry, three, CategoricalMatrix.fromColumns({ colour: ['red', 'green', 'blue'] })), 1, 8)).toThrow(/n_samples=3 should be >= n_clusters=8/);
    }
    const constant = Matrix.fromRows(X.toRows().map((r) => [r[0]!, 5, r[2]!]), ['a', 'b', 'c']);
    expect(() => fit(entry, inputOf(entry, constant), 1, 3)).toThrow(InputError);
    expect(() => fit(entry, inputOf(entry, constant), 1, 3)).toThrow(/column "b".*constant/);
    const m = fit(entry, input, 1, 3);
    expect(() => m.predict(inputOf(entry, firstColumns(X, 2)))).toThrow(UsageError);
    // one fitted-columns check (core/checkFittedColumns) for every fitted model
    expect(() => m.predict(inputOf(entry, firstColumns(X, 2)))).toThrow(/does not have the columns the model was fitted on \(2 columns, expected 3\)/);
    expectBadCell(() => m.predict(inputOf(entry, withValue(X, 2, 0, NaN))), 'a', 3);
    expect(() => entry.create({ ...FIXTURES['clustering algorithm']![name]!.params, ...(takes(entry, 'k') ? { k: 3 } : {}), notAParam: 1 })).toThrow(/unknown key "notAParam"/);
  });
});

describe.each(clustererEntries().map((e) => [e.name, e] as const))('clustering contract through the run config (clusterEstimator): %s', (name, entry) => {
  const fixture = FIXTURES['clustering algorithm']![name]!;
  const cfg = clusterConfigSchema.parse({ algorithm: name, k: 3, ...fixture.config });
  const extra = { ...(fixture.eps !== undefined ? { eps: fixture.eps } : {}), categorical: entry.accepts === 'mixed' ? cat : null };
  const estimator = () => clusterEstimator(cfg, 3, 11, extra);

  it('fits the feature table, predicts its rows as labelled, and saves a model the registry restores', () => {
    const m = estimator().fit(X);
    expect(m.kind).toBe(name);
    expect(adjustedRandIndex(m.labels, blob)).toBe(1);
    if (!entry.noise) expect(Array.from(m.predict(X))).toEqual(Array.from(m.labels));
    expect(JSON.stringify(estimator().fit(X).toJSON())).toBe(JSON.stringify(m.toJSON()));
    const restored = entry.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(Array.from(restored.predict(inputOf(entry, X)))).toEqual(Array.from(m.predict(X)));
  });

  it('predict on other rows: the numeric algorithms predict them; the k-prototypes adapter refuses them, naming why', () => {
    const m = estimator().fit(X);
    const some = Matrix.fromRows(X.toRows().slice(0, 10), ['a', 'b', 'c']);
    if (entry.accepts === 'numeric') {
      expect(Array.from(m.predict(some))).toEqual(Array.from(entry.fromJSON(m.toJSON()).predict(some)));
    } else {
      // The adapter is bound to the feature table's categories; other customers' categories are unknown to it
      // (KPrototypesModel.predict takes them: it is covered above with a MixedMatrix).
      expect(() => m.predict(some)).toThrow(UsageError);
      expect(() => m.predict(some)).toThrow(/numeric has 10 rows but categorical has 120/);
    }
  });
});
