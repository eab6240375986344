import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterAssignSql } from '../../../src/cluster/sql/clusterAssignSql';
import { DBSCAN } from '../../../src/cluster/dbscan/DBSCAN';
import { KMeans } from '../../../src/cluster/kmeans/KMeans';
import { InputError, UsageError } from '../../../src/core/errors';
import { Matrix } from '../../../src/core/Matrix';
import { DuckSession } from '../../../src/data/DuckSession';
import { loadTables } from '../../../src/data/loadTables';
import { computeFeatures } from '../../../src/features/computeFeatures';
import { prepareClusterInput } from '../../../src/features/prepareClusterInput';
import { readFeatureTable } from '../../../src/features/readFeatureTable';
import { Log1pTransformer } from '../../../src/features/transformers/Log1pTransformer';
import { MinMaxScaler } from '../../../src/features/transformers/MinMaxScaler';
import { SimpleImputer } from '../../../src/features/transformers/SimpleImputer';
import { clusterConfigSchema } from '../../../src/pipeline/ClusterConfig';
import { HAVE_CDNOW_MASTER, loadCdnowMaster } from '../../clv/cdnow';
import { compareLabels, fitEveryModel, fitKPrototypes, SAMPLE_DIR, tieGaps } from './assignFixtures';

/**
 * The hand-computed fixture: columns a (one customer missing, filled with 4) and b (log1p), centres
 * (0, 0) and (4, 2), no scaler.
 *   c1 (1, log1p 0 = 0):        d² 1 and 13                → 0
 *   c2 (NULL → 4, log1p(e²−1) ≈ 2): d² 20 and ≈0          → 1 (filled with 0 instead it would be 0)
 *   c3 (2.5, 0):                d² 6.25 and 6.25, a tie    → 0 (lowest index, as predict)
 *   c4 (0, log1p(e²−1) ≈ 2):    d² 4 and 16                → 0 (without the log, 40.8 and 35.3: 1)
 */
async function handFixture(session: DuckSession) {
  const e2 = Math.exp(2) - 1;
  await session.run(`CREATE OR REPLACE TABLE hand AS SELECT * FROM (VALUES ('c1', 1.0, 0.0), ('c2', NULL, ${e2}), ('c3', 2.5, 0.0), ('c4', 0.0, ${e2})) AS t(customer_id, a, b)`);
  const raw = new Matrix(Float64Array.from([1, 0, NaN, e2, 2.5, 0, 0, e2]), 4, 2, ['a', 'b']);
  const imputer = new SimpleImputer({ strategy: 'constant', fillValue: 4, columns: ['a'] }).fit(raw);
  const log = new Log1pTransformer({ columns: ['b'] }).fit(imputer.transform(raw));
  const X = log.transform(imputer.transform(raw));
  const model = new KMeans({ k: 2, init: [[0, 0], [4, 2]], maxIter: 1, nInit: 1 }).fit(X);
  // The fitted centres moved with the one iteration: put the hand-chosen ones back.
  const json = { ...model.toJSON(), centroids: [[0, 0], [4, 2]] };
  return { steps: [imputer.toJSON(), log.toJSON()], json, X };
}

describe('clusterAssignSql', () => {
  let session: DuckSession;
  beforeAll(async () => {
    session = await DuckSession.open({ threads: 2 });
  });
  afterAll(() => session?.close());

  it('the hand-computed fixture: imputed, log1p, a tie to the lowest index; the same SQL compiles for postgres and clickhouse', async () => {
    const { steps, json, X } = await handFixture(session);
    const sql = clusterAssignSql(steps, json, 'duckdb', { table: 'hand' });
    const rows = await session.all(`${sql} ORDER BY customer_id`);
    expect(rows.map((r) => [r.customer_id, Number(r.segment)])).toEqual([['c1', 0], ['c2', 1], ['c3', 0], ['c4', 0]]);
    const { KMeansModel } = await import('../../../src/cluster/kmeans/KMeansModel');
    expect(Array.from(KMeansModel.fromJSON(json).predict(X))).toEqual([0, 1, 0, 0]);
    expect(clusterAssignSql(steps, json, 'postgres', { table: 'hand' })).toMatch(/CAST\("a" AS DOUBLE PRECISION\)/);
    expect(clusterAssignSql(steps, json, 'clickhouse', { table: 'hand' })).toMatch(/CAST\(`a` AS Nullable\(Float64\)\)/);
  });

  it('a missing value no step fills, and a value log1p cannot take, give segment NULL', async () => {
    const { steps, json } = await handFixture(session);
    await session.run(`CREATE OR REPLACE TABLE hand2 AS SELECT * FROM (VALUES ('c1', 1.0, NULL), ('c2', 1.0, -1.0), ('c3', 1.0, 0.0)) AS t(customer_id, a, b)`);
    const rows = await session.all(`${clusterAssignSql(steps, json, 'duckdb', { table: 'hand2' })} ORDER BY customer_id`);
    expect(rows.map((r) => r.segment)).toEqual([null, null, 0]);
  });

  it('refuses DBSCAN, unknown models, unsupported steps and dialects with errors that name them', async () => {
    const { steps, json } = await handFixture(session);
    const X = new Matrix(Float64Array.from([0, 0, 0, 1, 5, 5, 5, 6]), 4, 2, ['a', 'b']);
    const dbscan = new DBSCAN({ eps: 2, minSamples: 2 }).fit(X).toJSON();
    expect(() => clusterAssignSql(steps, dbscan, 'duckdb', { table: 'hand' })).toThrow(UsageError);
    expect(() => clusterAssignSql(steps, dbscan, 'duckdb', { table: 'hand' })).toThrow(/DBSCAN clustering cannot be assigned in SQL.*every core point.*compiled clusterings: kmeans, minibatch-kmeans, gmm, kprototypes/);
    expect(() => clusterAssignSql(steps, { ...json, kind: 'spectral' }, 'duckdb', { table: 'hand' })).toThrow(/model.kind is "spectral"/);
    expect(() => clusterAssignSql(steps, '{"kind": "kmeans",', 'duckdb', { table: 'hand' })).toThrow(/Invalid cluster model JSON: /);
    expect(() => clusterAssignSql(steps, JSON.stringify(json), 'duckdb', { table: 'hand' })).not.toThrow();
    expect(() => clusterAssignSql(steps, { ...json, centroids: [[0, 0]] }, 'duckdb', { table: 'hand' })).toThrow(/Invalid KMeans JSON: centroids has 1 rows, expected k=2/);
    const minMax = new MinMaxScaler({}).fit(X).toJSON();
    expect(() => clusterAssignSql([minMax], json, 'duckdb', { table: 'hand' })).toThrow(/steps\[0\] is a MinMaxScaler, which the assignment does not compile/);
    expect(() => clusterAssignSql(steps, json, 'bigquery', { table: 'hand' })).toThrow(/not compiled to bigquery; dialects: duckdb, postgres, clickhouse/);
    expect(() => clusterAssignSql(steps, { ...json, columns: ['a', 'c'] }, 'duckdb', { table: 'hand' })).toThrow(/fitted on columns a, c, the steps prepare a, b/);
  });

  it('a feature the table lacks: an InputError naming it when the columns are given, the engine refuses the statement otherwise', async () => {
    const { steps, json } = await handFixture(session);
    await session.run(`CREATE OR REPLACE TABLE hand3 AS SELECT 'c1' AS customer_id, 1.0 AS a`);
    const error = (() => {
      try {
        clusterAssignSql(steps, json, 'duckdb', { table: 'hand3', columns: ['customer_id', 'a'] });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error!.message).toMatch(/no column "b", which the fitted model needs/);
    await expect(session.all(clusterAssignSql(steps, json, 'duckdb', { table: 'hand3' }))).rejects.toThrow(/"b"/);
  });

  it('the committed sample (3,000 customers): every customer gets predict\'s label, for k-means, mini-batch, the mixture of each covariance type and k-prototypes', async () => {
    const load = await loadTables(session, { customers: { path: 'customers.csv.gz', keepUnmapped: true }, transactions: { path: 'transactions.csv.gz' }, events: { path: 'events.csv.gz' } }, { baseDir: SAMPLE_DIR });
    const features = await computeFeatures(session, { windows: [30, 60, 90, 180, 365] }, '2026-07-01', load);
    const prep = prepareClusterInput(await readFeatureTable(session), features.columns, clusterConfigSchema.parse({}));
    // The sample needs every step kind: an imputer, log1p, the scaler.
    expect(prep.steps.map((s) => s.kind)).toEqual(expect.arrayContaining(['SimpleImputer', 'Log1pTransformer', 'StandardScaler']));
    for (const { name, model } of fitEveryModel(prep.X, 5)) {
      const rows = await session.all(clusterAssignSql(prep.steps, model.toJSON(), 'duckdb', { table: 'features' }));
      const cmp = compareLabels(prep.ids, model.predict(prep.X), tieGaps(model, prep.X), rows);
      expect({ name, rows: cmp.rows, mismatches: cmp.mismatches }).toEqual({ name, rows: 3000, mismatches: [] });
    }
    // k-prototypes on region and device (a NULL as its own level): numeric distance + gamma × mismatches.
    const withText = prepareClusterInput(await readFeatureTable(session), features.columns, clusterConfigSchema.parse({ categorical: ['region', 'device'] }));
    // 29 customers without a region: the level "(missing)" on both sides.
    expect(withText.categorical!.region!.filter((v) => v === null).length).toBe(29);
    const kp = fitKPrototypes(withText.X, withText.categorical!, 5);
    expect(kp.model.movedByCategorical).toBeGreaterThan(0);
    const rows = await session.all(clusterAssignSql(withText.steps, kp.model.toJSON(), 'duckdb', { table: 'features' }));
    expect(compareLabels(withText.ids, kp.predicted, kp.gaps, rows).mismatches).toEqual([]);
  }, 300_000);

  it.skipIf(!HAVE_CDNOW_MASTER)('real data, CDNOW master (23,570 customers): every customer gets predict\'s label', async () => {
    await session.run('DROP TABLE IF EXISTS customers; DROP TABLE IF EXISTS events');
    await loadCdnowMaster(session);
    const features = await computeFeatures(session, { windows: [30, 90, 365] }, '1998-07-01');
    const prep = prepareClusterInput(await readFeatureTable(session), features.columns, clusterConfigSchema.parse({}));
    expect(prep.steps.map((s) => s.kind)).toEqual(expect.arrayContaining(['Log1pTransformer', 'StandardScaler']));
    for (const { name, model } of fitEveryModel(prep.X, 6)) {
      const rows = await session.all(clusterAssignSql(prep.steps, model.toJSON(), 'duckdb', { table: 'features' }));
      const cmp = compareLabels(prep.ids, model.predict(prep.X), tieGaps(model, prep.X), rows);
      // Any difference must be a near tie (LN(1 + x) vs Math.log1p); there are none on this data.
      expect({ name, rows: cmp.rows, mismatches: cmp.mismatches }).toEqual({ name, rows: 23570, mismatches: [] });
    }
  }, 300_000);
});
