import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CalendarDate } from '../../src/core/CalendarDate';
import { clvConfigSchema } from '../../src/pipeline/ClvConfig';
import { parseModelsConfig } from '../../src/models/ModelsConfig';
import { InputError } from '../../src/core/errors';
import type { DriftReport, FeatureDrift } from '../../src/drift/DriftResult';
import { compareRuns } from '../../src/pipeline/compareRuns';
import { readDriftReport } from '../../src/pipeline/driftReportSchema';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import type { Manifest } from '../../src/pipeline/Manifest';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';
import { scoreWithBundle } from '../../src/pipeline/scoreWithBundle';
import type { RunConfig } from '../../src/pipeline/RunConfig';

const root = join(__dirname, '..', '..');

/** Latent segment per customer in a quarter (ground truth of the synthetic sample: read by tests only, never by the pipeline). */
function truth(quarter: string): Map<string, string> {
  const lines = gunzipSync(readFileSync(join(root, 'data', 'sample', 'ground_truth.csv.gz'))).toString('utf8').trim().split('\n').slice(1);
  return new Map(lines.map((l) => l.split(',')).filter((r) => r[1] === quarter).map((r) => [r[0]!, r[2]!]));
}

/** The segment id of a run whose members are most often of a latent segment (by share of its members). */
function segmentOf(dir: string, quarter: string, latent: string): number {
  const t = truth(quarter);
  const rows = readFileSync(join(dir, 'assignments.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const tally = new Map<number, { n: number; hit: number }>();
  for (const [id, seg] of rows) {
    const s = tally.get(Number(seg)) ?? { n: 0, hit: 0 };
    s.n++;
    if (t.get(id!) === latent) s.hit++;
    tally.set(Number(seg), s);
  }
  return [...tally.entries()].sort((a, b) => b[1].hit / b[1].n - a[1].hit / a[1].n)[0]![0];
}

const feature = (r: { features: FeatureDrift[] }, column: string): FeatureDrift => r.features.find((f) => f.column === column)!;
/** Share of the distribution in its named level, or at or above a bin's lower edge (bins "[a, b)"). */
const level = (f: FeatureDrift, name: string, side: 'reference' | 'current'): number => f.distribution[side][f.distribution.bins.indexOf(name)]!;
const mean = (f: FeatureDrift, side: 'reference' | 'current'): number => {
  // Bins in order: compare where the mass sits (index-weighted), enough to tell the direction of a shift.
  return f.distribution[side].reduce((a, s, i) => a + s * i, 0);
};

// Issue 16 on the committed sample: Q1 (asOf 2026-04-01, the 7 segments its gap statistic finds) with a rule
// bundle, Q2 (asOf 2026-07-01, k = 5 as the sample's sweep chooses) with ids kept and the drift stage. synth.json
// documents Q2's drift: more mobile sign-ups and app orders, promo hunters growing, at-risk customers lapsing.
describe('compareRuns and the drift stage on the sample quarters (issue 16)', () => {
  let q1: RunResult;
  let q2: RunResult;
  let drift: DriftReport;
  let same: DriftReport;
  beforeAll(async () => {
    const { config, baseDir } = loadRunConfig(join(root, 'data', 'configs', 'sample.yaml'));
    const out = mkdtempSync(join(tmpdir(), 'seglab-drift-'));
    // A churn model in both quarters (few boosting rounds: its score's drift is what is tested, not its quality).
    const models = parseModelsConfig({ target: { kind: 'churn', horizonDays: 90 }, snapshots: 2, family: 'hist-gradient-boosting', params: { 'hist-gradient-boosting': { maxIter: 20 } } });
    const base = { ...config, cluster: { ...config.cluster, stabilityResamples: 0 }, report: { ...config.report, pdf: false } };
    // Gates loosened so that Q1's bundle (68% holdout fidelity at k = 7) is a validated one to watch.
    q1 = await runPipeline({ ...base, asOf: CalendarDate.parse('2026-04-01'), stages: ['features', 'cluster', 'clv', 'models', 'report', 'export'], clv: clvConfigSchema.parse({}), models, cluster: { ...base.cluster, k: 7 }, export: { minFidelity: 0.6, minSegmentSize: 20, minStability: 0 } } as RunConfig, { baseDir, outDir: out });
    // No drift.previous: the stage compares with cluster.previous.
    q2 = await runPipeline({ ...base, asOf: CalendarDate.parse('2026-07-01'), stages: ['features', 'cluster', 'clv', 'models', 'drift', 'report'], clv: clvConfigSchema.parse({}), models, cluster: { ...base.cluster, k: 5, previous: q1.dir }, drift: {} } as RunConfig, { baseDir, outDir: out });
    drift = readDriftReport(join(q2.dir, 'drift.json'));
    same = await compareRuns(q1.dir, q1.dir);
  }, 600_000);

  it('the stage writes drift.json (read back through its schema) and drift.md, and hands the report to the review', async () => {
    expect(drift.referenceRunId).toBe(q1.runId);
    expect(drift.currentRunId).toBe(q2.runId);
    expect([drift.referenceAsOf, drift.currentAsOf]).toEqual(['2026-04-01', '2026-07-01']);
    expect(q2.results.drift).toEqual(JSON.parse(readFileSync(join(q2.dir, 'drift.json'), 'utf8')));
    expect(q2.manifest.outputs.map((o) => o.file)).toEqual(expect.arrayContaining(['drift.json', 'drift.md']));
    expect(q2.manifest.stages.map((s) => s.stage)).toEqual(['load', 'features', 'cluster', 'clv', 'models', 'drift', 'report']);
    const md = readFileSync(join(q2.dir, 'drift.md'), 'utf8');
    expect(md).toContain(`# What changed: ${q1.runId} → ${q2.runId}`);
    expect(md).toContain('## Migration');
    // compareRuns on the two folders gives what the stage gave (names aside: the stage ran before the review named this run).
    const again = await compareRuns(q1.dir, q2.dir);
    const unnamed = (r: DriftReport) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'name' || k === 'segmentName' ? null : v))) as unknown;
    expect(unnamed(again)).toEqual(unnamed(drift));
  });

  it('migration counts add up to both runs\' customers, new ones included; Q1 customers are all still there', () => {
    const m = drift.migration!;
    const inBoth = m.counts.flat().reduce((a, b) => a + b, 0);
    expect(m.totalReference).toBe(2760);
    expect(m.totalCurrent).toBe(3000);
    expect(inBoth + m.lostCustomers.reduce((a, b) => a + b, 0)).toBe(m.totalReference);
    expect(inBoth + m.newCustomers.reduce((a, b) => a + b, 0)).toBe(m.totalCurrent);
    // synth.json: 240 new customers in Q2, nobody leaves the customer table.
    expect(m.newCustomers.reduce((a, b) => a + b, 0)).toBe(240);
    expect(m.lostCustomers.every((v) => v === 0)).toBe(true);
    expect(m.stayed + m.moved).toBe(inBoth);
  });

  it('at-risk customers lapsing: the at-risk segment\'s flow into the lapsed segment is one of the biggest, a quarter of it at least', () => {
    const atRisk = segmentOf(q1.dir, '2026-Q1', 'at_risk');
    const lapsed = segmentOf(q2.dir, '2026-Q2', 'lapsed');
    const flow = drift.migration!.biggestFlows.find((f) => f.fromId === atRisk && f.toId === lapsed);
    expect(flow, JSON.stringify(drift.migration!.biggestFlows)).toBeDefined();
    // synth.json: atRiskToLapsed 0.25.
    expect(flow!.shareOfFrom).toBeGreaterThanOrEqual(0.25);
    expect(readFileSync(join(q2.dir, 'drift.md'), 'utf8')).toMatch(new RegExp(`${flow!.customers} customers from ${atRisk} `));
  });

  it('more mobile sign-ups, more app orders, more promo buying among newcomers: detected inside the newcomers segment', () => {
    // The newcomers segment: where most of Q2's new customers are.
    const m = drift.migration!;
    const newcomers = m.currentIds[m.newCustomers.indexOf(Math.max(...m.newCustomers))]!;
    const seg = drift.segments.find((s) => s.currentId === newcomers)!;
    expect(seg, 'the newcomers segment is matched to a Q1 segment').toBeDefined();
    const device = feature(seg.features, 'device');
    expect(device.drifted).toBe(true);
    // synth.json: newcomerMobileShare 0.8 in Q2 (0.67 of Q1's newcomers were on mobile).
    expect(level(device, 'mobile', 'current')).toBeGreaterThan(level(device, 'mobile', 'reference') + 0.05);
    const app = feature(seg.features, 'channel_share_app');
    expect(app.drifted).toBe(true);
    expect(mean(app, 'current')).toBeGreaterThan(mean(app, 'reference'));
    // newcomerPromoShare 0.35: newcomers buy on discount more.
    const discount = feature(seg.features, 'discount_share');
    expect(discount.drifted).toBe(true);
    expect(mean(discount, 'current')).toBeGreaterThan(mean(discount, 'reference'));
    // Over the whole base the mobile share and the app share move the same way (too little to call drift there).
    expect(level(feature(drift.features, 'device'), 'mobile', 'current')).toBeGreaterThan(level(feature(drift.features, 'device'), 'mobile', 'reference'));
    expect(mean(feature(drift.features, 'channel_share_app'), 'current')).toBeGreaterThan(mean(feature(drift.features, 'channel_share_app'), 'reference'));
  });

  it('promo hunters growing: the promo segment gains customers, and the size shift is significant overall', () => {
    const promoThen = segmentOf(q1.dir, '2026-Q1', 'promo_hunter');
    const promoNow = segmentOf(q2.dir, '2026-Q2', 'promo_hunter');
    const row = drift.sizeShift!.segments.find((s) => s.referenceId === promoThen && s.currentId === promoNow)!;
    expect(row, 'the promo segment is matched across the quarters').toBeDefined();
    expect(row.currentCustomers).toBeGreaterThan(row.referenceCustomers);
    // Its share of a base that grew 8.7% stays within the interval of no change: the clustering's 365-day
    // features lag the customers who turned promo hunter this quarter (README, Clustering).
    expect(row.shareChangeInterval.low).toBeLessThan(0);
    expect(drift.sizeShift!.pValue).toBeLessThan(0.001);
    expect(drift.sizeShift!.notes!.join(' ')).toContain('Gone since the reference run');
  });

  it('KPI alerts follow the 15% rule and rule drift applies Q1\'s validated bundle to Q2', () => {
    expect(drift.alertThreshold).toBe(0.15);
    expect(drift.alerts.length).toBeGreaterThan(0);
    for (const a of drift.alerts) expect(Math.abs(a.relativeChange)).toBeGreaterThan(0.15);
    const rules = drift.rules!;
    expect(rules.bundleVersion).toBe('segments.v1');
    expect(rules.coverage + rules.fallbackShare).toBeCloseTo(1, 12);
    expect(rules.validatedFidelity).toBeGreaterThan(0.6);
    expect(rules.fidelityGate).toBe(0.6);
    expect(rules.needsRevalidation).toBe(rules.agreement < 0.6);
  });

  it('rule agreement equals what the bundle\'s own SQL (DuckDB engine of seglab score) gives against Q2\'s segments', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'seglab-drift-score-')), 'scores.csv');
    await scoreWithBundle(join(q1.dir, 'rules', 'segments.v1.json'), join(q2.dir, 'features.parquet'), { out, engine: 'duckdb' });
    const byRule = new Map(readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',') as [string, string]));
    // Q2 kept Q1's ids (cluster.previous): a matched segment has its partner's id, a new one an id Q1 never had.
    const rows = readFileSync(join(q2.dir, 'assignments.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.length).toBe(3000);
    const agree = rows.filter(([id, seg]) => byRule.get(id!) === seg).length;
    expect(drift.rules!.agreement).toBeCloseTo(agree / rows.length, 12);
    expect(drift.rules!.coverage).toBe(1);
  });

  it('score drift: PSI of CLV and P(alive) on the reference deciles; the same run against itself has none', () => {
    expect(drift.scores.map((x) => x.column)).toEqual(['churn score', 'clv', 'p_alive']);
    for (const x of drift.scores) {
      expect(x.threshold).toBe(0.2);
      expect(x.psi).toBeGreaterThan(0);
      expect(x.drifted).toBe(x.psi >= 0.2);
      expect(x.distribution.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(same.scores).toHaveLength(3);
    for (const x of same.scores) expect([x.psi, x.drifted]).toEqual([0, false]);
    // The CLV is a key figure of the alert rule too: the loyal regulars, joined by Q1's champions, are worth 81% more each.
    const loyal = segmentOf(q2.dir, '2026-Q2', 'loyal_regular');
    const clv = drift.alerts.find((a) => a.figure === 'clv' && a.segmentId === loyal)!;
    expect(clv.relativeChange).toBeGreaterThan(0.15);
    expect(clv.relativeChange).toBeCloseTo((clv.current - clv.reference) / clv.reference, 12);
  });

  it('churn risk per segment comes from the churn model\'s scores (scores.csv) when no column carries it', () => {
    const meanScore = (dir: string, segment: number): number => {
      const seg = new Map(readFileSync(join(dir, 'assignments.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',') as [string, string]));
      const p = readFileSync(join(dir, 'scores.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).filter((r) => seg.get(r[0]!) === String(segment)).map((r) => Number(r[1]));
      return p.reduce((a, b) => a + b, 0) / p.length;
    };
    const churn = drift.alerts.filter((a) => a.figure === 'churn-risk');
    expect(churn.length).toBeGreaterThan(0);
    const a = churn[0]!;
    // Q2 kept Q1's ids (cluster.previous), so the alert's segment has the same id in both runs.
    expect(a.current).toBeCloseTo(meanScore(q2.dir, a.segmentId!), 6);
    expect(a.reference).toBeCloseTo(meanScore(q1.dir, a.segmentId!), 6);
  });

  it('identical runs: no feature drifts, no alert, a diagonal matrix, centres unmoved, rules agree as validated', () => {
    expect(same.features.features.length).toBeGreaterThan(40);
    expect(same.features.driftedColumns).toBe(0);
    for (const f of same.features.features) expect(f.drifted).toBe(false);
    expect(same.alerts).toEqual([]);
    expect(same.sizeShift!.chiSquare).toBe(0);
    const m = same.migration!;
    expect(m.currentIds).toEqual(m.referenceIds);
    m.counts.forEach((row, i) => row.forEach((v, j) => expect(i === j || v === 0).toBe(true)));
    expect([m.moved, m.stayed]).toEqual([0, 2760]);
    expect(same.segments).toHaveLength(7);
    for (const s of same.segments) {
      expect(s.centreDistance).toBeLessThan(1e-9);
      expect(s.features.driftedColumns).toBe(0);
    }
    expect(same.rules!.coverage).toBe(1);
    expect(same.rules!.needsRevalidation).toBe(false);
  });

  it('a damaged drift.json is an InputError naming the file and the field', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seglab-drift-bad-')), 'drift.json');
    const bad = JSON.parse(readFileSync(join(q2.dir, 'drift.json'), 'utf8')) as { migration: { stayed: unknown } };
    bad.migration.stayed = 'many';
    writeFileSync(file, JSON.stringify(bad));
    const err = (() => {
      try {
        readDriftReport(file);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems[0]!.location).toEqual({ file, field: 'migration.stayed' });
  });

  it('runs that cannot be followed customer by customer say why instead of a migration matrix', async () => {
    // The manifest says Q1 pseudonymised its ids (Q2 did not): no customer can be matched.
    const manifestFile = join(q1.dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, pseudonymised: true }));
    try {
      const r = await compareRuns(q1.dir, q2.dir);
      expect(r.migration).toBeNull();
      expect(r.notes!.join(' ')).toContain('pseudonymised its customer ids and the other did not');
    } finally {
      writeFileSync(manifestFile, JSON.stringify(manifest));
    }
  });
});
