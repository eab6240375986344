import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { Matrix } from '../../src/core/Matrix';
import { matchPreviousRun, segmentCentres } from '../../src/cluster/summary/matchPreviousRun';
import type { ClusterResult } from '../../src/cluster/summary/ClusterResult';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { assembleRunReport } from '../../src/pipeline/reportRun';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';
import type { RunConfig } from '../../src/pipeline/RunConfig';
import type { SizeChange } from '../../src/personas/PersonaResult';
import type { ReportData } from '../../src/report/ReportData';
import { renderReportMarkdown } from '../../src/report/renderReportMarkdown';
import { CalendarDate } from '../../src/core/CalendarDate';

const root = join(__dirname, '..', '..');

/** The sample config at another asOf with cluster settings (no bootstrap, no PDF). */
async function sampleRun(asOf: string, cluster: Partial<RunConfig['cluster']>, stages: RunConfig['stages'] = ['features', 'cluster', 'report']): Promise<RunResult & { cluster: ClusterResult }> {
  const { config, baseDir } = loadRunConfig(join(root, 'data', 'configs', 'sample.yaml'));
  const patched: RunConfig = { ...config, asOf: CalendarDate.parse(asOf), stages, cluster: { ...config.cluster, stabilityResamples: 0, ...cluster }, report: { ...config.report, pdf: false } };
  const r = await runPipeline(patched, { baseDir, outDir: mkdtempSync(join(tmpdir(), 'seglab-quarters-')) });
  return { ...r, cluster: JSON.parse(readFileSync(join(r.dir, 'cluster.json'), 'utf8')) as ClusterResult };
}

/** A row without this run's id (which depends on whether the run kept the previous ids), in previous-id order. */
function rowsByPrevious(changes: NonNullable<ReportData['changes']>): Omit<SizeChange, 'currentId'>[] {
  return changes.segments
    .map(({ currentId: _, ...rest }) => rest)
    .sort((a, b) => (a.previousId ?? 99) - (b.previousId ?? 99) || (a.name ?? '').localeCompare(b.name ?? ''));
}

// Issue 19, on the sample: Q1 (asOf 2026-04-01) has the 7 latent segments; Q2 (asOf 2026-07-01) has 5 (k as the
// gap statistic recommends in each quarter), its largest being Q1's loyal regulars with the VIPs merged in.
describe('quarter over quarter on the sample (issue 19)', () => {
  let q1: RunResult & { cluster: ClusterResult };
  let q2: RunResult & { cluster: ClusterResult };
  let q2kept: RunResult & { cluster: ClusterResult };
  beforeAll(async () => {
    q1 = await sampleRun('2026-04-01', { k: 7 });
    q2 = await sampleRun('2026-07-01', { k: 5 });
    q2kept = await sampleRun('2026-07-01', { k: 5, previous: q1.dir });
  }, 600_000);

  it('a comparison without cluster.previous gives the same rows as one with it', async () => {
    const without = (await assembleRunReport(q2.dir, { report: { previous: q1.dir } })).data.changes!;
    const withIds = (await assembleRunReport(q2kept.dir)).data.changes!;
    expect(rowsByPrevious(without)).toEqual(rowsByPrevious(withIds));
    // Matched pairs hold the same customers: this run's ids differ, its segments do not.
    const labelsA = q2.cluster.labels;
    const labelsB = q2kept.cluster.labels;
    for (const a of without.segments.filter((c) => c.currentId !== null)) {
      const b = withIds.segments.find((c) => c.previousId === a.previousId && c.name === a.name)!;
      const inA = labelsA.flatMap((l, i) => (l === a.currentId ? [i] : []));
      expect(inA.length).toBe(a.currentSize);
      expect(inA.every((i) => labelsB[i] === b.currentId)).toBe(true);
    }
    // Five Q2 segments matched to five of Q1's seven; two Q1 segments gone.
    expect(without.segments.map((c) => c.status).sort()).toEqual(['gone', 'gone', 'kept', 'kept', 'kept', 'kept', 'kept']);
    // With cluster.previous the run kept Q1's ids: every pair has one id.
    expect(withIds.idsKept).toBe(true);
    expect(without.idsKept).toBe(false);
    for (const c of withIds.segments) if (c.status === 'kept') expect(c.currentId).toBe(c.previousId);
  });

  it('names persist with the segments; a renamed segment says so; no name stands for two segments', async () => {
    const { data, personas } = await assembleRunReport(q2.dir, { report: { previous: q1.dir } });
    const q1Personas = JSON.parse(readFileSync(join(q1.dir, 'personas.json'), 'utf8')) as { segments: { id: number; name: string; archetype: string }[] };
    const q1Name = new Map(q1Personas.segments.map((s) => [s.id, s]));
    const rows = data.changes!.segments;
    // One row per name.
    const names = rows.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of rows.filter((r) => r.status === 'kept')) {
      const before = q1Name.get(c.previousId!)!;
      const now = personas.segments.find((s) => s.id === c.currentId && !s.suppressed) as { name: string; archetype: string; renamedFrom?: string };
      if (before.archetype === now.archetype) expect([c.name, c.renamedFrom]).toEqual([before.name, null]);
      else expect([c.renamedFrom, now.renamedFrom, c.name === before.name]).toEqual([before.name, before.name, false]);
    }
    // The case: Q2's largest segment (loyal regulars + VIPs) is now champions; Q1's "Champions" is gone.
    const merged = rows.find((c) => c.renamedFrom === 'Loyal regulars')!;
    expect(merged.name).not.toBe('Champions');
    expect(merged.name).toMatch(/^Champions · /);
    expect(rows.find((c) => c.name === 'Champions')).toMatchObject({ status: 'gone', currentId: null });
    // Alerts never say two things about one name.
    const md = renderReportMarkdown(data);
    const alerts = md.slice(md.indexOf('**Alerts**'), md.indexOf('### Segments at a glance')).split('\n').filter((l) => l.startsWith('- '));
    const alerted = alerts.map((a) => a.slice(2, a.indexOf(':')));
    expect(new Set(alerted).size).toBe(alerted.length);
    expect(alerts.some((a) => a.includes('renamed from Loyal regulars'))).toBe(true);
  });

  it('an English previous run in a French review: names carried over in French; a team name meeting a translation keeps every name as published', async () => {
    const fr = (await assembleRunReport(q2.dir, { report: { previous: q1.dir, locale: 'fr' } })).data.changes!;
    expect(fr.segments.find((c) => c.renamedFrom !== null)!.renamedFrom).toBe('Habitués fidèles');
    expect(fr.segments.filter((c) => c.status === 'gone').map((c) => c.name).sort()).toEqual(['Champions', 'Réguliers à risque']);
    // The team had named Q1's at-risk segment "Habitués fidèles": the French name of Q1's loyal regulars.
    const copy = mkdtempSync(join(tmpdir(), 'seglab-q1-'));
    cpSync(q1.dir, copy, { recursive: true });
    const personas = JSON.parse(readFileSync(join(copy, 'personas.json'), 'utf8')) as { segments: { id: number; name: string; archetype: string; customName: boolean }[] };
    const atRisk = personas.segments.find((s) => s.archetype === 'atRisk')!;
    Object.assign(atRisk, { name: 'Habitués fidèles', customName: true });
    writeFileSync(join(copy, 'personas.json'), JSON.stringify(personas));
    const mixed = (await assembleRunReport(q2.dir, { report: { previous: copy, locale: 'fr' } })).data.changes!;
    expect(mixed.segments.find((c) => c.renamedFrom !== null)!.renamedFrom).toBe('Loyal regulars');
    expect(mixed.segments.find((c) => c.previousId === atRisk.id)!.name).toBe('Habitués fidèles');
  });

  it('the review shows both ids and says whether they persist', async () => {
    const without = renderReportMarkdown((await assembleRunReport(q2.dir, { report: { previous: q1.dir } })).data);
    const withIds = renderReportMarkdown((await assembleRunReport(q2kept.dir)).data);
    const section = (md: string) => md.slice(md.indexOf('## Changes since the previous run'), md.indexOf('Alert when a segment', md.indexOf('## Changes since')));
    expect(section(without)).not.toContain('so a segment keeps its number');
    expect(section(without)).toMatch(/was not clustered with this previous run/);
    expect(section(withIds)).toContain('so a segment keeps its number');
    // Ids side by side: "1 → 0" when the numbers differ, one number when they persist, "–" for new or gone.
    expect(section(without)).toMatch(/\| \d → \d \|/);
    expect(section(without)).toMatch(/\| \d → – \|/);
    expect(section(withIds)).not.toMatch(/\| \d → \d \|/);
  });

  it('cluster.json: matches name the published segment ids, and the distance cutoff is recorded', () => {
    const m = q2kept.cluster.matching!;
    const published = new Set(q2kept.cluster.segments.map((s) => s.id));
    expect(m.matches.length).toBe(5);
    for (const x of m.matches) {
      expect(published.has(x.current)).toBe(true);
      expect(x.current).toBe(x.previous);
    }
    // The cutoff is cluster.matchMaxDistance (default 1) spreads: the root mean square distance of a customer to its centre.
    expect(m.maxDistanceSpreads).toBe(1);
    expect(m.spread).toBeGreaterThan(1.5);
    expect(m.spread).toBeLessThan(2.5);
    expect(m.maxDistance).toBeCloseTo(m.spread, 12);
    for (const x of m.matches) expect(x.distance).toBeLessThan(0.5 * m.spread);
  });

  it('a pair farther apart than cluster.matchMaxDistance is no match, in the cluster stage and the review alike', async () => {
    // Q1 → Q2 the matched centres moved 0.17–0.46 spreads (measured); at 0.4 the one that moved most is a new segment.
    const strict = await sampleRun('2026-07-01', { k: 5, previous: q1.dir, matchMaxDistance: 0.4 });
    const m = strict.cluster.matching!;
    expect(m.matches.length).toBe(4);
    expect(m.newClusters).toEqual([{ current: 7, id: 7 }]);
    for (const x of m.matches) expect(x.distance).toBeLessThanOrEqual(0.4 * m.spread);
    const changes = (await assembleRunReport(strict.dir)).data.changes!;
    expect(changes.segments.filter((c) => c.status === 'kept').map((c) => c.currentId).sort()).toEqual(m.matches.map((x) => x.current).sort());
    expect(changes.segments.filter((c) => c.status === 'new').map((c) => c.currentId)).toEqual([7]);
    expect(changes.segments.filter((c) => c.status === 'gone')).toHaveLength(3);
  }, 300_000);

  it('refuses to compare runs clustered on different features, in the stage and the review', async () => {
    const other = await sampleRun('2026-04-01', { k: 3, features: ['recency_days', 'orders_365d', 'monetary_avg'] }, ['features', 'cluster']);
    await expect(assembleRunReport(q2.dir, { report: { previous: other.dir } })).rejects.toThrow(InputError);
    await expect(assembleRunReport(q2.dir, { report: { previous: other.dir } })).rejects.toThrow(/clustered on other features[\s\S]*only in this run: orders_90d, discount_share/);
    // A previous run with more features than this one is no match either.
    await expect(sampleRun('2026-07-01', { k: 3, features: ['recency_days', 'orders_365d'], previous: other.dir }, ['features', 'cluster'])).rejects.toThrow(/only in the previous run: monetary_avg/);
  }, 300_000);

  it('refuses a previous run without cluster.json, with the reason', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'seglab-notrun-'));
    await expect(assembleRunReport(q2.dir, { report: { previous: empty } })).rejects.toThrow(/no cluster\.json[\s\S]*segments can only be compared once matched/);
  });
});

describe('matchPreviousRun on centres', () => {
  // Three segments on a line, one customer row per unit of size; spread = RMS distance to the centre.
  const X = new Matrix(Float64Array.from([0, 0, 0, 1, 0, -1, 10, 0, 10, 1, 10, -1, 20, 0, 20, 1, 20, -1]), 9, 2, ['recency_days', 'tenure_days']);
  const labels = [0, 0, 0, 1, 1, 1, 2, 2, 2];
  const current = segmentCentres(X, labels, [0, 1, 2]);
  const previousAt = (rows: number[][], ids = [5, 6, 7]) => ({ dir: '/prev', clusterFile: '/prev/cluster.json', ids, centres: new Matrix(Float64Array.from(rows.flat()), rows.length, 2, X.columns), sizes: Float64Array.from(rows.map(() => 3)) });

  it('measures the spread as the root mean square distance of a customer to its centre', () => {
    expect(current.spread).toBeCloseTo(Math.sqrt(6 / 9), 12);
    expect(Array.from(current.centres.data)).toEqual([0, 0, 10, 0, 20, 0]);
  });

  it('a shift of the whole base (every customer of a closed cohort older) moves no segment', () => {
    // CDNOW, asOf 1998-04-01 → 1998-07-01: tenure +91 days for everyone put every pair 3.3–3.6 spreads apart.
    const m = matchPreviousRun(current, previousAt([[0, -5], [10, -5], [20, -5]]), 1);
    expect(m.matches.map((x) => [x.current, x.previous])).toEqual([[0, 5], [1, 6], [2, 7]]);
    for (const x of m.matches) expect(x.distance).toBeCloseTo(0, 12);
  });

  it('a pair farther apart than the cutoff is no match; new ids come after every previous id', () => {
    // Segment 7 sat 2 higher on tenure: relative to each run's average customer the pairs are 0.67, 0.67 and
    // 1.33 apart, against a spread of 0.82.
    const m = matchPreviousRun(current, previousAt([[0, 0], [10, 0], [20, 2]]), 1);
    expect(m.matches.map((x) => x.current)).toEqual([0, 1]);
    expect(m.newClusters).toEqual([{ current: 2, id: 8 }]);
    expect(m.disappeared).toEqual([7]);
    expect(m.mapping).toEqual([5, 6, 8]);
    expect(m.maxDistance).toBeCloseTo(current.spread, 12);
    // A looser cutoff keeps it.
    expect(matchPreviousRun(current, previousAt([[0, 0], [10, 0], [20, 2]]), 3).matches).toHaveLength(3);
  });
});
