import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterResult } from '../../src/cluster/summary/ClusterResult';
import { CalendarDate } from '../../src/core/CalendarDate';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { runPipeline } from '../../src/pipeline/runPipeline';
import type { RunConfig } from '../../src/pipeline/RunConfig';
import { SELECTION_SAMPLE_DEFAULT } from '../../src/pipeline/stages/clusterStage';

const configPath = join(__dirname, '..', '..', 'data', 'configs', 'sample.yaml');

async function cluster(asOf: string, settings: Partial<RunConfig['cluster']>): Promise<ClusterResult> {
  const { config, baseDir } = loadRunConfig(configPath);
  const r = await runPipeline(
    { ...config, asOf: CalendarDate.parse(asOf, 'asOf'), stages: ['features', 'cluster'], cluster: { ...config.cluster, stabilityResamples: 5, ...settings } },
    { baseDir, outDir: mkdtempSync(join(tmpdir(), 'seglab-sample-')) },
  );
  return JSON.parse(readFileSync(join(r.dir, 'cluster.json'), 'utf8')) as ClusterResult;
}

describe('cluster stage: k and stability on a seeded sample above cluster.selectionSample, the final fit on all rows', () => {
  it('the 3,000-customer sample is below the default (50,000): no sample', async () => {
    expect(SELECTION_SAMPLE_DEFAULT).toBe(50_000);
    const c = await cluster('2026-07-01', {});
    expect(c.sample).toBeNull();
    expect(c.selection!.rows).toBe(3000);
    expect(c.stability!.rows).toBe(3000);
  }, 300_000);

  it('selectionSample 2,000: selection and stability on 2,000 drawn customers, labels for all 2,760 (signed up by asOf), stated in cluster.json', async () => {
    const c = await cluster('2026-04-01', { selectionSample: 2000 });
    expect(c.sample).toMatchObject({ rows: 2760, size: 2000, seed: 42, usedFor: ['selection', 'stability'] });
    expect(c.sample!.shareMargin95).toBeCloseTo(1.96 * Math.sqrt(0.25 / 2000), 12);
    expect(c.sample!.text).toContain('fitted on a seeded sample of 2,000 of the 2,760 customers and scored on all of them');
    // Each k fitted on the sample, scored on every customer with the labels its model predicts.
    expect(c.selection!.rows).toBe(2760);
    expect(c.selection!.candidates.every((x) => x.sizes.reduce((a, b) => a + b, 0) === 2760)).toBe(true);
    expect(c.stability!.rows).toBe(2000);
    expect(c.rows).toBe(2760);
    expect(c.labels).toHaveLength(2760);
    expect(c.segments.reduce((s, x) => s + x.size, 0)).toBe(2760);
    // Stability follows the final model's segments (by published id) on the sample's customers.
    expect(c.stability!.clusters.map((x) => x.label).sort()).toEqual(c.segments.map((x) => x.id).sort());
    expect(c.stability!.clusters.reduce((s, x) => s + x.size, 0)).toBe(2000);
    // The same k as fitting every k on all rows (7, the latent segments: test/pipeline/clusterStage.test.ts).
    expect(c.k).toBe(7);
    expect(c.k).toBe(c.selection!.recommendedK);
    // Same seed, same sample, same result.
    const again = await cluster('2026-04-01', { selectionSample: 2000 });
    expect(again.labels).toEqual(c.labels);
    expect(again.selection!.votes).toEqual(c.selection!.votes);
    expect(again.stability!.clusters.map((x) => x.meanJaccard)).toEqual(c.stability!.clusters.map((x) => x.meanJaccard));
  }, 300_000);

  it('a bad selectionSample is refused by the config schema', () => {
    const { config } = loadRunConfig(configPath);
    expect(() => loadRunConfig(configPath, { set: { 'cluster.selectionSample': '-1' } })).toThrow(/selectionSample/);
    expect(config.cluster).not.toHaveProperty('selectionSample');
  });
});
