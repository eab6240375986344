// Contract tests every clustering algorithm must pass (ARCHITECTURE.md, estimators): labels 0..k-1
// (-1 only for DBSCAN noise), no empty cluster, same seed ⇒ same labels, row order does not change the
// partition, a JSON round trip predicts identically, and bad input gets a clear error.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { Matrix } from '../../src/core/Matrix';
import { Rng } from '../../src/core/rng';
import { CategoricalMatrix, mixedMatrix, type MixedMatrix } from '../../src/cluster/CategoricalMatrix';
import { NOISE } from '../../src/cluster/ClusterModel';
import { DBSCAN } from '../../src/cluster/dbscan/DBSCAN';
import { DBSCANModel } from '../../src/cluster/dbscan/DBSCANModel';
import { GaussianMixture } from '../../src/cluster/mixture/GaussianMixture';
import { GaussianMixtureModel } from '../../src/cluster/mixture/GaussianMixtureModel';
import { KMeans } from '../../src/cluster/kmeans/KMeans';
import { KMeansModel } from '../../src/cluster/kmeans/KMeansModel';
import { KPrototypes } from '../../src/cluster/kprototypes/KPrototypes';
import { KPrototypesModel } from '../../src/cluster/kprototypes/KPrototypesModel';
import { MiniBatchKMeans } from '../../src/cluster/minibatch/MiniBatchKMeans';
import { MiniBatchKMeansModel } from '../../src/cluster/minibatch/MiniBatchKMeansModel';
import { adjustedRandIndex } from '../../src/cluster/metrics/adjustedRandIndex';

/** Three well-separated blobs of 40 rows in 3 columns, and a categorical column that follows the blob. */
function blobs(seed = 7): { X: Matrix; blob: Int32Array; cat: CategoricalMatrix } {
  const rng = new Rng(seed);
  const centres = [[0, 0, 0], [10, 10, 0], [0, 10, 10]];
  const n = 120;
  const data = new Float64Array(n * 3);
  const blob = new Int32Array(n);
  const colours: string[] = [];
  for (let i = 0; i < n; i++) {
    const b = i % 3;
    blob[i] = b;
    for (let j = 0; j < 3; j++) data[i * 3 + j] = centres[b]![j]! + rng.normal(0, 0.7);
    colours.push(rng.bernoulli(0.9) ? ['red', 'green', 'blue'][b]! : 'grey');
  }
  return { X: new Matrix(data, n, 3, ['a', 'b', 'c']), blob, cat: CategoricalMatrix.fromColumns({ colour: colours }) };
}

function permuteRows(X: Matrix, order: number[]): Matrix {
  const out = new Float64Array(X.data.length);
  order.forEach((src, dst) => out.set(X.row(src), dst * X.cols));
  return new Matrix(out, X.rows, X.cols, X.columns);
}

function permuteCat(C: CategoricalMatrix, order: number[]): CategoricalMatrix {
  const col = C.columns[0]!;
  const values = order.map((i) => C.levels[0]![C.codes[i * C.cols]!]!);
  return CategoricalMatrix.fromColumns({ [col]: values });
}

interface Case {
  name: string;
  /** Input of fit / predict for a numeric matrix (k-prototypes adds its categorical part). */
  input(X: Matrix, cat: CategoricalMatrix): Matrix | MixedMatrix;
  fit(input: Matrix | MixedMatrix, seed: number, k: number): { k: number; labels: Int32Array; predict(x: never): Int32Array; toJSON(): unknown };
  fromJSON(json: unknown): { predict(x: never): Int32Array };
  noise: boolean;
  usesK: boolean;
}

const cases: Case[] = [
  { name: 'KMeans', input: (X) => X, fit: (X, seed, k) => new KMeans({ k, seed }).fit(X as Matrix), fromJSON: (j) => KMeansModel.fromJSON(j), noise: false, usesK: true },
  { name: 'MiniBatchKMeans', input: (X) => X, fit: (X, seed, k) => new MiniBatchKMeans({ k, seed, batchSize: 32 }).fit(X as Matrix), fromJSON: (j) => MiniBatchKMeansModel.fromJSON(j), noise: false, usesK: true },
  { name: 'GaussianMixture', input: (X) => X, fit: (X, seed, k) => new GaussianMixture({ k, seed }).fit(X as Matrix), fromJSON: (j) => GaussianMixtureModel.fromJSON(j), noise: false, usesK: true },
  { name: 'DBSCAN', input: (X) => X, fit: (X) => new DBSCAN({ eps: 2, minSamples: 4 }).fit(X as Matrix), fromJSON: (j) => DBSCANModel.fromJSON(j), noise: true, usesK: false },
  {
    name: 'KPrototypes',
    input: (X, cat) => mixedMatrix(X, cat),
    fit: (X, seed, k) => new KPrototypes({ k, seed }).fit(X as MixedMatrix) as never,
    fromJSON: (j) => KPrototypesModel.fromJSON(j) as never,
    noise: false,
    usesK: true,
  },
];

describe.each(cases)('clustering contract: $name', (c) => {
  const { X, blob, cat } = blobs();
  const input = c.input(X, cat);

  it('labels are 0..k-1 (-1 only for DBSCAN noise) and no cluster is empty', () => {
    const m = c.fit(input, 1, 3);
    expect(m.k).toBe(3);
    const sizes = new Array<number>(m.k).fill(0);
    for (const l of m.labels) {
      if (l === NOISE) {
        expect(c.noise).toBe(true);
        continue;
      }
      expect(Number.isInteger(l) && l >= 0 && l < m.k).toBe(true);
      sizes[l]!++;
    }
    expect(sizes.every((s) => s > 0)).toBe(true);
    // Well-separated blobs are found exactly.
    expect(adjustedRandIndex(m.labels, blob)).toBe(1);
  });

  it('the same seed gives identical labels', () => {
    expect(Array.from(c.fit(input, 5, 3).labels)).toEqual(Array.from(c.fit(input, 5, 3).labels));
  });

  it('row order does not change which rows are together', () => {
    const order = Array.from({ length: X.rows }, (_, i) => i);
    new Rng(3).shuffle(order);
    const permuted = c.input(permuteRows(X, order), permuteCat(cat, order));
    const a = c.fit(input, 1, 3).labels;
    const b = c.fit(permuted, 1, 3).labels;
    const back = new Int32Array(X.rows);
    order.forEach((src, dst) => (back[src] = b[dst]!));
    expect(adjustedRandIndex(a, back)).toBe(1);
  });

  it('a JSON round trip (through text) predicts identically', () => {
    const m = c.fit(input, 1, 3);
    const restored = c.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(Array.from(restored.predict(input as never))).toEqual(Array.from(m.predict(input as never)));
    if (!c.noise) expect(Array.from(m.predict(input as never))).toEqual(Array.from(m.labels));
  });

  it('clear errors: 0 rows, NaN / Infinity with column and row, k > rows, constant columns', () => {
    const empty = new Matrix(new Float64Array(0), 0, 3, ['a', 'b', 'c']);
    const emptyCat = CategoricalMatrix.fromColumns({ colour: [] });
    expect(() => c.fit(c.input(empty, emptyCat), 1, 3)).toThrow(/0 rows/);
    const bad = Matrix.fromRows(X.toRows());
    const named = new Matrix(bad.data, bad.rows, bad.cols, ['a', 'b', 'c']);
    named.set(4, 1, NaN);
    expect(() => c.fit(c.input(named, cat), 1, 3)).toThrow(InputError);
    expect(() => c.fit(c.input(named, cat), 1, 3)).toThrow(/row 5, column "b"/);
    named.set(4, 1, Infinity);
    expect(() => c.fit(c.input(named, cat), 1, 3)).toThrow(/row 5, column "b".*Infinity/);
    const three = new Matrix(X.data.slice(0, 9), 3, 3, ['a', 'b', 'c']);
    const threeCat = CategoricalMatrix.fromColumns({ colour: ['red', 'green', 'blue'] });
    if (c.usesK) expect(() => c.fit(c.input(three, threeCat), 1, 8)).toThrow(/n_samples=3 should be >= n_clusters=8/);
    const constant = Matrix.fromRows(X.toRows().map((r) => [r[0]!, 5, r[2]!]), ['a', 'b', 'c']);
    expect(() => c.fit(c.input(constant, cat), 1, 3)).toThrow(/column "b".*constant/);
  });
});
