import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CalendarDate } from '../../src/core/CalendarDate';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { checkPreviousRun } from '../../src/pipeline/readPreviousRun';
import { compareRuns } from '../../src/pipeline/compareRuns';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';
import { runConfigSchema, stagesToRun, type RunConfig } from '../../src/pipeline/RunConfig';

const root = join(__dirname, '..', '..');

describe('the drift stage in seglab run', () => {
  it('runs by default when a previous run is configured (drift:, report.previous or cluster.previous), before the report', () => {
    expect(stagesToRun({})).not.toContain('drift');
    expect(stagesToRun({ drift: {} })).toEqual(['load', 'profile', 'features', 'cluster', 'drift', 'report']);
    expect(stagesToRun({ cluster: { previous: 'reports/q1' } })).toContain('drift');
    expect(stagesToRun({ report: { previous: 'reports/q1' } })).toContain('drift');
    // Listed stages are what runs.
    expect(stagesToRun({ stages: ['features'], drift: {} })).toEqual(['load', 'features']);
  });

  it('its settings are checked like every config key', () => {
    const base = { name: 'x', asOf: '2026-07-01', data: { customers: { path: 'c.csv' } } };
    const ok = runConfigSchema.parse({ ...base, drift: { previous: 'reports/q1' } });
    expect(ok.drift).toMatchObject({ previous: 'reports/q1', alertThreshold: 0.15, level: 0.95, biggestFlows: 5, minSegmentCustomers: 50 });
    const bad = runConfigSchema.safeParse({ ...base, drift: { alertThreshold: -1, thresold: 2 } });
    expect(bad.success).toBe(false);
    const issues = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    expect(issues).toContain('drift.alertThreshold');
    expect(issues).toContain('thresold');
    const test = runConfigSchema.safeParse({ ...base, drift: { features: { method: 'anova', columns: { spend_365d: 'kss' } } } });
    const testIssues = test.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(testIssues).toEqual([expect.stringMatching(/^drift\.features\.method: unknown drift test "anova"; known: ks, /), expect.stringMatching(/^drift\.features\.columns\.spend_365d: unknown drift test "kss"/)]);
  });

  it('a drift.previous that is no clustered run is refused before anything is loaded', () => {
    const base = runConfigSchema.parse({ name: 'x', asOf: '2026-07-01', data: { customers: { path: 'c.csv' } }, drift: { previous: 'no-such-run' } });
    const empty = mkdtempSync(join(tmpdir(), 'seglab-drift-empty-'));
    expect(() => checkPreviousRun(base, empty)).toThrow(/drift\.previous does not point to a clustered run/);
    // Not when the stage does not run.
    expect(() => checkPreviousRun({ ...base, stages: ['features'] }, empty)).not.toThrow();
  });

  describe('on the sample', () => {
    let q1: RunResult;
    let config: RunConfig;
    let baseDir: string;
    let out: string;
    beforeAll(async () => {
      const loaded = loadRunConfig(join(root, 'data', 'configs', 'sample.yaml'));
      baseDir = loaded.baseDir;
      config = { ...loaded.config, asOf: CalendarDate.parse('2026-04-01'), stages: ['features', 'cluster'], cluster: { ...loaded.config.cluster, k: 5, stabilityResamples: 0 }, report: { ...loaded.config.report, pdf: false } };
      out = mkdtempSync(join(tmpdir(), 'seglab-drift-stage-'));
      q1 = await runPipeline(config, { baseDir, outDir: out });
    }, 300_000);

    it('is skipped, with the reason in the manifest, when no previous run is configured', async () => {
      const r = await runPipeline({ ...config, stages: ['features', 'cluster', 'drift'] }, { baseDir, outDir: out });
      const stage = r.manifest.stages.find((s) => s.stage === 'drift')!;
      expect(stage.skipped).toMatch(/no previous run to compare with/);
      expect(r.results.drift).toBeUndefined();
      expect(r.manifest.outputs.map((o) => o.file)).not.toContain('drift.json');
    }, 120_000);

    it('is skipped when the previous run given for the review is only a cluster.json, and compares with drift.previous', async () => {
      const partial = mkdtempSync(join(tmpdir(), 'seglab-drift-partial-'));
      cpSync(join(q1.dir, 'cluster.json'), join(partial, 'cluster.json'));
      const skipped = await runPipeline({ ...config, stages: ['features', 'cluster', 'drift'], report: { ...config.report, previous: join(partial, 'cluster.json') } }, { baseDir, outDir: out });
      expect(skipped.manifest.stages.find((s) => s.stage === 'drift')!.skipped).toMatch(/report\.previous\) has no manifest\.json, features\.parquet, features\.json/);
      // drift.previous wins over report.previous, and its settings apply.
      const r = await runPipeline({ ...config, stages: ['features', 'cluster', 'drift'], report: { ...config.report, previous: partial }, drift: { previous: q1.dir, alertThreshold: 0.5, level: 0.95, biggestFlows: 2, scorePsiThreshold: 0.2, minSegmentCustomers: 50, features: {} } } as RunConfig, { baseDir, outDir: out });
      expect(r.results.drift!.referenceRunId).toBe(q1.runId);
      expect(r.results.drift!.alertThreshold).toBe(0.5);
      // The same quarter again: nobody moved.
      expect(r.results.drift!.migration!.moved).toBe(0);
      expect(r.results.drift!.migration!.biggestFlows).toEqual([]);
      expect(r.manifest.outputs.map((o) => o.file)).toEqual(expect.arrayContaining(['drift.json', 'drift.md']));
      // Compared again later, the run's own drift: settings apply unless given.
      expect((await compareRuns(q1.dir, r.dir)).alertThreshold).toBe(0.5);
      expect((await compareRuns(q1.dir, r.dir, { alertThreshold: 0.2 })).alertThreshold).toBe(0.2);
    }, 120_000);
  });
});
