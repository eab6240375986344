import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterAssignSql } from '../../src/cluster/sql/clusterAssignSql';
import { KMeans } from '../../src/cluster/kmeans/KMeans';
import { InputError } from '../../src/core/errors';
import { Matrix } from '../../src/core/Matrix';
import { StandardScaler } from '../../src/features/transformers/StandardScaler';
import { assignOnClickHouse } from '../../src/pipeline/assignOnClickHouse';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import type { ClickHouseEngine } from '../../src/engine/ClickHouseEngine';
import { uploadToClickHouse } from '../../src/engine/uploadToClickHouse';
import { inspectAvailable, roleHintsFrom } from '../../src/features/AvailableData';
import { computeFeatures } from '../../src/features/computeFeatures';
import type { FeatureConfigInput } from '../../src/features/FeatureConfig';
import { planClickHouseFeatures } from '../../src/features/planClickHouseFeatures';
import { prepareClusterInput, type PreparedClusterInput } from '../../src/features/prepareClusterInput';
import { readFeatureTable } from '../../src/features/readFeatureTable';
import { clusterConfigSchema } from '../../src/pipeline/ClusterConfig';
import { HAVE_CDNOW_MASTER, loadCdnowMaster } from '../clv/cdnow';
import { compareLabels, fitEveryModel, fitKPrototypes, SAMPLE_DIR, tieGaps } from '../cluster/sql/assignFixtures';
import { SKIP_CLICKHOUSE, SKIP_REASON, startClickHouse } from './clickhouse';

/**
 * The session's tables prepared and clustered in process (DuckDB features), uploaded to the cluster, and
 * the feature statement of the same plan run on every shard with the compiled assignment around it.
 */
async function onBothEngines(session: DuckSession, engine: ClickHouseEngine, config: FeatureConfigInput, asOf: string, load?: object) {
  const features = await computeFeatures(session, config, asOf, load);
  const table = await readFeatureTable(session);
  const prep = prepareClusterInput(table, features.columns, clusterConfigSchema.parse({}));
  await session.run('DROP TABLE features');
  await uploadToClickHouse(session, engine);
  const available = { ...(await inspectAvailable(session, roleHintsFrom(load))), levels: features.levels };
  const plan = planClickHouseFeatures(available, config, asOf);
  return { prep, plan, table, columns: features.columns };
}

async function checkEveryModel(engine: ClickHouseEngine, prep: PreparedClusterInput, plan: ReturnType<typeof planClickHouseFeatures>, k: number) {
  for (const { name, model } of fitEveryModel(prep.X, k)) {
    const sql = clusterAssignSql(prep.steps, model.toJSON(), 'clickhouse', { from: `(${plan.clickhouse.sql})` });
    const perShard = await engine.allOnShards(sql, plan.clickhouse.settings);
    // Each shard assigns its own customers.
    expect(perShard.every((rows) => rows.length > 0)).toBe(true);
    const cmp = compareLabels(prep.ids, model.predict(prep.X), tieGaps(model, prep.X), perShard.flat());
    // A difference is allowed only at a near tie (features equal to 1e-9, LN(1 + x) for log1p); there is none.
    expect({ name, rows: cmp.rows, nearTies: cmp.nearTies, mismatches: cmp.mismatches }).toEqual({ name, rows: prep.ids.length, nearTies: 0, mismatches: [] });
  }
}

describe.skipIf(SKIP_CLICKHOUSE)(`segment assignment on a two-shard ClickHouse cluster equals predict${SKIP_CLICKHOUSE ? ` (${SKIP_REASON})` : ''}`, () => {
  let engine: ClickHouseEngine;
  let session: DuckSession;
  beforeAll(async () => {
    engine = await startClickHouse('seglab_test_assign');
    session = await DuckSession.open({ threads: 2 });
  }, 120_000);
  afterAll(async () => {
    session?.close();
    await engine?.close();
  });

  it('the committed sample (3,000 customers): k-means, mini-batch, the mixture of each covariance type and k-prototypes', async () => {
    const load = await loadTables(session, { customers: { path: 'customers.csv.gz', keepUnmapped: true }, transactions: { path: 'transactions.csv.gz' }, events: { path: 'events.csv.gz' } }, { baseDir: SAMPLE_DIR });
    const { prep, plan, table, columns } = await onBothEngines(session, engine, { windows: [30, 60, 90, 180, 365] }, '2026-07-01', load);
    expect(prep.steps.map((s) => s.kind)).toEqual(expect.arrayContaining(['SimpleImputer', 'Log1pTransformer', 'StandardScaler']));
    await checkEveryModel(engine, prep, plan, 5);
    // k-prototypes on region and device, compared by level name on the cluster.
    const withText = prepareClusterInput(table, columns, clusterConfigSchema.parse({ categorical: ['region', 'device'] }));
    const kp = fitKPrototypes(withText.X, withText.categorical!, 5);
    const sql = clusterAssignSql(withText.steps, kp.model.toJSON(), 'clickhouse', { from: `(${plan.clickhouse.sql})` });
    const rows = (await engine.allOnShards(sql, plan.clickhouse.settings)).flat();
    expect(compareLabels(withText.ids, kp.predicted, kp.gaps, rows).mismatches).toEqual([]);

    // Fitted where a column had no missing value, assigned where it has some: exit 2 with the count, not a wrong segment.
    const gappy = prep.columns.find((c) => c.missing > 0)!;
    const full = prep.columns.find((c) => c.missing === 0)!;
    const X = new Matrix(Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7]), 4, 2, [full.name, gappy.name]);
    const scaler = new StandardScaler({ columns: [full.name, gappy.name] }).fit(X);
    const model = new KMeans({ k: 2, seed: 1 }).fit(scaler.transform(X));
    const error = await assignOnClickHouse(engine, plan, [scaler.toJSON()], model.toJSON()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(`${gappy.missing} customers have a value the fitted preparation cannot take`);
  }, 300_000);

  it.skipIf(!HAVE_CDNOW_MASTER)('real data, CDNOW master (23,570 customers)', async () => {
    await session.run('DROP TABLE IF EXISTS customers; DROP TABLE IF EXISTS events');
    await loadCdnowMaster(session);
    const { prep, plan } = await onBothEngines(session, engine, { windows: [30, 90, 365] }, '1998-07-01');
    expect(prep.ids.length).toBe(23570);
    await checkEveryModel(engine, prep, plan, 6);
    // A model that needs a column this feature table lacks (CDNOW has no events: no sessions_90d): exit 2 naming it.
    const X = new Matrix(Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7]), 4, 2, ['recency_days', 'sessions_90d']);
    const scaler = new StandardScaler({ columns: ['recency_days', 'sessions_90d'] }).fit(X);
    const model = new KMeans({ k: 2, seed: 1 }).fit(scaler.transform(X));
    const error = await assignOnClickHouse(engine, plan, [scaler.toJSON()], model.toJSON()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/no column "sessions_90d", which the fitted model needs/);
  }, 300_000);
});
