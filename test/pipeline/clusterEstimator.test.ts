import { describe, expect, it } from 'vitest';
import { CategoricalMatrix, mixedMatrix } from '../../src/cluster/CategoricalMatrix';
import { KPrototypesModel } from '../../src/cluster/kprototypes/KPrototypesModel';
import { UsageError } from '../../src/core/errors';
import { Matrix } from '../../src/core/Matrix';
import { Rng } from '../../src/core/rng';
import { clusterConfigSchema } from '../../src/pipeline/ClusterConfig';
import { clusterEstimator } from '../../src/pipeline/clusterEstimator';
import { clustererEntries, CLUSTERERS } from '../../src/cluster/clusterers';

describe('clusterEstimator: the registered algorithm with its declared defaults', () => {
  const X = Matrix.fromRows(
    Array.from({ length: 60 }, (_, i) => [(i % 3) * 10 + (i % 7) / 7, (i % 5) / 5]),
    ['a', 'b'],
  );
  const paramsOf = (config: Record<string, unknown>, k = 3, seed = 7) => (clusterEstimator(clusterConfigSchema.parse(config), k, seed, { eps: 2 }).fit(X).toJSON().params as Record<string, unknown>);

  it('an unset cluster.nInit is each algorithm\'s own default; k and the run seed go to the algorithms that take them', () => {
    expect(clusterConfigSchema.parse({}).nInit).toBeUndefined();
    expect(paramsOf({ algorithm: 'kmeans' })).toMatchObject({ k: 3, nInit: 4, seed: 7 });
    expect(paramsOf({ algorithm: 'minibatch-kmeans' })).toMatchObject({ k: 3, nInit: 10, seed: 7 });
    expect(paramsOf({ algorithm: 'gmm' })).toMatchObject({ k: 3, nInit: 4, seed: 7, covarianceType: 'full' });
    expect(paramsOf({ algorithm: 'dbscan', minSamples: 4 })).toEqual({ eps: 2, minSamples: 4 });
    expect(paramsOf({ algorithm: 'gmm', nInit: 2, covarianceType: 'diag' })).toMatchObject({ nInit: 2, covarianceType: 'diag' });
  });

  it('the config takes what the registry declares: algorithm names and each param\'s schema', () => {
    expect(clusterConfigSchema.innerType().shape.algorithm.removeDefault().options).toEqual([...CLUSTERERS.names]);
    expect(() => clusterConfigSchema.parse({ algorithm: 'kmedoids' })).toThrow(/kmeans.*minibatch-kmeans.*gmm.*dbscan.*kprototypes/);
    expect(() => clusterConfigSchema.parse({ nInit: 0 })).toThrow(/nInit/);
    expect(() => clusterConfigSchema.parse({ covarianceType: 'banana' })).toThrow(/covarianceType/);
    expect(clusterConfigSchema.parse({}).gamma).toBe('balanced');
    for (const entry of clustererEntries()) for (const key of entry.configParams) expect(Object.keys(clusterConfigSchema.innerType().shape), `${entry.name}.${key}`).toContain(key);
  });
});

describe('clusterEstimator: the k-prototypes adapter', () => {
  // Three numeric blobs; the category follows the blob 90% of the time.
  const rng = new Rng(3);
  const n = 90;
  const rows: number[][] = [];
  const colour: string[] = [];
  for (let i = 0; i < n; i++) {
    const b = i % 3;
    rows.push([b * 8 + rng.normal(0, 1), rng.normal(0, 1)]);
    colour.push(rng.bernoulli(0.9) ? ['red', 'green', 'blue'][b]! : 'grey');
  }
  const X = Matrix.fromRows(rows, ['a', 'b']);
  const categorical = CategoricalMatrix.fromColumns({ colour });
  const cfg = clusterConfigSchema.parse({ algorithm: 'kprototypes', k: 3, categorical: ['colour'] });

  it('predicts the rows it is bound to (the feature table) like KPrototypesModel.predict; other rows get a clear error', () => {
    const model = clusterEstimator(cfg, 3, 1, { categorical }).fit(X);
    expect(Array.from(model.predict(X))).toEqual(Array.from(model.labels));
    const saved = KPrototypesModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(saved.predict(mixedMatrix(X, categorical)))).toEqual(Array.from(model.predict(X)));
    // Customers outside the feature table have no categories here.
    const other = Matrix.fromRows(rows.slice(0, 10), ['a', 'b']);
    expect(() => model.predict(other)).toThrow(UsageError);
    expect(() => model.predict(other)).toThrow(/numeric has 10 rows but categorical has 90/);
  });

  it("cluster.gamma takes a number or a rule ('balanced' by default, 'huang')", () => {
    expect(clusterEstimator(cfg, 3, 1, { categorical }).fit(X).toJSON()).toMatchObject({ gammaRule: 'balanced' });
    const huang = clusterConfigSchema.parse({ algorithm: 'kprototypes', k: 3, categorical: ['colour'], gamma: 'huang' });
    expect(clusterEstimator(huang, 3, 1, { categorical }).fit(X).toJSON()).toMatchObject({ gammaRule: 'huang' });
    const given = clusterConfigSchema.parse({ algorithm: 'kprototypes', k: 3, categorical: ['colour'], gamma: 2.5 });
    expect(clusterEstimator(given, 3, 1, { categorical }).fit(X).toJSON()).toMatchObject({ gammaRule: 'given', gamma: 2.5 });
    expect(() => clusterConfigSchema.parse({ algorithm: 'kprototypes', gamma: 'auto' })).toThrow(/gamma/);
  });
});
