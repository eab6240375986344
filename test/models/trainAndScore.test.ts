// The models layer end to end on the synthetic sample (churn, 90 days, 3 snapshots, out of time): every
// SQL-able family trains, evaluates and scores; its SQL (six dialects written, DuckDB and PostgreSQL run)
// gives the in-process probabilities to 1e-9 over the scoring features; a saved model round-trips; the card
// holds intervals that contain their estimate and a lift table that adds up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarDate } from '../../src/core/CalendarDate';
import { DuckSession } from '../../src/data/DuckSession';
import { loadTables, type LoadResult } from '../../src/data/loadTables';
import { parseModelsConfig } from '../../src/models/ModelsConfig';
import { savedModelFromJSON, savedModelProbability, savedModelToJSON } from '../../src/models/SavedModel';
import { modelScoreSql } from '../../src/models/sql/modelScoreSql';
import { trainAndScore, type TrainedModel } from '../../src/models/trainAndScore';
import { rocAuc } from '../../src/models/evaluation/rocAuc';
import type { Progress } from '../../src/core/progress';
import { SKIP_POSTGRES, startPostgres } from '../rules/sql/postgres';

const sample = join(__dirname, '..', '..', 'data', 'sample');
const AS_OF = CalendarDate.parse('2026-07-01');

describe('trainAndScore on the synthetic sample (churn within 90 days)', () => {
  let session: DuckSession;
  let load: LoadResult;
  const trained = new Map<string, TrainedModel>();
  // The same families calibrated (models.calibration): what the SQL and the saved model must reproduce too.
  const calibrated = new Map<string, TrainedModel>();
  let pg: Client | null = null;

  beforeAll(async () => {
    session = await DuckSession.open({ threads: 2 });
    load = await loadTables(session, { customers: { path: 'customers.csv.gz', keepUnmapped: true }, transactions: { path: 'transactions.csv.gz' }, events: { path: 'events.csv.gz' } }, { baseDir: sample });
    for (const family of ['logistic-regression', 'hist-gradient-boosting', 'random-forest'] as const) {
      const config = parseModelsConfig({ target: { kind: 'churn', horizonDays: 90 }, snapshots: 3, family, params: { 'hist-gradient-boosting': { maxIter: 25, maxLeafNodes: 8 }, 'random-forest': { nEstimators: 20, maxDepth: 6, threads: 1 } } });
      // keepTables: the SQL is checked over the scoring features (training_asof).
      trained.set(family, await trainAndScore(session, {}, AS_OF, config, { available: load, resamples: 200, keepTables: true }));
    }
    for (const [family, calibration] of [['logistic-regression', 'platt'], ['hist-gradient-boosting', 'isotonic'], ['random-forest', 'platt']] as const) {
      // The calibrated forest is shallower: DuckDB inlines the SQL's layers, so a calibrated forest's SQL costs about twice the
      // plain one's memory, and 20 trees of depth 6 passed the session's 1.8 GiB (README, known limits).
      const config = parseModelsConfig({ target: { kind: 'churn', horizonDays: 90 }, snapshots: 3, family, calibration, params: { 'hist-gradient-boosting': { maxIter: 25, maxLeafNodes: 8 }, 'random-forest': { nEstimators: 20, maxDepth: 4, threads: 1 } } });
      calibrated.set(`${family} ${calibration}`, await trainAndScore(session, {}, AS_OF, config, { available: load, resamples: 200, keepTables: true }));
    }
    if (!SKIP_POSTGRES) pg = await startPostgres();
  }, 300_000);
  afterAll(async () => {
    session?.close();
    await pg?.end();
  });

  it('tests out of time on the latest snapshot, with intervals around their estimates and a lift table that adds up', () => {
    expect(trained.size).toBe(3);
    for (const [family, t] of trained) {
      const c = t.card;
      expect(c.family, family).toBe(family);
      expect(c.validation.scheme).toBe('out-of-time');
      expect(c.snapshots.map((s) => s.asOf)).toEqual(['2025-10-04', '2026-01-02', '2026-04-02']);
      // The test rows are the latest snapshot's.
      expect(c.validation.testRows).toBe(c.snapshots[2]!.rows);
      for (const m of [c.metrics.rocAuc, c.metrics.averagePrecision, c.metrics.brier]) {
        expect(m.low).toBeLessThanOrEqual(m.estimate);
        expect(m.high).toBeGreaterThanOrEqual(m.estimate);
      }
      expect(c.metrics.rocAuc.estimate, family).toBeGreaterThan(0.6);
      expect(c.lift).toHaveLength(10);
      expect(c.lift.at(-1)!.cumulativeGain).toBeCloseTo(1, 12);
      expect(c.lift.reduce((n, r) => n + r.rows, 0)).toBeCloseTo(c.validation.testRows, 9);
      expect(c.drivers.length).toBe(c.inputs.length);
      expect(t.scores.ids.length).toBe(c.scored.customers);
      expect(t.scores.probability.every((p) => p >= 0 && p <= 1)).toBe(true);
      expect(t.scores.reasons.some((r) => r.length > 0)).toBe(true);
    }
  });

  it('per customer, the contributions add up to the score: log-odds (boosting, logistic) against its base', () => {
    const t = trained.get('hist-gradient-boosting')!;
    const all = t.model.decisionFunction(t.encoder.transform(frameOf(t)));
    const raw = Array.from(t.scores.explained, (row) => all[row]!);
    const C = t.scores.contributions!;
    // The explained customers are the contact budget's share, the highest scores.
    expect(C.rows).toBe(Math.ceil(0.1 * t.scores.ids.length));
    const lowestExplained = Math.min(...Array.from(t.scores.explained, (r) => t.scores.probability[r]!));
    expect(t.scores.probability.filter((p) => p > lowestExplained).length).toBeLessThan(C.rows);
    const sums = Array.from({ length: C.rows }, (_, i) => C.data.slice(i * C.cols, (i + 1) * C.cols).reduce((a, b) => a + b, 0));
    // base value = raw − Σ contributions, the same for every customer
    const base = raw[0]! - sums[0]!;
    for (let i = 0; i < C.rows; i++) expect(Math.abs(raw[i]! - sums[i]! - base)).toBeLessThan(1e-9);
  });

  it('calibrated: the held-out metrics are of the calibrated probabilities, the uncalibrated ones are kept, and every customer is scored through the calibrator', () => {
    expect(calibrated.size).toBe(3);
    for (const [name, t] of calibrated) {
      const c = t.card;
      const plain = c.family === 'random-forest' ? null : trained.get(c.family)!.card;
      const method = name.split(' ')[1];
      expect(c.calibrator.method, name).toBe(method);
      expect(c.calibrator.fittedOn).toMatch(/out-of-fold raw scores/);
      expect(c.metrics.brier.estimate, name).not.toBe(c.calibrator.uncalibrated!.brier);
      // The family's held-out AUC in the card is that of the calibrated probabilities (what auto compares).
      expect(c.candidates[0]!.rocAuc, name).toBeCloseTo(c.metrics.rocAuc.estimate, 12);
      if (plain) {
        // Platt is increasing (slope > 0 on a model that ranks): the ranking, so the ROC AUC, is the uncalibrated one.
        if (method === 'platt') expect(c.metrics.rocAuc.estimate, name).toBeCloseTo(plain.metrics.rocAuc.estimate, 12);
        // Calibration fits on the training rows' out-of-fold scores: the model and its uncalibrated held-out scores are those of the plain run.
        expect(c.calibrator.uncalibrated!.brier, name).toBeCloseTo(plain.metrics.brier.estimate, 12);
        expect(c.calibrator.uncalibrated!.expectedCalibrationError, name).toBeCloseTo(plain.metrics.expectedCalibrationError, 12);
      }
      expect(t.calibrator, name).not.toBeNull();
      const X = t.encoder.transform(frameOf(t));
      expect(Array.from(t.scores.probability), name).toEqual(Array.from(t.calibrator!.predict(t.model.decisionFunction(X))));
      if (plain) expect(Array.from(t.model.predictProba(X)), name).toEqual(Array.from(trained.get(c.family)!.scores.probability));
      process.stderr.write(`${name}: held-out ECE ${c.calibrator.uncalibrated!.expectedCalibrationError.toFixed(4)} → ${c.metrics.expectedCalibrationError.toFixed(4)}, Brier ${c.calibrator.uncalibrated!.brier.toFixed(4)} → ${c.metrics.brier.estimate.toFixed(4)}, log loss ${c.calibrator.uncalibrated!.logLoss.toFixed(4)} → ${c.metrics.logLoss.estimate.toFixed(4)}\n`);
    }
    for (const t of trained.values()) {
      expect(t.calibrator).toBeNull();
      expect(t.card.calibrator).toEqual({ method: 'none', fittedOn: expect.stringMatching(/no calibration/), uncalibrated: null });
      expect(t.card.search).toBeNull();
    }
  });

  it('a reason for a high risk says a level true of the value against the training average, in the direction that pushes the risk up', () => {
    // The logistic contribution is coef × (x − training mean): positive means above the average for a positive
    // coefficient and below it for a negative one, so the level must follow the coefficient's sign.
    const t = trained.get('logistic-regression')!;
    const coef = new Map(t.card.coefficients!.map((c) => [c.feature, c.coef]));
    let checked = 0;
    for (const row of t.scores.reasons) {
      for (const phrase of row) {
        const m = /^(\S+) (-?[\d.e+-]+) \((high|low|typical)\)$/.exec(phrase);
        if (!m || !coef.has(m[1]!)) continue;
        expect(m[3], phrase).toBe(coef.get(m[1]!)! > 0 ? 'high' : 'low');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // No family calls a value that pushes the risk up "typical": a typical value is no reason.
    for (const [family, tr] of trained) for (const row of tr.scores.reasons) for (const phrase of row) expect(phrase, family).not.toMatch(/\(typical\)$/);
  });

  it('the model as SQL scores like the model, on DuckDB and PostgreSQL (1e-9), calibrated or not', async () => {
    expect(trained.size).toBe(3);
    expect(calibrated.size).toBe(3);
    for (const [family, t] of [...trained, ...calibrated]) {
      const sql = modelScoreSql(t.model, t.encoder, 'duckdb', { table: 'training_asof', calibrator: t.calibrator });
      const rows = await session.all(`SELECT customer_id, probability AS p FROM (${sql}) ORDER BY customer_id`).catch((e: Error) => {
        throw new Error(`${family}: ${e.message.split('\n')[0]} (${sql.length} characters of SQL)`);
      });
      const byId = new Map(t.scores.ids.map((id, i) => [id, t.scores.probability[i]!]));
      let checked = 0;
      for (const r of rows) {
        const expected = byId.get(String(r.customer_id));
        if (expected === undefined) continue;
        expect(Math.abs(Number(r.p) - expected), `${family} ${String(r.customer_id)}`).toBeLessThan(1e-9);
        checked++;
      }
      expect(checked, family).toBe(t.scores.ids.length);
      if (!pg) continue;
      // The same features in PostgreSQL (values as parameters), the postgres SQL over them.
      const names = t.encoder.inputColumns.map((c) => c.name);
      const frame = frameOf(t);
      await pg.query(`DROP TABLE IF EXISTS pg_temp.features; CREATE TEMP TABLE features (customer_id text, ${t.encoder.inputColumns.map((c) => `"${c.name}" ${c.role === 'numeric' ? 'double precision' : 'text'}`).join(', ')})`);
      const batch = 200;
      for (let s = 0; s < t.scores.ids.length; s += batch) {
        const ids = t.scores.ids.slice(s, s + batch);
        const params: unknown[] = [];
        const values = ids.map((id, k) => {
          const i = s + k;
          const row = [id, ...names.map((n) => (n in frame.numeric ? (Number.isNaN(frame.numeric[n]![i]!) ? null : frame.numeric[n]![i]) : frame.categorical[n]![i] ?? null))];
          const base = params.length;
          params.push(...row);
          return `(${row.map((_, j) => `$${base + j + 1}`).join(', ')})`;
        });
        await pg.query(`INSERT INTO features VALUES ${values.join(', ')}`, params);
      }
      const prow = (await pg.query(`SELECT customer_id, probability AS p FROM (${modelScoreSql(t.model, t.encoder, 'postgres', { calibrator: t.calibrator })}) s`)).rows as { customer_id: string; p: number }[];
      expect(prow.length).toBe(t.scores.ids.length);
      for (const r of prow) expect(Math.abs(Number(r.p) - byId.get(r.customer_id)!), `${family} on PostgreSQL, ${r.customer_id}`).toBeLessThan(1e-9);
    }
  }, 600_000);

  it('model.json round-trips: the restored model, encoder and calibrator give identical probabilities; a version 1 file still reads', () => {
    for (const t of [...trained.values(), ...calibrated.values()]) {
      const json = JSON.parse(JSON.stringify(savedModelToJSON({ asOf: t.card.asOf, target: t.card.target, family: t.card.family, encoder: t.encoder, model: t.model, calibrator: t.calibrator })));
      expect(json.schemaVersion).toBe(2);
      const saved = savedModelFromJSON(json);
      expect(Array.from(savedModelProbability(saved, saved.encoder.transform(frameOf(t))))).toEqual(Array.from(t.scores.probability));
    }
    expect(() => savedModelFromJSON({ kind: 'something else' })).toThrow(/seglab model/);
    // A file written before calibration (schemaVersion 1, no calibrator) scores with the model's own probability.
    const t = trained.get('logistic-regression')!;
    const v1 = { schemaVersion: 1, kind: 'seglab-model', asOf: t.card.asOf, target: t.card.target, family: t.card.family, encoder: t.encoder.toJSON(), model: t.model.toJSON() };
    const old = savedModelFromJSON(JSON.parse(JSON.stringify(v1)));
    expect(old.calibrator).toBeNull();
    expect(Array.from(savedModelProbability(old, old.encoder.transform(frameOf(t))))).toEqual(Array.from(t.scores.probability));
    expect(() => savedModelFromJSON({ ...v1, calibrator: { kind: 'platt', schemaVersion: 1, slope: 1, intercept: 0 } })).toThrow(/calibrator: a version 1 model has no calibrator/);
    const c = calibrated.get('hist-gradient-boosting isotonic')!;
    const broken = { ...(savedModelToJSON({ asOf: c.card.asOf, target: c.card.target, family: c.card.family, encoder: c.encoder, model: c.model, calibrator: c.calibrator }) as object), calibrator: { kind: 'sigmoid' } };
    expect(() => savedModelFromJSON(broken)).toThrow(/calibrator JSON: kind is "sigmoid"/);
  });

  /** The scoring features as the model read them (training_asof, in scoring order). */
  function frameOf(t: TrainedModel) {
    return scoringFrames.get(t)!;
  }
  const scoringFrames = new Map<TrainedModel, import('../../src/models/design/FeatureFrame').FeatureFrame>();
  beforeAll(async () => {
    const { readFeatureTable } = await import('../../src/features/readFeatureTable');
    for (const t of [...trained.values(), ...calibrated.values()]) {
      const table = await readFeatureTable(session, undefined, { table: 'training_asof' });
      const at = new Map(table.ids.map((id, i) => [id, i]));
      const rows = Int32Array.from(t.scores.ids, (id) => at.get(id)!);
      const { frameRows } = await import('../../src/models/trainAndScore');
      scoringFrames.set(t, frameRows(table, rows));
    }
  }, 120_000);
});

// The synthetic sample's ground truth (ground_truth.csv.gz, written by seglab synth and never read by the
// pipeline) says who churned in 2026-Q2: a model scored as of the quarter's start is judged against it.
describe('the churn model against the synthetic ground truth (2026-Q2)', () => {
  it('ranks the customers who truly churned in the quarter high: ROC AUC against ground_truth.csv', async () => {
    const session = await DuckSession.open({ threads: 2 });
    try {
      const load = await loadTables(session, { customers: { path: 'customers.csv.gz', keepUnmapped: true }, transactions: { path: 'transactions.csv.gz' }, events: { path: 'events.csv.gz' } }, { baseDir: sample });
      const config = parseModelsConfig({ target: { kind: 'churn', horizonDays: 90 }, snapshots: 2, family: 'hist-gradient-boosting' });
      const t = await trainAndScore(session, {}, CalendarDate.parse('2026-04-01'), config, { available: load, resamples: 200 });
      const truth = new Map(
        gunzipSync(readFileSync(join(sample, 'ground_truth.csv.gz')))
          .toString('utf8')
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => l.split(','))
          .filter((f) => f[1] === '2026-Q2')
          .map((f) => [f[0]!, f[3] === 'true' ? 1 : 0]),
      );
      const ids = t.scores.ids.filter((id) => truth.has(id));
      expect(ids.length).toBeGreaterThan(1000);
      const at = new Map(t.scores.ids.map((id, i) => [id, i]));
      const auc = rocAuc(ids.map((id) => truth.get(id)!), ids.map((id) => t.scores.probability[at.get(id)!]!));
      process.stderr.write(`ground-truth ROC AUC (2026-Q2, ${ids.length} customers): ${auc.toFixed(4)}; out-of-time AUC on the labels ${t.card.metrics.rocAuc.estimate.toFixed(4)}\n`);
      expect(auc).toBeGreaterThan(0.75);
    } finally {
      session.close();
    }
  }, 300_000);
});

// models.search: a seeded random search of each family's params on the training part only, per candidate a
// progress line; budget 0 is no search at all.
describe('trainAndScore with a hyperparameter search (synthetic sample, logistic regression)', () => {
  let session: DuckSession;
  let load: LoadResult;
  const base = { target: { kind: 'churn', horizonDays: 90 }, snapshots: 3, family: 'logistic-regression' } as const;
  const run = async (models: object, progress?: Progress) => trainAndScore(session, {}, AS_OF, parseModelsConfig({ ...base, ...models }), { available: load, resamples: 100, ...(progress ? { progress } : {}) });
  beforeAll(async () => {
    session = await DuckSession.open({ threads: 2 });
    load = await loadTables(session, { customers: { path: 'customers.csv.gz', keepUnmapped: true }, transactions: { path: 'transactions.csv.gz' }, events: { path: 'events.csv.gz' } }, { baseDir: sample });
  }, 120_000);
  afterAll(() => session?.close());

  it('budget 0 is the same run as no search: the same card and probabilities', async () => {
    const none = await run({});
    const zero = await run({ search: { budget: 0, space: { 'logistic-regression': { C: [0.01] } } } });
    // Everything but the wall-clock fit time of each family.
    const timeless = (card: TrainedModel['card']) => ({ ...card, candidates: card.candidates.map((c) => ({ ...c, fitSeconds: 0 })) });
    expect(timeless(zero.card)).toEqual(timeless(none.card));
    expect(Array.from(zero.scores.probability)).toEqual(Array.from(none.scores.probability));
  }, 300_000);

  it('tries the budget on the earlier snapshots, one progress line per candidate, keeps the best inner AUC; the same seed chooses the same', async () => {
    const notes: string[] = [];
    const progress: Progress = { start() {}, update() {}, end() {}, note: (m) => notes.push(m) };
    const a = await run({ search: { budget: 3 } }, progress);
    const s = a.card.search!;
    expect(s.budget).toBe(3);
    expect(s.rows).toMatch(/training part only \(the earlier snapshots\)/);
    expect(s.families).toHaveLength(1);
    const f = s.families[0]!;
    expect(f.family).toBe('logistic-regression');
    expect(Object.keys(f.space)).toEqual(['C']);
    expect(f.candidates).toHaveLength(3);
    for (const c of f.candidates) {
      expect(c.params.C).toBeGreaterThanOrEqual(0.001);
      expect(c.params.C).toBeLessThanOrEqual(100);
      expect(c.rocAuc).toBeGreaterThan(0.5);
    }
    const best = f.candidates.reduce((x, y) => (y.rocAuc > x.rocAuc ? y : x));
    expect(f.chosen).toEqual(best.params);
    // The final model was fitted with the chosen C.
    expect(a.card.params.C).toBe(best.params.C);
    expect(notes.filter((n) => /logistic-regression candidate \d of 3: inner ROC AUC 0\.\d{4}/.test(n))).toHaveLength(3);
    // The test snapshot was not searched on: the held-out rows are the latest snapshot's, as without a search.
    expect(a.card.validation.testRows).toBe(a.card.snapshots.at(-1)!.rows);
    const again = await run({ search: { budget: 3 } });
    expect(again.card.search).toEqual(a.card.search);
    expect(again.card.params).toEqual(a.card.params);
    expect(Array.from(again.scores.probability)).toEqual(Array.from(a.scores.probability));
    const other = await run({ search: { budget: 3 }, seed: 7 });
    expect(other.card.search!.families[0]!.candidates.map((c) => c.params.C)).not.toEqual(f.candidates.map((c) => c.params.C));
  }, 600_000);

  it('k-fold says the search saw every row; params the config fixes are left out of the default space', async () => {
    const k = await run({ snapshots: 1, search: { budget: 2 } });
    expect(k.card.validation.scheme).toBe('k-fold');
    expect(k.card.search!.rows).toMatch(/every training row.*optimistic/);
    const fixed = await run({ params: { 'logistic-regression': { C: 0.5 } }, search: { budget: 2 } });
    expect(fixed.card.search!.families).toEqual([]);
    expect(fixed.card.notes.join('\n')).toMatch(/models\.params\.logistic-regression fixes every parameter of its default space/);
    expect(fixed.card.params.C).toBe(0.5);
  }, 600_000);
});
