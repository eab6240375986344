// An A/B test read with the run's own segments (`segments: <run folder>`) and shown in that run's review
// (`seglab report <run> --experiment experiment.json`); a damaged experiment.json is a clear error.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { reportRun } from '../../src/pipeline/reportRun';
import { runExperiment } from '../../src/pipeline/runExperiment';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';
import { writeSyntheticExperiment } from '../../src/synth/writeSyntheticExperiment';

const root = join(__dirname, '..', '..');

describe('an experiment in the quarterly review (sample)', () => {
  let run: RunResult;
  let dir: string;
  beforeAll(async () => {
    const { config, baseDir } = loadRunConfig(join(root, 'data', 'configs', 'sample.yaml'));
    run = await runPipeline({ ...config, stages: ['features', 'cluster', 'report'], cluster: { ...config.cluster, stabilityResamples: 3 }, report: { ...config.report, pdf: false } }, { baseDir, outDir: mkdtempSync(join(tmpdir(), 'seglab-exp-run-')) });
    const summary = JSON.parse(readFileSync(join(root, 'data', 'sample', 'synth.json'), 'utf8'));
    dir = writeSyntheticExperiment(join(root, 'data', 'sample'), summary, mkdtempSync(join(tmpdir(), 'seglab-exp-')));
    // The run's segments instead of the synthetic latent ones.
    writeFileSync(join(dir, 'by-run.yaml'), `${readFileSync(join(dir, 'experiment.yaml'), 'utf8')}segments: ${run.dir}\nminPerVariant: 30\n`);
  }, 400_000);

  it("takes each customer's segment and name from the run, and the review shows the result per segment", async () => {
    const out = join(dir, 'result');
    const r = await runExperiment(join(dir, 'by-run.yaml'), { out });
    const personas = JSON.parse(readFileSync(join(run.dir, 'personas.json'), 'utf8')) as { segments: { name?: string; suppressed: boolean }[] };
    const names = new Set(personas.segments.filter((s) => !s.suppressed).map((s) => s.name));
    expect(r.result.segments.length).toBeGreaterThan(1);
    for (const s of r.result.segments) expect(names.has(s.segment!) || /^Segment \d+$/.test(s.segment!)).toBe(true);
    expect(r.withoutSegment).toBe(0);
    await reportRun(run.dir, { report: { experiments: [join(out, 'experiment.json')], pdf: false } });
    const html = readFileSync(join(run.dir, 'report.html'), 'utf8');
    expect(html).toContain('id="experiments"');
    expect(html).toContain('email-offer: offer against control, conversion rate.');
    const md = readFileSync(join(run.dir, 'report.md'), 'utf8');
    expect(md).toContain('### email-offer');
  });

  it('a damaged experiment.json is an InputError naming the file and field', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ experiment: 'x', metric: 'conversion' }));
    await expect(reportRun(run.dir, { report: { experiments: [bad], pdf: false } })).rejects.toThrow(/bad\.json, field report\.experiments\.0: control: Required/);
  });
});
