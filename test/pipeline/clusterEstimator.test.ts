import { describe, expect, it } from 'vitest';
import { CategoricalMatrix, mixedMatrix } from '../../src/cluster/CategoricalMatrix';
import { KPrototypesModel } from '../../src/cluster/kprototypes/KPrototypesModel';
import { UsageError } from '../../src/core/errors';
import { Matrix } from '../../src/core/Matrix';
import { Rng } from '../../src/core/rng';
import { clusterConfigSchema } from '../../src/pipeline/ClusterConfig';
import { clusterEstimator } from '../../src/pipeline/clusterEstimator';

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
