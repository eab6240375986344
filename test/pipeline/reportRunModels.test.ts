// `seglab report <run>` on a run that had the models stage: the model section (AUC, lift, calibration,
// drivers per segment) and the predicted churn per segment come back from model-card.json, scores.csv and
// model-segments.json, equal to what the run itself rendered; a damaged file is a clear error.
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { parseModelsConfig } from '../../src/models/ModelsConfig';
import { assembleReport } from '../../src/pipeline/assembleReport';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { assembleRunReport, reportRun } from '../../src/pipeline/reportRun';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';
import type { RunConfig } from '../../src/pipeline/RunConfig';

const root = join(__dirname, '..', '..');

describe('seglab report on a run with a churn model (sample)', () => {
  let run: RunResult;
  let runConfig: RunConfig;
  let base: string;
  const before: Record<string, string> = {};
  beforeAll(async () => {
    const { config, baseDir } = loadRunConfig(join(root, 'data', 'configs', 'sample.yaml'));
    const models = parseModelsConfig({ target: { kind: 'churn', horizonDays: 90 }, snapshots: 3, family: 'hist-gradient-boosting', params: { 'hist-gradient-boosting': { maxIter: 30 } } });
    runConfig = { ...config, models, stages: ['features', 'cluster', 'models', 'report'], cluster: { ...config.cluster, stabilityResamples: 3 }, report: { ...config.report, pdf: false } };
    base = baseDir;
    run = await runPipeline(runConfig, { baseDir, outDir: mkdtempSync(join(tmpdir(), 'seglab-report-models-')) },
    );
    for (const f of ['report.html', 'report.md', 'personas.json']) before[f] = readFileSync(join(run.dir, f), 'utf8');
  }, 400_000);

  it('reads back the report data the run rendered: model section and predicted churn per segment equal', async () => {
    const back = await assembleRunReport(run.dir);
    expect(back.data.prediction).toBeDefined();
    // What the run's report stage computed from the models stage's results in memory.
    const r = run.results;
    const inRun = assembleReport({ config: back.config, runId: run.runId, table: r.featureTable!, featureColumns: r.features!.columns, cluster: r.cluster!, quality: null, baseDir: root, prediction: r.models! });
    expect(back.data.prediction).toEqual(inRun.data.prediction);
    expect(back.personas).toEqual(inRun.personas);
    // Every segment has its drivers (a sample of each is explained), not only those among the highest scores.
    expect(back.data.prediction!.segments.every((s) => s.drivers.length > 0)).toBe(true);
    expect(back.personas.kpiDefinitions.some((k) => k.label.includes('Churn risk (model)'))).toBe(true);
  });

  it('re-renders report.html, report.md and personas.json byte for byte', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'seglab-report-models-copy-'));
    cpSync(run.dir, copy, { recursive: true });
    await reportRun(copy);
    for (const f of Object.keys(before)) expect(readFileSync(join(copy, f), 'utf8'), f).toBe(before[f]);
    expect(before['report.html']).toContain('id="prediction"');
  });

  it('a run whose stages stop before the report (features,cluster,models) gets the same model section from seglab report', async () => {
    const noReport = await runPipeline({ ...runConfig, stages: ['features', 'cluster', 'models'] }, { baseDir: base, outDir: mkdtempSync(join(tmpdir(), 'seglab-report-models-')) });
    expect(existsSync(join(noReport.dir, 'report.html'))).toBe(false);
    expect(existsSync(join(noReport.dir, 'model-segments.json'))).toBe(true);
    await reportRun(noReport.dir);
    const a = await assembleRunReport(noReport.dir);
    const b = await assembleRunReport(run.dir);
    expect(a.data.prediction).toEqual(b.data.prediction);
    expect(readFileSync(join(noReport.dir, 'report.html'), 'utf8')).toContain('id="prediction"');
  }, 400_000);

  it('the models stage without the cluster stage writes no drivers per segment (there are no segments)', async () => {
    const trained = await runPipeline({ ...runConfig, stages: ['features', 'models'] }, { baseDir: base, outDir: mkdtempSync(join(tmpdir(), 'seglab-report-models-')) });
    expect(existsSync(join(trained.dir, 'model-card.json'))).toBe(true);
    expect(existsSync(join(trained.dir, 'model-segments.json'))).toBe(false);
    await expect(assembleRunReport(trained.dir)).rejects.toThrow(/cluster\.json is missing/);
  }, 400_000);

  it('a damaged model-card.json, scores.csv or model-segments.json is an InputError naming the file and the place', async () => {
    const damaged = (file: string, edit: (text: string) => string): string => {
      const copy = mkdtempSync(join(tmpdir(), 'seglab-report-damaged-'));
      cpSync(run.dir, copy, { recursive: true });
      writeFileSync(join(copy, file), edit(readFileSync(join(run.dir, file), 'utf8')));
      return copy;
    };
    const card = damaged('model-card.json', (t) => t.replace('"trainingRows": ', '"trainingRows": "many", "x": '));
    await expect(assembleRunReport(card)).rejects.toThrow(InputError);
    await expect(assembleRunReport(card)).rejects.toThrow(/model-card\.json.*trainingRows|trainingRows.*model-card\.json/s);
    const lines = readFileSync(join(run.dir, 'scores.csv'), 'utf8').split('\n');
    const badP = damaged('scores.csv', () => [...lines.slice(0, 3), lines[3]!.replace(/,[^,]*/, ',1.5'), ...lines.slice(4)].join('\n'));
    await expect(assembleRunReport(badP)).rejects.toThrow(/scores\.csv.*line 4.*probability|probability "1\.5"/s);
    const stranger = damaged('scores.csv', () => [...lines.slice(0, 2), 'nobody-here,0.5,,,', ...lines.slice(2)].join('\n'));
    await expect(assembleRunReport(stranger)).rejects.toThrow(/"nobody-here" is not in the run's feature table/);
    const segs = damaged('model-segments.json', (t) => t.replace('"meanContribution": [', '"meanContribution": [1, '));
    await expect(assembleRunReport(segs)).rejects.toThrow(/model-segments\.json/);
    const noScores = mkdtempSync(join(tmpdir(), 'seglab-report-damaged-'));
    cpSync(run.dir, noScores, { recursive: true });
    copyFileSync(join(run.dir, 'model-card.json'), join(noScores, 'model-card.json'));
    writeFileSync(join(noScores, 'scores.csv'), '');
    await expect(assembleRunReport(noScores)).rejects.toThrow(/scores\.csv.*empty/s);
  });
});
