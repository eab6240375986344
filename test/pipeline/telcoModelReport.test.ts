// The "Where it shows" on a real run (Telco, its config's churn model): churn risk per segment in the
// KPI table beside the observed churn rate, a model section with lift and calibration, drivers per segment,
// and the at-risk action fed by the score, the review saying which rate the actions follow.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { assembleRunReport } from '../../src/pipeline/reportRun';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';
import type { PersonaResult, SegmentPersona } from '../../src/personas/PersonaResult';
import { DATASETS } from '../datasets';

const root = join(__dirname, '..', '..');

describe('the model in the Telco review', () => {
  let run: RunResult;
  let personas: PersonaResult;
  beforeAll(async () => {
    const loaded = loadRunConfig(join(root, 'data', 'configs', 'telco.yaml'), { data: join(DATASETS, 'Telco-Customer-Churn.csv.gz') });
    const config = { ...loaded.config, stages: ['features' as const, 'cluster' as const, 'models' as const, 'report' as const], report: { ...loaded.config.report, pdf: false } };
    run = await runPipeline(config, { baseDir: loaded.baseDir, outDir: mkdtempSync(join(tmpdir(), 'seglab-telco-model-')), configPath: loaded.path });
    personas = JSON.parse(readFileSync(join(run.dir, 'personas.json'), 'utf8')) as PersonaResult;
  }, 600_000);

  it('the KPI table has the observed churn rate and the model churn risk per segment', () => {
    const keys = personas.kpiDefinitions.map((d) => [d.key, d.label]);
    expect(keys).toContainEqual(['outcomeRate', 'Churn rate']);
    expect(keys).toContainEqual(['modelScore', 'Predicted risk (model): Churn']);
    for (const s of personas.segments.filter((x): x is SegmentPersona => !x.suppressed)) expect(s.kpis.modelScore).toEqual(expect.any(Number));
  });

  it('the at-risk action follows the score, and the review says so', () => {
    expect(personas.actionsFollow).toBe('score');
    const shown = personas.segments.filter((x): x is SegmentPersona => !x.suppressed);
    const riskiest = shown.reduce((a, b) => (b.kpis.modelScore! > a.kpis.modelScore! ? b : a));
    expect(riskiest.card.actions[0]!.id).toBe('retentionOffer');
    expect(riskiest.card.actions[0]!.reason).toMatch(/^Predicted risk \(model\): Churn: \d/);
    const html = readFileSync(join(run.dir, 'report.html'), 'utf8');
    expect(html).toContain('follow “Predicted risk (model): Churn”, not “Churn rate”');
  });

  it('the model section has lift and calibration charts and drivers per segment, and seglab report gives it again', async () => {
    const p = run.results.models!;
    expect(p.card.validation.scheme).toBe('k-fold');
    const back = await assembleRunReport(run.dir);
    const pred = back.data.prediction!;
    expect(pred.lift).toHaveLength(10);
    expect(pred.calibration.length).toBeGreaterThan(3);
    expect(pred.segments.every((s) => s.drivers.length > 0)).toBe(true);
    const html = readFileSync(join(run.dir, 'report.html'), 'utf8');
    expect(html).toContain('id="prediction"');
    for (const fig of ['fig-lift', 'fig-calibration']) expect(html).toContain(fig);
    expect(back.personas).toEqual(personas);
  });
});
