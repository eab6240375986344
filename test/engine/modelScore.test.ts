// The models' SQL (modelScoreSql, clickhouse dialect) executed on the two-shard ClickHouse cluster: every family
// that compiles to SQL (logistic, boosted trees, random forest), calibrated (Platt, isotonic) and not, scores the
// scoring features like the in-process model, to 1e-9. Small models fitted here on the committed sample
// (test/models/trainAndScore.test.ts checks the same on DuckDB and PostgreSQL with its bigger ones).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarDate } from '../../src/core/CalendarDate';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables } from '../../src/data/loadTables';
import { ClickHouseEngine } from '../../src/engine/ClickHouseEngine';
import { readFeatureTable } from '../../src/features/readFeatureTable';
import type { FeatureFrame } from '../../src/models/design/FeatureFrame';
import { calibrationMethodOf } from '../../src/models/evaluation/Calibrator';
import { parseModelsConfig } from '../../src/models/ModelsConfig';
import { modelScoreSql } from '../../src/models/sql/modelScoreSql';
import { frameRows, trainAndScore, type TrainedModel } from '../../src/models/trainAndScore';
import { quoteIdentifier } from '../../src/rules/sql/quoteIdentifier';
import { SKIP_CLICKHOUSE, SKIP_REASON, startClickHouse } from './clickhouse';

const sample = join(__dirname, '..', '..', 'data', 'sample');
const AS_OF = CalendarDate.parse('2026-07-01');
const DATABASE = 'seglab_test_models';

describe.skipIf(SKIP_CLICKHOUSE)(`the models' SQL on the two-shard ClickHouse cluster scores like the model${SKIP_CLICKHOUSE ? ` (${SKIP_REASON})` : ''}`, () => {
  let session: DuckSession;
  let engine: ClickHouseEngine;
  const models = new Map<string, { t: TrainedModel; frame: FeatureFrame }>();

  beforeAll(async () => {
    engine = await startClickHouse(DATABASE);
    session = await DuckSession.open({ threads: 2 });
    const load = await loadTables(session, { customers: { path: 'customers.csv.gz', keepUnmapped: true }, transactions: { path: 'transactions.csv.gz' }, events: { path: 'events.csv.gz' } }, { baseDir: sample });
    const params = { 'hist-gradient-boosting': { maxIter: 15, maxLeafNodes: 8 }, 'random-forest': { nEstimators: 10, maxDepth: 5, threads: 1 } };
    for (const [family, calibration] of [
      ['logistic-regression', 'none'], ['hist-gradient-boosting', 'none'], ['random-forest', 'none'],
      ['logistic-regression', 'platt'], ['hist-gradient-boosting', 'isotonic'], ['random-forest', 'platt'], ['random-forest', 'isotonic'],
    ] as const) {
      const config = parseModelsConfig({ target: { kind: 'churn', horizonDays: 90 }, snapshots: 2, family, calibration, params });
      // keepTables: the SQL is checked over the scoring features (training_asof), in scoring order.
      const t = await trainAndScore(session, {}, AS_OF, config, { available: load, resamples: 20, keepTables: true });
      const table = await readFeatureTable(session, undefined, { table: 'training_asof' });
      const at = new Map(table.ids.map((id, i) => [id, i]));
      models.set(`${family} ${calibration}`, { t, frame: frameRows(table, Int32Array.from(t.scores.ids, (id) => at.get(id)!)) });
    }
    // Boosting with its default params (100 iterations of up to 31 leaves): SQL past ClickHouse's default max_query_size.
    const config = parseModelsConfig({ target: { kind: 'churn', horizonDays: 90 }, snapshots: 2, family: 'hist-gradient-boosting' });
    const t = await trainAndScore(session, {}, AS_OF, config, { available: load, resamples: 20, keepTables: true });
    const table = await readFeatureTable(session, undefined, { table: 'training_asof' });
    const at = new Map(table.ids.map((id, i) => [id, i]));
    models.set('hist-gradient-boosting none (default params)', { t, frame: frameRows(table, Int32Array.from(t.scores.ids, (id) => at.get(id)!)) });
  }, 600_000);
  afterAll(async () => {
    session?.close();
    await engine?.close();
  });

  it('logistic, boosted trees and random forest, calibrated or not: the clickhouse SQL over the features on the cluster gives the in-process probabilities (1e-9), every customer', async () => {
    expect(models.size).toBe(8);
    for (const [name, { t, frame }] of models) {
      expect(calibrationMethodOf(t.calibrator), name).toBe(name.split(' ')[1]);
      const shards = await featuresOnCluster(engine, t, frame);
      // Both shards hold customers: the statement runs distributed.
      expect(shards.every((n) => n > 100), `${name}: rows per shard ${shards.join(', ')}`).toBe(true);
      const sql = modelScoreSql(t.model, t.encoder, 'clickhouse', { table: 'features', calibrator: t.calibrator });
      // ClickHouse parses at most max_query_size bytes (default 256 KiB) into at most max_ast_elements nodes
      // (50,000; 500,000 after aliases expand): a big model's statement needs them raised (an element takes a character at least).
      const big = sql.length > 262_144 ? { max_query_size: String(2 * sql.length), max_ast_elements: String(sql.length), max_expanded_ast_elements: String(sql.length) } : {};
      if (name.endsWith('(default params)')) expect(sql.length, name).toBeGreaterThan(262_144);
      const rows = await engine.all(`SELECT customer_id, probability AS p FROM (${sql})`, big).catch((e: Error) => {
        throw new Error(`${name}: ${e.message.split('\n')[0]} (${sql.length} characters of SQL)`);
      });
      expect(rows.length, name).toBe(t.scores.ids.length);
      const byId = new Map(t.scores.ids.map((id, i) => [id, t.scores.probability[i]!]));
      let worst = 0;
      for (const r of rows) {
        const expected = byId.get(String(r.customer_id));
        expect(expected, `${name}: ${String(r.customer_id)} is no scored customer`).toBeDefined();
        const d = Math.abs(Number(r.p) - expected!);
        worst = Math.max(worst, d);
        expect(d, `${name} ${String(r.customer_id)}: ClickHouse ${String(r.p)}, in process ${expected}`).toBeLessThan(1e-9);
      }
      expect(new Set(rows.map((r) => r.customer_id)).size, name).toBe(t.scores.ids.length);
      process.stderr.write(`${name}: ${rows.length} customers on ClickHouse, largest difference ${worst.toExponential(2)} (${sql.length} characters of SQL)\n`);
    }
  }, 600_000);
});

/**
 * The model's input columns for its scored customers as table `features` on the cluster: a MergeTree table on
 * every shard and a Distributed table over them sharded by customer id. Numbers go in as their exact bits (8
 * bytes as hex), strings as UTF-8 hex, so the table holds the very doubles the model read, whatever ClickHouse's
 * text parsing of numbers. Returns the rows per shard.
 */
async function featuresOnCluster(engine: ClickHouseEngine, t: TrainedModel, frame: FeatureFrame): Promise<number[]> {
  const q = (name: string) => quoteIdentifier(name, 'clickhouse');
  const inputs = t.encoder.inputColumns;
  const ddl = [`customer_id String`, ...inputs.map((c) => `${q(c.name)} Nullable(${c.role === 'numeric' ? 'Float64' : 'String'})`)].join(', ');
  const urls = await engine.shardUrls();
  for (const url of urls) {
    const shard = await ClickHouseEngine.connect({ ...engine.settings, url, database: 'default' });
    try {
      await shard.run(`CREATE DATABASE IF NOT EXISTS ${DATABASE}`);
      await shard.run(`DROP TABLE IF EXISTS ${DATABASE}.features`);
      await shard.run(`DROP TABLE IF EXISTS ${DATABASE}.features_local`);
      await shard.run(`CREATE TABLE ${DATABASE}.features_local (${ddl}) ENGINE = MergeTree() ORDER BY tuple()`);
      await shard.run(`CREATE TABLE ${DATABASE}.features AS ${DATABASE}.features_local ENGINE = Distributed(${engine.settings.cluster}, ${DATABASE}, features_local, cityHash64(customer_id))`);
    } finally {
      await shard.close();
    }
  }
  // Hex text into a staging table (plain literals: 18.16's VALUES parser cuts long expression rows at its
  // buffer's end), then the exact values from it into the Distributed table.
  const hex = (bytes: Buffer) => `'${bytes.toString('hex')}'`;
  const rows = t.scores.ids.map((id, i) => {
    const values = inputs.map((c) => {
      if (c.role === 'numeric') {
        const x = frame.numeric[c.name]![i]!;
        if (Number.isNaN(x)) return 'NULL';
        const bytes = Buffer.alloc(8);
        bytes.writeDoubleLE(x);
        return hex(bytes);
      }
      const s = frame.categorical[c.name]![i] ?? null;
      return s === null ? 'NULL' : hex(Buffer.from(s, 'utf8'));
    });
    return `(${[hex(Buffer.from(id, 'utf8')), ...values].join(', ')})`;
  });
  const staging = `${DATABASE}.features_hex`;
  await engine.run(`DROP TABLE IF EXISTS ${staging}`);
  await engine.run(`CREATE TABLE ${staging} (customer_id String, ${inputs.map((c) => `${q(c.name)} Nullable(String)`).join(', ')}) ENGINE = Memory`);
  await engine.run(`INSERT INTO ${staging} VALUES ${rows.join(', ')}`);
  const exact = inputs.map((c) => (c.role === 'numeric' ? `reinterpretAsFloat64(unhex(${q(c.name)}))` : `unhex(${q(c.name)})`));
  await engine.run(`INSERT INTO ${DATABASE}.features SELECT unhex(customer_id), ${exact.join(', ')} FROM ${staging}`, { insert_distributed_sync: 1 });
  await engine.run(`DROP TABLE ${staging}`);
  const perShard: number[] = [];
  for (const url of urls) {
    const shard = await ClickHouseEngine.connect({ ...engine.settings, url, database: 'default' });
    try {
      perShard.push(Number((await shard.all(`SELECT count() AS n FROM ${DATABASE}.features_local`))[0]?.n));
    } finally {
      await shard.close();
    }
  }
  return perShard;
}
