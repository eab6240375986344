import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterAssignSql } from '../../../src/cluster/sql/clusterAssignSql';
import { DuckSession } from '../../../src/data/DuckSession';
import { loadTables } from '../../../src/data/loadTables';
import { computeFeatures } from '../../../src/features/computeFeatures';
import { prepareClusterInput } from '../../../src/features/prepareClusterInput';
import { readFeatureTable } from '../../../src/features/readFeatureTable';
import { clusterConfigSchema } from '../../../src/pipeline/ClusterConfig';
import { dialectNumber } from '../../../src/rules/sql/sqlNumber';
import { SKIP_POSTGRES, startPostgres } from '../../rules/sql/postgres';
import { compareLabels, fitEveryModel, fitKPrototypes, SAMPLE_DIR, tieGaps } from './assignFixtures';

describe.skipIf(SKIP_POSTGRES)(`the compiled assignment on PostgreSQL${SKIP_POSTGRES ? ' (skipped: SEGLAB_SKIP_POSTGRES=1)' : ''}`, () => {
  let pg: Client;
  let session: DuckSession;
  beforeAll(async () => {
    pg = await startPostgres();
    session = await DuckSession.open({ threads: 2 });
  }, 120_000);
  afterAll(async () => {
    session?.close();
    await pg?.end();
  });

  it('the committed sample\'s feature columns as float8 (NULLs kept): every customer gets predict\'s label, every compiled model (k-prototypes on region and device)', async () => {
    const load = await loadTables(session, { customers: { path: 'customers.csv.gz', keepUnmapped: true }, transactions: { path: 'transactions.csv.gz' }, events: { path: 'events.csv.gz' } }, { baseDir: SAMPLE_DIR });
    const features = await computeFeatures(session, { windows: [30, 60, 90, 180, 365] }, '2026-07-01', load);
    const prep = prepareClusterInput(await readFeatureTable(session), features.columns, clusterConfigSchema.parse({}));
    const names = prep.columns.map((c) => c.name);
    const texts = ['region', 'device'];
    const table = await readFeatureTable(session, [...names, ...texts]);
    // The values exactly as the JavaScript read them (shortest round-trip literals), NULL where missing.
    await pg.query('DROP TABLE IF EXISTS seglab_assign_features');
    await pg.query(`CREATE TEMP TABLE seglab_assign_features (customer_id text, ${names.map((n) => `"${n}" double precision`).join(', ')}, ${texts.map((n) => `"${n}" text`).join(', ')})`);
    const text = (v: string | null) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);
    const values = table.ids.map((id, i) => `(${text(id)}, ${names.map((n) => (Number.isNaN(table.numeric[n]![i]!) ? 'NULL' : dialectNumber(table.numeric[n]![i]!, 'postgres'))).join(', ')}, ${texts.map((n) => text(table.categorical[n]![i]!)).join(', ')})`);
    await pg.query(`INSERT INTO seglab_assign_features VALUES ${values.join(', ')}`);
    expect(prep.columns.some((c) => c.missing > 0)).toBe(true);
    for (const { name, model } of fitEveryModel(prep.X, 5)) {
      const { rows } = await pg.query(clusterAssignSql(prep.steps, model.toJSON(), 'postgres', { table: 'seglab_assign_features' }));
      const cmp = compareLabels(prep.ids, model.predict(prep.X), tieGaps(model, prep.X), rows);
      expect({ name, rows: cmp.rows, mismatches: cmp.mismatches }).toEqual({ name, rows: 3000, mismatches: [] });
    }
    const withText = prepareClusterInput(await readFeatureTable(session), features.columns, clusterConfigSchema.parse({ categorical: texts }));
    const kp = fitKPrototypes(withText.X, withText.categorical!, 5);
    const { rows } = await pg.query(clusterAssignSql(withText.steps, kp.model.toJSON(), 'postgres', { table: 'seglab_assign_features' }));
    expect(compareLabels(withText.ids, kp.predicted, kp.gaps, rows).mismatches).toEqual([]);
  }, 300_000);
});
