import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../src/cluster/metrics/adjustedRandIndex';
import { InputError } from '../../src/core/errors';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';
import type { ClusterResult } from '../../src/cluster/summary/ClusterResult';
import type { RunConfig } from '../../src/pipeline/RunConfig';
import { CalendarDate } from '../../src/core/CalendarDate';

const root = join(__dirname, '..', '..');
const configPath = join(root, 'data', 'configs', 'sample.yaml');

/** The sample config at another asOf and with cluster settings; load, features and cluster only. */
function sampleConfig(asOf: string, cluster: Partial<RunConfig['cluster']> = {}): { config: RunConfig; baseDir: string } {
  const { config, baseDir } = loadRunConfig(configPath);
  return { config: { ...config, asOf: CalendarDate.parse(asOf), stages: ['features', 'cluster'], cluster: { ...config.cluster, stabilityResamples: 5, ...cluster } }, baseDir };
}

async function run(asOf: string, cluster: Partial<RunConfig['cluster']> = {}): Promise<RunResult & { cluster: ClusterResult }> {
  const { config, baseDir } = sampleConfig(asOf, cluster);
  const r = await runPipeline(config, { baseDir, outDir: mkdtempSync(join(tmpdir(), 'seglab-cluster-')) });
  return { ...r, cluster: JSON.parse(readFileSync(join(r.dir, 'cluster.json'), 'utf8')) as ClusterResult };
}

/** Ground truth of the synthetic sample: read by this test only, never by the pipeline. */
function truth(quarter: string): Map<string, string> {
  const lines = gunzipSync(readFileSync(join(root, 'data', 'sample', 'ground_truth.csv.gz'))).toString('utf8').trim().split('\n').slice(1);
  return new Map(lines.map((l) => l.split(',')).filter((r) => r[1] === quarter).map((r) => [r[0]!, r[2]!]));
}

function ariAgainstTruth(dir: string, quarter: string): number {
  const t = truth(quarter);
  const rows = readFileSync(join(dir, 'assignments.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const names = [...new Set(t.values())].sort();
  const found: number[] = [];
  const latent: number[] = [];
  for (const [id, seg] of rows) {
    if (!t.has(id!)) continue;
    found.push(Number(seg));
    latent.push(names.indexOf(t.get(id!)!));
  }
  return adjustedRandIndex(found, latent);
}

describe('cluster stage on the synthetic sample, end of the first quarter', () => {
  let q1: RunResult & { cluster: ClusterResult };
  beforeAll(async () => {
    q1 = await run('2026-04-01');
  }, 300_000);

  it('recommends k = 7, the number of latent segments, within the business limits, with reasons', () => {
    const c = q1.cluster;
    expect(c.kSource).toBe('auto');
    expect(c.k).toBe(7);
    expect(c.selection!.recommendedK).toBe(7);
    expect(c.selection!.candidates.map((x) => x.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // Rule structure-first: the gap statistic's k, confirmed by the silhouette (>= 0.25) and the bootstrap
    // (mean Jaccard >= 0.75): natural groups. The silhouette alone would say 5 on this sample.
    expect(c.selection!.reasons[0]).toBe('k=7 recommended: natural groups (rule structure-first).');
    expect(c.selection!.structure).toMatchObject({ found: true, check: { code: 'found', k: 7 } });
    // The bootstrap that confirmed k = 7 is the final stability, computed once.
    expect(c.stability!.meanJaccard).toBe(c.selection!.stability[7]!.meanJaccard);
    expect(c.selection!.gap!.recommendedK).toBe(7);
    for (const s of c.segments) expect(s.share).toBeGreaterThanOrEqual(0.03);
  });

  it('recovers the latent segments: ARI against the ground truth', () => {
    // Measured 0.864 (the bar is 0.8).
    expect(ariAgainstTruth(q1.dir, '2026-Q1')).toBeGreaterThanOrEqual(0.8);
  });

  it('writes labels, sizes, centres in original units, preprocessing, model and stability', () => {
    const c = q1.cluster;
    expect(c.labels.length).toBe(2760);
    expect(c.segments.map((s) => s.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(c.segments.reduce((s, x) => s + x.size, 0)).toBe(2760);
    // Ids ordered by size (0 = largest) without a previous run.
    for (let i = 1; i < c.segments.length; i++) expect(c.segments[i]!.size).toBeLessThanOrEqual(c.segments[i - 1]!.size);
    // Centres are in original units: days and counts, not z-scores.
    const lapsed = c.segments.reduce((a, b) => (b.centroid.recency_days! > a.centroid.recency_days! ? b : a));
    expect(lapsed.centroid.recency_days).toBeGreaterThan(180);
    expect(c.features.find((f) => f.name === 'recency_days')).toMatchObject({ impute: 'max', log1p: true });
    expect(c.features.find((f) => f.name === 'discount_share')).toMatchObject({ impute: 'constant', log1p: false });
    expect(c.features.find((f) => f.name === 'monetary_avg')).toMatchObject({ impute: 'median', log1p: true });
    expect(c.model.kind).toBe('kmeans');
    expect(c.stability!.clusters.length).toBe(7);
    const csv = readFileSync(join(q1.dir, 'assignments.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('customer_id,segment');
    expect(csv.length).toBe(2761);
    expect(q1.manifest.outputs.map((o) => o.file)).toEqual(expect.arrayContaining(['cluster.json', 'assignments.csv']));
  });

  it('the next quarter keeps segment ids by matching centres to the previous run', async () => {
    const q2 = await run('2026-07-01', { k: 7, previous: q1.dir, stabilityResamples: 0 });
    const m = q2.cluster.matching!;
    expect(m.previousRun).toBe(join(q1.dir, 'cluster.json'));
    expect(m.matches.length).toBe(7);
    expect(q2.cluster.segments.map((s) => s.id).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // The lapsed segment (longest recency) keeps its id from one quarter to the next.
    const longest = (c: ClusterResult) => c.segments.reduce((a, b) => (b.centroid.recency_days! > a.centroid.recency_days! ? b : a)).id;
    expect(longest(q2.cluster)).toBe(longest(q1.cluster));
    // Same customers in the same segment id in both quarters, for most of them (drift moves some).
    const ids1 = readFileSync(join(q1.dir, 'assignments.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const seg2 = new Map(readFileSync(join(q2.dir, 'assignments.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',') as [string, string]));
    const same = ids1.filter(([id, s]) => seg2.get(id!) === s).length / ids1.length;
    expect(same).toBeGreaterThan(0.6);
  }, 300_000);
});

describe('cluster stage settings', () => {
  it('other algorithms run through the same stage: gmm, dbscan (eps from the knee), k-prototypes', async () => {
    const gmm = await run('2026-04-01', { algorithm: 'gmm', k: 5, stabilityResamples: 0 });
    expect(gmm.cluster.k).toBe(5);
    expect(gmm.cluster.model.kind).toBe('gmm');
    const db = await run('2026-04-01', { algorithm: 'dbscan', minSamples: 10, stabilityResamples: 0 });
    expect(db.cluster.kSource).toBe('algorithm');
    expect(db.cluster.eps).toBeGreaterThan(0);
    expect(db.cluster.noise.count).toBe(db.cluster.labels.filter((l) => l === -1).length);
    const kp = await run('2026-04-01', { algorithm: 'kprototypes', k: 4, categorical: ['device', 'region'] });
    expect(kp.cluster.model.kind).toBe('kprototypes');
    // Bootstrap stability resamples customers with their categories: one entry per segment id.
    expect(kp.cluster.stability!.B).toBe(5);
    expect(kp.cluster.stability!.clusters.map((c) => c.label).sort()).toEqual([0, 1, 2, 3]);
    expect(kp.cluster.absent).toEqual({ projection: expect.stringMatching(/categorical columns device, region/), stability: null });
    expect(db.cluster.absent).toEqual({ projection: null, stability: 'cluster.stabilityResamples is 0: the bootstrap was skipped' });
    const one = await run('2026-04-01', { features: ['recency_days'], k: 3, stabilityResamples: 0 });
    expect(one.cluster.absent.projection).toBe('a map needs at least 2 clustering features; this run used 1 (recency_days)');
  }, 300_000);

  it('k-prototypes on region and device: the categories shape the segments, and cluster.json says how', async () => {
    // Issue 19: with gamma 0.5 on standardised numbers the labels equalled k-means for 2,999 of 3,000
    // customers and every segment's modes were [Île-de-France, mobile].
    const categorical = ['region', 'device'];
    const kp = await run('2026-07-01', { algorithm: 'kprototypes', k: 5, categorical });
    const km = await run('2026-07-01', { algorithm: 'kmeans', k: 5, stabilityResamples: 0 });
    const c = kp.cluster;
    const s = c.kprototypes!;
    expect(s.categorical).toEqual(categorical);
    expect(s.gammaRule).toBe('balanced');
    expect(s.gamma).toBeGreaterThan(2);
    expect(s.modes.map((m) => m.segment)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(s.modes.map((m) => `${m.values.region}/${m.values.device}`)).size).toBeGreaterThan(1);
    expect(s.movedByCategorical).toBeGreaterThan(0.1 * c.rows);
    expect(s.costShare.numeric + s.costShare.categorical).toBeCloseTo(1, 12);
    expect(s.costShare.categorical).toBeGreaterThan(0.2);
    expect(s.explained.numeric).toBeGreaterThan(0);
    expect(s.explained.categorical).toBeGreaterThan(0);
    expect(c.model).toMatchObject({ gamma: s.gamma, gammaRule: 'balanced', movedByCategorical: s.movedByCategorical });
    // The segments are no longer k-means' segments.
    expect(adjustedRandIndex(c.labels, km.cluster.labels)).toBeLessThan(0.8);
    expect(c.stability!.clusters).toHaveLength(5);
    expect(c.notes.some((n) => /moved no customer/.test(n))).toBe(false);

    // Huang's 0.5 reproduces the issue, and now says so in cluster.json.
    const huang = (await run('2026-07-01', { algorithm: 'kprototypes', k: 5, categorical, gamma: 'huang', stabilityResamples: 0 })).cluster;
    expect(huang.kprototypes!.movedByCategorical).toBe(0);
    expect(new Set(huang.kprototypes!.modes.map((m) => `${m.values.region}/${m.values.device}`))).toEqual(new Set(['Île-de-France/mobile']));
    expect(huang.notes).toContainEqual(expect.stringMatching(/^k-prototypes: the categorical columns \(region, device\) moved no customer at gamma 0\.500/));
    expect(huang.absent.stability).toMatch(/stabilityResamples is 0/);
  }, 300_000);

  it('bad settings are input errors naming the field and the fix', async () => {
    await expect(run('2026-04-01', { features: ['recency_days', 'no_such_feature'] })).rejects.toThrow(/not a numeric feature: "no_such_feature"/);
    await expect(run('2026-04-01', { features: ['recency_days', 'device'] })).rejects.toThrow(/cluster.categorical/);
    await expect(run('2026-04-01', { algorithm: 'kprototypes', k: 'auto', categorical: ['device'] })).rejects.toThrow(InputError);
    await expect(run('2026-04-01', { minShare: 0.45, kRange: [2, 4], stabilityResamples: 0, gap: false })).rejects.toThrow(/No number of segments satisfies/);
  }, 300_000);
});
