// What the contract suite runs every registry entry on: one fixture per registered entry, in one place,
// so that an entry registered without one fails test/contract/coverage.test.ts.
import { expect } from 'vitest';
import { CategoricalMatrix, CLASSIFIERS, CLUSTERERS, CLV_MODELS, DECOMPOSITIONS, DRIFT_TESTS, EXPERIMENT_TESTS, InputError, K_SELECTION_CRITERIA, Matrix, MODELS, Rng, SeglabError, TRANSFORMERS, type Registry, type RegistryEntry } from '../../src';

/** Every registry under contract, by the name its entries are registered as ("clustering algorithm", …). */
export const REGISTRIES: readonly Registry<RegistryEntry>[] = [CLUSTERERS, TRANSFORMERS, DECOMPOSITIONS, CLASSIFIERS, K_SELECTION_CRITERIA, MODELS, CLV_MODELS, EXPERIMENT_TESTS, DRIFT_TESTS] as unknown as Registry<RegistryEntry>[];

/** Per registry, per entry: the params the contract passes (beside k and seed, which it sets itself) and extras. */
export interface Fixture {
  /** Params for a fit on the contract's data (k and seed added when the entry takes them). */
  params: Record<string, unknown>;
  /** Clusterers: `cluster:` keys for the run-config path, and what the stage passes beside (DBSCAN's eps). */
  config?: Record<string, unknown>;
  eps?: number;
}

export const FIXTURES: Record<string, Record<string, Fixture>> = {
  'clustering algorithm': {
    kmeans: { params: {} },
    'minibatch-kmeans': { params: { batchSize: 32 } },
    gmm: { params: {} },
    dbscan: { params: { eps: 2, minSamples: 4 }, config: { minSamples: 4 }, eps: 2 },
    kprototypes: { params: {}, config: { categorical: ['colour'] } },
  },
  transformer: {
    StandardScaler: { params: {} },
    RobustScaler: { params: {} },
    MinMaxScaler: { params: {} },
    Log1pTransformer: { params: {} },
    Winsorizer: { params: { lower: 0.05, upper: 0.95 } },
    SimpleImputer: { params: {} },
    // An unseen category at transform is an error naming column and row (the text kind's bad value).
    OneHotEncoder: { params: { handleUnknown: 'error' } },
  },
  decomposition: {
    pca: { params: { nComponents: 2 } },
  },
  classifier: {
    'decision-tree': { params: { maxDepth: 3, minSamplesLeaf: 5 } },
  },
  // Churn / propensity model families (models/models.ts): params for a fit on binaryOutcome() (seed added when taken).
  model: {
    'logistic-regression': { params: {} },
    'hist-gradient-boosting': { params: { maxIter: 20, minSamplesLeaf: 5 } },
    'random-forest': { params: { nEstimators: 10, minSamplesLeaf: 2, threads: 1 } },
    mlp: { params: { hiddenLayers: [8], maxEpochs: 60, batchSize: 32, learningRate: 0.01, backend: 'cpu' } },
  },
  // CLV models (clv/clvModels.ts): params for a fit on clvCustomers() (seed added when taken).
  'CLV model': {
    'bg-nbd': { params: {} },
    'mbg-nbd': { params: {} },
    'pareto-nbd': { params: { nStarts: 2 } },
    'gamma-gamma': { params: {} },
  },
  'k-selection criterion': {
    elbow: { params: {} },
    silhouette: { params: {} },
    calinskiHarabasz: { params: {} },
    daviesBouldin: { params: {} },
    bic: { params: {} },
    gap: { params: { nRefs: 3 } },
  },
  'experiment test': {
    'z-test': { params: {} },
    'fisher-exact': { params: {} },
    'chi-square': { params: { correction: true } },
    welch: { params: {} },
    'mann-whitney': { params: {} },
  },
  // Per-feature drift tests (drift/driftTests.ts): params for runDriftTest on the contract's samples.
  'drift test': {
    ks: { params: {} },
    'chi-square': { params: {} },
    'z-test': { params: {} },
    psi: { params: { bins: 10 } },
    'jensen-shannon': { params: { bins: 10 } },
    wasserstein: { params: {} },
  },
};

/** Three well-separated blobs of 40 rows in 3 columns, and a categorical column that follows the blob. */
export function blobs(seed = 7): { X: Matrix; blob: Int32Array; cat: CategoricalMatrix; colours: string[] } {
  const rng = new Rng(seed);
  const centres = [
    [0, 0, 0],
    [10, 10, 0],
    [0, 10, 10],
  ];
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
  return { X: new Matrix(data, n, 3, ['a', 'b', 'c']), blob, cat: CategoricalMatrix.fromColumns({ colour: colours }), colours };
}

/**
 * 300 rows in 3 columns with a binary outcome drawn from a logistic ground truth (log-odds 1.5·a − b + 0.5,
 * c pure noise, about 60% events): classes overlap, so every model family has a finite optimum.
 */
export function binaryOutcome(seed = 11): { X: Matrix; y: Uint8Array } {
  const rng = new Rng(seed);
  const n = 300;
  const data = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal(0, 1);
    const b = rng.normal(0, 1);
    data.set([a, b, rng.normal(5, 2)], i * 3);
    y[i] = rng.bernoulli(1 / (1 + Math.exp(-(1.5 * a - b + 0.5)))) ? 1 : 0;
  }
  return { X: new Matrix(data, n, 3, ['a', 'b', 'c']), y };
}

/** A random order of 0..n-1 (seeded). */
export function shuffledOrder(n: number, seed = 3): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  new Rng(seed).shuffle(order);
  return order;
}

/** The rows of X in the given order (row i of the result is row order[i] of X). */
export function permuteRows(X: Matrix, order: readonly number[]): Matrix {
  const out = new Float64Array(X.data.length);
  order.forEach((src, dst) => out.set(X.row(src), dst * X.cols));
  return new Matrix(out, X.rows, X.cols, X.columns);
}

/** X with one value replaced (0-based row and column). */
export function withValue(X: Matrix, row: number, col: number, value: number): Matrix {
  const data = X.data.slice();
  data[row * X.cols + col] = value;
  return new Matrix(data, X.rows, X.cols, X.columns);
}

/** The first columns of X (a matrix with a wrong column count for a model fitted on X). */
export function firstColumns(X: Matrix, cols: number): Matrix {
  return Matrix.fromRows(
    X.toRows().map((r) => r.slice(0, cols)),
    X.columns.slice(0, cols),
  );
}

/** What fn throws. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error, none was thrown');
}

/** fn fails with an InputError whose problems name the cell: column and 1-based row. */
export function expectBadCell(fn: () => unknown, column: string, row: number): void {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(InputError);
  expect((err as InputError).problems.map((p) => p.location)).toContainEqual(expect.objectContaining({ column, row }));
}

/** fn fails with one of seglab's errors (exit 2 at the CLI) saying there are no rows. */
export function expectNoRows(fn: () => unknown): void {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(SeglabError);
  expect((err as Error).message).toMatch(/0 rows|at least 1 row/);
}

/**
 * 400 customers simulated from a buy-till-you-die process (seeded): purchase rates spread over 0.05–0.65
 * per week, exponential lifetimes with rates 0.01–0.11 per week, ages 20–39 weeks, spend 10–40 per day.
 * Heterogeneous enough that every CLV model has a finite optimum.
 */
export function clvCustomers(seed = 11): { customerIds: string[]; frequency: Float64Array; recency: Float64Array; T: Float64Array; monetaryValue: Float64Array; unit: 'weeks' } {
  const rng = new Rng(seed);
  const n = 400;
  const out = { customerIds: [] as string[], frequency: new Float64Array(n), recency: new Float64Array(n), T: new Float64Array(n), monetaryValue: new Float64Array(n), unit: 'weeks' as const };
  for (let i = 0; i < n; i++) {
    const T = 20 + (i % 20);
    const rate = 0.05 + 0.6 * rng.next();
    const spend = 10 + 30 * rng.next();
    const death = -Math.log(1 - rng.next()) / (0.01 + 0.1 * rng.next());
    let t = 0;
    let x = 0;
    let last = 0;
    let total = 0;
    for (;;) {
      t += -Math.log(1 - rng.next()) / rate;
      if (t > Math.min(T, death)) break;
      x++;
      last = t;
      total += spend * (0.5 + rng.next());
    }
    out.customerIds.push(`c${i + 1}`);
    out.frequency[i] = x;
    out.recency[i] = last;
    out.T[i] = T;
    out.monetaryValue[i] = x > 0 ? total / x : 0;
  }
  return out;
}
