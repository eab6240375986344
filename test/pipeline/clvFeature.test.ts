// CLV as a feature: after the clv stage, clv, p_alive and expected_purchases are columns of the run's feature table
// (features.parquet / .csv / .json), so hand-written rules (seglab export --from) can use them like any feature.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportRun } from '../../src/pipeline/exportRun';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';

const root = join(__dirname, '..', '..');

describe('CLV columns in rules', () => {
  let run: RunResult;
  beforeAll(async () => {
    const { config, baseDir } = loadRunConfig(join(root, 'data', 'configs', 'sample.yaml'), { set: { clv: '{}' } });
    run = await runPipeline({ ...config, stages: ['features', 'cluster', 'clv'], cluster: { ...config.cluster, k: 5, stabilityResamples: 0 } }, { baseDir, outDir: mkdtempSync(join(tmpdir(), 'seglab-clv-feature-')) });
  }, 120_000);

  it('a hand-written rule on clv and p_alive assigns exactly the customers the feature table says', async () => {
    const rules = join(mkdtempSync(join(tmpdir(), 'seglab-clv-rules-')), 'value.yaml');
    writeFileSync(
      rules,
      [
        'kind: segments',
        'name: value segments',
        'segments:',
        '  - id: 1',
        '    name: Valuable, probably leaving',
        '    condition: { and: [ { ">=": [ { var: clv }, 500 ] }, { "<": [ { var: p_alive }, 0.8 ] } ] }',
        '  - id: 2',
        '    name: Valuable',
        '    condition: { ">=": [ { var: clv }, 500 ] }',
        '  - id: 3',
        '    name: Buying again soon',
        '    condition: { ">=": [ { var: expected_purchases }, 5 ] }',
        'fallback: { id: 0, name: Everyone else }',
        '',
      ].join('\n'),
    );
    const result = await exportRun(run.dir, { from: rules });
    const t = run.results.featureTable!;
    const { clv, p_alive: pAlive, expected_purchases: expected } = t.numeric;
    const counts = [0, 0, 0, 0];
    // First match wins; a missing number counts as 0 in >= and < (no CLV: not valuable, P(alive) 0 < 0.8).
    for (let i = 0; i < t.rowCount; i++) {
      const c = Number.isNaN(clv![i]!) ? 0 : clv![i]!;
      const p = Number.isNaN(pAlive![i]!) ? 0 : pAlive![i]!;
      const e = Number.isNaN(expected![i]!) ? 0 : expected![i]!;
      counts[c >= 500 && p < 0.8 ? 1 : c >= 500 ? 2 : e >= 5 ? 3 : 0]!++;
    }
    const sizes = Object.fromEntries(result.segments.map((s) => [s.id, s.rules?.customers]));
    expect(sizes).toEqual({ 0: counts[0], 1: counts[1], 2: counts[2], 3: counts[3] });
    expect(counts[1]).toBeGreaterThan(0);
    expect(counts[3]).toBeGreaterThan(0);
    // The bundle names the fields as the clv stage defined them (no SQL: CLV is a model's output, not a query).
    const field = result.bundle.fields.find((f) => f.name === 'clv')!;
    expect(field.description).toMatch(/Customer lifetime value over the next 12 months/);
    expect(field.unit).toBe('currency');
    expect(field.sql).toBeNull();
  }, 120_000);
});
