import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { exportRun } from '../../src/pipeline/exportRun';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import type { Manifest } from '../../src/pipeline/Manifest';
import type { RunConfig } from '../../src/pipeline/RunConfig';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';
import { seglab } from '../cli/helpers';

const root = join(__dirname, '..', '..');
const configPath = join(root, 'data', 'configs', 'sample.yaml');

/** The sample with a fixed k and a short bootstrap (the export gate reads stability), no PDF; run id `same` in a folder of its own. */
async function sampleRun(patch: Partial<RunConfig>): Promise<RunResult> {
  const { config, baseDir } = loadRunConfig(configPath);
  const patched: RunConfig = { ...config, cluster: { ...config.cluster, k: 5, stabilityResamples: 5 }, report: { ...config.report, pdf: false }, ...patch };
  return runPipeline(patched, { baseDir, outDir: mkdtempSync(join(tmpdir(), 'seglab-export-stage-')), runId: 'same' });
}

const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

describe('export as an optional stage of seglab run', () => {
  let withExport: RunResult;
  let without: RunResult;
  beforeAll(async () => {
    withExport = await sampleRun({ stages: ['features', 'cluster', 'export'] });
    without = await sampleRun({ stages: ['features', 'cluster'] });
  }, 300_000);

  it('writes the bundle, its SQL and fidelity file under rules/, listed in the manifest, paths in the finished folder', () => {
    const r = withExport.results.export!;
    expect(r.bundlePath).toBe(join(withExport.dir, 'rules', 'segments.v1.json'));
    expect(r.sqlPaths).toHaveLength(6);
    for (const p of [r.bundlePath, ...r.sqlPaths, r.reportPath!]) expect(existsSync(p)).toBe(true);
    const listed = manifestOf(withExport.dir).outputs.map((o) => o.file).filter((f) => f.startsWith('rules/'));
    expect(listed.sort()).toEqual(readdirSync(join(withExport.dir, 'rules')).map((f) => `rules/${f}`).sort());
    expect(listed).toHaveLength(8);
    // The bundle records the run's seed beside its other provenance (the holdout split and tree draw from it).
    const bundle = JSON.parse(readFileSync(r.bundlePath, 'utf8')) as { source: { seed?: number; runId: string } };
    expect(bundle.source).toMatchObject({ runId: 'same', seed: 42 });
    expect(manifestOf(withExport.dir).stages.map((s) => s.stage)).toEqual(['load', 'features', 'cluster', 'export']);
  });

  it('gives byte for byte the bundle `seglab export` gives on the same run afterwards', async () => {
    const later = await exportRun(without.dir);
    expect(later.bundlePath).toBe(join(without.dir, 'rules', 'segments.v1.json'));
    for (const f of readdirSync(join(withExport.dir, 'rules'))) {
      expect(readFileSync(join(without.dir, 'rules', f), 'utf8'), f).toBe(readFileSync(join(withExport.dir, 'rules', f), 'utf8'));
    }
  }, 120_000);

  it('is off by default: a config without stages runs every stage but export', async () => {
    expect(existsSync(join(without.dir, 'rules', 'segments.v2.json'))).toBe(false);
    const { config, baseDir } = loadRunConfig(configPath, { set: { 'cluster.k': '4', 'cluster.stabilityResamples': '0', 'report.pdf': 'false', 'report.projectionSample': '0' } });
    const r = await runPipeline(config, { baseDir, outDir: mkdtempSync(join(tmpdir(), 'seglab-export-default-')) });
    expect(manifestOf(r.dir).stages.map((s) => s.stage)).toEqual(['load', 'profile', 'features', 'cluster', 'report']);
    expect(existsSync(join(r.dir, 'rules'))).toBe(false);
    expect(r.results.export).toBeUndefined();
  }, 120_000);

  it("takes the config's export settings: hand-written rules relative to the config file, gate thresholds", async () => {
    const r = await sampleRun({ stages: ['features', 'cluster', 'export'], export: { from: '../rules/business.yaml', minSegmentSize: 10 } });
    const e = r.results.export!;
    expect(e.bundle.kind).toBe('segments');
    expect(e.bundlePath).toMatch(/rules\/[a-z0-9-]+\.v1\.json$/);
    const sizes = e.bundle.validation.checks.filter((c) => c.name.startsWith('min-size:'));
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.every((c) => c.threshold === 10)).toBe(true);
    expect(e.fidelity).toBeNull();
  }, 120_000);

  it('needs the cluster stage', async () => {
    await expect(sampleRun({ stages: ['features', 'export'] })).rejects.toThrow(InputError);
    await expect(sampleRun({ stages: ['features', 'export'] })).rejects.toThrow(/export stage needs the features and cluster stages/);
  }, 120_000);

  it('seglab run --stages …,export ends with the production rules; an unknown stage still exits 2', async () => {
    const out = mkdtempSync(join(tmpdir(), 'seglab-export-cli-'));
    const r = await seglab(['-q', 'run', '--config', 'data/configs/sample.yaml', '--out', out, '--run-id', 'cli', '--stages', 'features,cluster,export', '--set', 'cluster.k=5', '--set', 'cluster.stabilityResamples=5']);
    expect(r.code, r.stderr).toBe(0);
    expect(manifestOf(join(out, 'cli')).outputs.map((o) => o.file)).toContain('rules/segments.v1.json');
    const bad = await seglab(['-q', 'run', '--config', 'data/configs/sample.yaml', '--out', out, '--stages', 'features,rules']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown stage(s) rules; known: load, profile, features, cluster, clv, models, drift, report, export.');
  }, 180_000);
});
