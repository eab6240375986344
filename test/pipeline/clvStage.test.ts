// The clv stage of `seglab run` (config `clv:`): the summary as of asOf, the purchase model and Gamma-Gamma,
// clv.csv and clv.json in the run folder, the three columns in the feature table, skipped with a reason when
// there is nothing to fit, a clear error when a fit does not converge.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConvergenceError, DuckSession, InputError, parseRunConfig, PurchaseEstimator, runPipeline, type RunConfig, type RunResult } from '../../src';
import { clvFileSchema } from '../../src/pipeline/ClvResult';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { stagesToRun } from '../../src/pipeline/RunConfig';
import { silentProgress } from '../../src/core/progress';

const root = join(__dirname, '..', '..');
const out = (): string => mkdtempSync(join(tmpdir(), 'seglab-clv-stage-'));

function sampleConfig(clv: Record<string, unknown> = {}): { config: RunConfig; baseDir: string } {
  const { config, baseDir } = loadRunConfig(join(root, 'data', 'configs', 'sample.yaml'), { set: { clv: JSON.stringify(clv) } });
  return { config: { ...config, stages: ['features', 'cluster', 'clv'], cluster: { ...config.cluster, k: 5, stabilityResamples: 0 } }, baseDir };
}

/** clv.csv as rows of fields (ids are plain on the sample). */
function csvRows(path: string): string[][] {
  return readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));
}

describe('the clv stage on the sample', () => {
  let run: RunResult;
  beforeAll(async () => {
    const { config, baseDir } = sampleConfig();
    run = await runPipeline(config, { baseDir, outDir: out() });
  }, 120_000);

  it('writes clv.json: BG/NBD and Gamma-Gamma with standard errors, convergence, correlation, horizon, discount, per-segment aggregates', () => {
    const file = clvFileSchema.parse(JSON.parse(readFileSync(join(run.dir, 'clv.json'), 'utf8')));
    expect(file).toMatchObject({ model: 'bg-nbd', horizon: 12, discount: 0.01, unit: 'weeks', asOf: '2026-07-01', calibrationEnd: '2026-06-30', converged: true });
    expect(Object.keys(file.purchaseModel.params)).toEqual(['r', 'alpha', 'a', 'b']);
    expect(Object.values(file.purchaseModel.standardErrors).every((s) => s !== null && s > 0)).toBe(true);
    expect(file.spendModel.params.q).toBeGreaterThan(1);
    expect(file.frequencyMonetaryCorrelation).toBe(file.spendModel.frequencyMonetaryCorrelation);
    // The sample's regulars buy more and spend more per order: the correlation is strong, and the file says so.
    expect(Math.abs(file.frequencyMonetaryCorrelation)).toBeGreaterThan(0.3);
    expect(file.correlationWarning).toMatch(/correlated/);
    // Every customer of the feature table with a purchase before asOf is in the fit; the others have no value.
    const table = run.results.featureTable!;
    expect(file.customers + file.withoutPurchase).toBe(table.rowCount);
    expect(file.customers).toBeGreaterThan(2500);
    const segments = file.segments!;
    expect(segments.map((s) => s.id)).toEqual([0, 1, 2, 3, 4]);
    expect(segments.reduce((a, s) => a + s.customers, 0)).toBe(table.rowCount);
    expect(segments.reduce((a, s) => a + s.valueShare!, 0)).toBeCloseTo(1, 12);
    expect(segments.reduce((a, s) => a + s.totalClv, 0)).toBeCloseTo(file.totals.clv, 6);
    expect(segments.reduce((a, s) => a + s.highValueLeaving, 0)).toBe(file.highValue.leaving);
    // The top value band is a fifth of the customers with a CLV (ties at the edge included).
    const withClv = segments.reduce((a, s) => a + s.withClv, 0);
    expect(file.highValue.customers).toBe(Math.ceil(0.2 * withClv));
    // Segments differ in value: the share of value is not the share of customers.
    expect(Math.max(...segments.map((s) => Math.abs(s.valueShare! - s.customerShare)))).toBeGreaterThan(0.1);
  });

  it('writes clv.csv per customer and joins clv, p_alive, expected_purchases into the feature table (NULL without a purchase)', async () => {
    const rows = csvRows(join(run.dir, 'clv.csv'));
    expect(rows[0]).toEqual(['customer_id', 'clv', 'expected_purchases', 'p_alive', 'frequency', 'recency', 'T', 'monetary_value']);
    const file = run.results.clv!;
    expect(rows.length - 1).toBe(file.customers);
    const table = run.results.featureTable!;
    const at = new Map(table.ids.map((id, i) => [id, i]));
    const { clv, p_alive: pAlive, expected_purchases: expected } = table.numeric;
    expect(clv && pAlive && expected).toBeTruthy();
    for (const r of rows.slice(1, 200)) {
      const i = at.get(r[0]!)!;
      expect(clv![i]).toBe(Number(r[1]));
      expect(expected![i]).toBe(Number(r[2]));
      expect(pAlive![i]).toBe(Number(r[3]));
      // BG/NBD: P(alive) is 1 without a repeat purchase.
      if (r[4] === '0') expect(Number(r[3])).toBe(1);
    }
    expect(Array.from(pAlive!).filter((v) => Number.isNaN(v)).length).toBe(file.withoutPurchase);
    // The files on disk hold them too, with their definitions.
    const features = JSON.parse(readFileSync(join(run.dir, 'features.json'), 'utf8')) as { columns: { name: string; unit?: string }[] };
    expect(features.columns.slice(-3).map((c) => [c.name, c.unit])).toEqual([['clv', 'currency'], ['p_alive', 'share'], ['expected_purchases', 'orders']]);
    const session = await DuckSession.open();
    try {
      const back = await session.one(`SELECT count(*) AS n, count(clv) AS c, sum(clv) AS s FROM read_parquet('${join(run.dir, 'features.parquet')}')`);
      expect(Number(back!.n)).toBe(table.rowCount);
      expect(Number(back!.c)).toBe(file.customers - file.spendExcluded);
      expect(Number(back!.s)).toBeCloseTo(file.totals.clv, 4);
    } finally {
      session.close();
    }
  });

  it('records the stage in the manifest with its parts and every file it wrote', () => {
    const entry = run.manifest.stages.find((s) => s.stage === 'clv')!;
    expect(entry).toBeDefined();
    expect(entry.skipped).toBeUndefined();
    expect(Object.keys(entry.parts ?? {})).toEqual(['summary', 'fit', 'predict']);
    const files = run.manifest.outputs.map((o) => o.file);
    expect(files).toEqual(expect.arrayContaining(['clv.csv', 'clv.json', 'features.parquet']));
    expect(files.filter((f) => f === 'features.parquet')).toHaveLength(1);
    const parquet = run.manifest.outputs.find((o) => o.file === 'features.parquet')!;
    expect(parquet.description).toMatch(/clv stage/);
  });

  it('gives the same bytes again: clv.json, clv.csv and the rewritten feature files (seeded fits, ordered rows, no clock)', async () => {
    const { config, baseDir } = sampleConfig();
    const again = await runPipeline(config, { baseDir, outDir: out() });
    for (const f of ['clv.json', 'clv.csv', 'features.parquet', 'features.csv', 'features.json']) {
      expect(readFileSync(join(again.dir, f)).equals(readFileSync(join(run.dir, f))), f).toBe(true);
    }
  }, 120_000);

  it('writes pseudonymised ids in clv.csv when the run pseudonymises, the same as in the feature table', async () => {
    const { config, baseDir } = sampleConfig();
    const pseudo = await runPipeline({ ...config, stages: ['features', 'clv'] }, { baseDir, outDir: out(), env: { SEGLAB_PSEUDONYM_KEY: 'test-key-clv' } });
    const ids = csvRows(join(pseudo.dir, 'clv.csv')).slice(1).map((r) => r[0]!);
    expect(ids.length).toBe(run.results.clv!.customers);
    expect(ids.every((id) => /^[0-9a-f]{20}$/.test(id))).toBe(true);
    const tableIds = new Set(pseudo.results.featureTable!.ids);
    expect(ids.every((id) => tableIds.has(id))).toBe(true);
    expect(readFileSync(join(pseudo.dir, 'clv.csv'), 'utf8')).not.toContain('C000001');
  }, 120_000);

  it('runs by default when the config has a clv: section, after cluster and before models', () => {
    expect(stagesToRun({ clv: {} })).toEqual(['load', 'profile', 'features', 'cluster', 'clv', 'report']);
    expect(stagesToRun({})).not.toContain('clv');
  });
});

describe('clv: in the config', () => {
  const base = 'name: x\nasOf: 2026-07-01\ndata:\n  transactions:\n    path: t.csv\n';
  it('fills the defaults', () => {
    const c = parseRunConfig(`${base}clv: {}\n`, 'c.yaml');
    expect(c.clv).toEqual({ model: 'bg-nbd', horizon: 12, discount: 0.01, unit: 'weeks', penalizer: 0, onNotConverged: 'error', highValueShare: 0.2, leavingBelow: 0.5 });
    expect(parseRunConfig(`${base}clv:\n  model: pareto-nbd\n  horizon: 24\n  discount: 0.02\n  unit: days\n`, 'c.yaml').clv).toMatchObject({ model: 'pareto-nbd', horizon: 24, discount: 0.02, unit: 'days' });
  });

  it('refuses a bad value naming the key and what it takes', () => {
    const fails = (yaml: string): string => {
      try {
        parseRunConfig(`${base}${yaml}`, 'c.yaml');
      } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    const model = fails('clv:\n  model: bgnbd\n');
    expect(model).toMatch(/clv\.model/);
    expect(model).toMatch(/bg-nbd.*mbg-nbd.*pareto-nbd/);
    expect(fails('clv:\n  horizon: 0\n')).toMatch(/clv\.horizon/);
    expect(fails('clv:\n  discount: 1.5\n')).toMatch(/clv\.discount/);
    expect(fails('clv:\n  unit: months\n')).toMatch(/clv\.unit[\s\S]*days[\s\S]*weeks/);
    expect(fails('clv:\n  horizonMonths: 12\n')).toMatch(/horizonMonths/);
  });
});

describe('the clv stage skipped, or stopped', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is skipped with a reason (manifest and log) when the data has no transactions table', async () => {
    const { config, baseDir } = sampleConfig();
    const notes: string[] = [];
    const customersOnly = { ...config, data: { customers: config.data.customers! }, stages: ['features', 'cluster', 'clv'] as RunConfig['stages'] };
    const run = await runPipeline(customersOnly as RunConfig, { baseDir, outDir: out(), progress: { ...silentProgress, note: (s: string) => notes.push(s) } });
    const entry = run.manifest.stages.find((s) => s.stage === 'clv')!;
    expect(entry.skipped).toMatch(/no transactions table/);
    expect(notes.some((n) => /^clv: skipped, the data has no transactions table/.test(n))).toBe(true);
    expect(run.manifest.outputs.map((o) => o.file)).not.toContain('clv.json');
    expect(run.results.featureTable!.numeric.clv).toBeUndefined();
  }, 120_000);

  it('is skipped when no customer bought twice', async () => {
    const dir = out();
    const lines = ['customer_id,ts,amount', ...Array.from({ length: 40 }, (_, i) => `C${i},2026-0${1 + (i % 5)}-1${i % 9} 10:00:00,${10 + i}`)];
    writeFileSync(join(dir, 't.csv'), lines.join('\n') + '\n');
    const config = parseRunConfig('name: once\nasOf: 2026-07-01\ndata:\n  transactions:\n    path: t.csv\nclv: {}\nstages: [features, clv]\n', join(dir, 'c.yaml'));
    const run = await runPipeline(config, { baseDir: dir, outDir: join(dir, 'reports') });
    expect(run.manifest.stages.find((s) => s.stage === 'clv')!.skipped).toMatch(/none of the 40 customers .* bought on a second day/);
  }, 60_000);

  it('stops the run with what to try when a fit does not converge, or skips the stage when the config says so', async () => {
    vi.spyOn(PurchaseEstimator.prototype, 'fit').mockImplementation(() => {
      throw new ConvergenceError('BG/NBD: no start converged (4 starts).');
    });
    const { config, baseDir } = sampleConfig();
    const err = await runPipeline({ ...config, stages: ['features', 'clv'] }, { baseDir, outDir: out() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/bg-nbd fit did not converge/);
    expect((err as Error).message).toMatch(/clv\.penalizer.*mbg-nbd, pareto-nbd.*onNotConverged: skip/);
    const skipped = sampleConfig({ onNotConverged: 'skip' });
    const run = await runPipeline({ ...skipped.config, stages: ['features', 'clv'] }, { baseDir, outDir: out() });
    expect(run.manifest.stages.find((s) => s.stage === 'clv')!.skipped).toMatch(/bg-nbd fit did not converge: BG\/NBD: no start converged/);
  }, 120_000);
});
