// The whole CDNOW master file (23,570 customers, 1997-01 to 1998-06) through `seglab run`'s clv stage with the
// committed cdnow.yaml: load, features, segments, BG/NBD + Gamma-Gamma as of 1998-07-01, the review with its value
// section. Skips cleanly when the file is absent.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clvFileSchema } from '../../src/pipeline/ClvResult';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { runPipeline } from '../../src/pipeline/runPipeline';
import { CDNOW_MASTER, HAVE_CDNOW_MASTER } from '../clv/cdnow';

const root = join(__dirname, '..', '..');

describe.skipIf(!HAVE_CDNOW_MASTER)('CDNOW master through the clv stage (cdnow.yaml)', () => {
  it('fits BG/NBD and Gamma-Gamma on all 23,570 customers as of 1998-07-01 and shows the value per segment', async () => {
    const { config, baseDir } = loadRunConfig(join(root, 'data', 'configs', 'cdnow.yaml'), { data: CDNOW_MASTER });
    expect(config.clv).toMatchObject({ model: 'bg-nbd', horizon: 12, discount: 0.01 });
    // k fixed and no bootstrap: the clustering is not what this test is about (realData.test.ts runs the defaults).
    const run = await runPipeline(
      { ...config, stages: ['features', 'cluster', 'clv', 'report'], cluster: { ...config.cluster, k: 5, stabilityResamples: 0 }, report: { ...config.report, pdf: false } },
      { baseDir, outDir: mkdtempSync(join(tmpdir(), 'seglab-cdnow-clv-')) },
    );
    const stage = run.manifest.stages.find((s) => s.stage === 'clv')!;
    const file = clvFileSchema.parse(JSON.parse(readFileSync(join(run.dir, 'clv.json'), 'utf8')));
    const p = file.purchaseModel.params;
    const se = file.purchaseModel.standardErrors;
    const g = file.spendModel.params;
    console.log(
      `CDNOW master clv stage: ${file.customers} customers, ${file.repeatBuyers} repeat buyers, ${file.spendExcluded} left out of Gamma-Gamma; ` +
        `BG/NBD ${Object.keys(p).map((k) => `${k} ${p[k]!.toFixed(4)} (se ${se[k]?.toFixed(4)})`).join(', ')}; Gamma-Gamma p ${g.p.toFixed(3)}, q ${g.q.toFixed(3)}, v ${g.v.toFixed(3)}, corr ${file.frequencyMonetaryCorrelation.toFixed(3)}; ` +
        `12-month CLV ${file.totals.clv.toFixed(0)}, expected purchases ${file.totals.expectedPurchases.toFixed(0)}, mean P(alive) ${file.totals.meanPAlive!.toFixed(3)}; ` +
        `stage ${stage.ms} ms (${JSON.stringify(stage.parts)}), run ${run.manifest.totalMs} ms`,
    );
    expect(file.customers).toBe(23_570);
    expect(file.withoutPurchase).toBe(0);
    expect(file.converged).toBe(true);
    expect(file.purchaseModel.starts.every((s) => s.converged)).toBe(true);
    // 78 weeks instead of the library test's 39 (r 0.2516, α 4.79, a 0.723, b 2.16): the same order of magnitude.
    expect(p.r).toBeGreaterThan(0.15);
    expect(p.r).toBeLessThan(0.4);
    expect(p.alpha).toBeGreaterThan(3);
    expect(p.alpha).toBeLessThan(12);
    expect(Object.values(se).every((s) => s !== null && s > 0)).toBe(true);
    expect(g.q).toBeGreaterThan(1);
    expect(Math.abs(file.frequencyMonetaryCorrelation)).toBeLessThan(0.3);
    expect(file.correlationWarning).toBeNull();
    // The $0.00 repeat purchases: such a customer has no CLV (and is counted), everyone else has one.
    expect(file.spendExcluded).toBeGreaterThanOrEqual(1);
    expect(file.spendExcluded).toBeLessThan(20);
    const segments = file.segments!;
    expect(segments.reduce((a, s) => a + s.customers, 0)).toBe(23_570);
    expect(segments.reduce((a, s) => a + s.withClv, 0)).toBe(23_570 - file.spendExcluded);
    expect(segments.reduce((a, s) => a + s.totalClv, 0)).toBeCloseTo(file.totals.clv, 3);
    // A closed cohort 18 months on: most of the value sits with few customers.
    expect(Math.max(...segments.map((s) => s.valueShare! - s.customerShare))).toBeGreaterThan(0.15);
    const md = readFileSync(join(run.dir, 'report.md'), 'utf8');
    expect(md).toContain('## Customer value');
    expect(md).toMatch(/fitted on 23,570 customers with a purchase/);
    // The stage itself (summary, fits, predictions, rewriting the feature files) is well under the run's time.
    expect(stage.ms).toBeLessThan(60_000);
  }, 600_000);
});
