import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { exportRun } from '../../src/pipeline/exportRun';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { assembleRunReport } from '../../src/pipeline/reportRun';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';
import { seglab } from '../cli/helpers';

const root = join(__dirname, '..', '..');

/** A copy of a run folder with one JSON file changed. */
function damaged(dir: string, file: string, change: (json: Record<string, any>) => void): string {
  const copy = join(mkdtempSync(join(tmpdir(), 'seglab-damaged-')), 'run');
  cpSync(dir, copy, { recursive: true });
  const json = JSON.parse(readFileSync(join(copy, file), 'utf8')) as Record<string, any>;
  change(json);
  writeFileSync(join(copy, file), JSON.stringify(json, null, 2) + '\n');
  return copy;
}

/** The InputError a promise rejects with (fails the test when it resolves or throws anything else). */
async function inputError(p: Promise<unknown>): Promise<InputError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('run folders are read back through schemas: a file that does not match names the file and the field', () => {
  let run: RunResult;
  beforeAll(async () => {
    const { config, baseDir } = loadRunConfig(join(root, 'data', 'configs', 'sample.yaml'));
    run = await runPipeline(
      { ...config, stages: ['profile', 'features', 'cluster', 'report'], cluster: { ...config.cluster, k: 4, stabilityResamples: 3 }, report: { ...config.report, pdf: false } },
      { baseDir, outDir: mkdtempSync(join(tmpdir(), 'seglab-runfiles-')) },
    );
  }, 300_000);

  it('cluster.json whose labels are not whole numbers', async () => {
    const dir = damaged(run.dir, 'cluster.json', (c) => (c.labels[2] = 'x'));
    const err = await inputError(assembleRunReport(dir, { report: { projectionSample: 0 } }));
    expect(err.message).toContain(join(dir, 'cluster.json'));
    expect(err.problems[0]!.location).toEqual({ file: join(dir, 'cluster.json'), field: 'labels[2]' });
    expect(err.problems[0]!.message).toBe('expected a whole number ≥ -1, got "x"');
  });

  it('cluster.json with a segment size as text, and a stability without its mean', async () => {
    const dir = damaged(run.dir, 'cluster.json', (c) => {
      c.segments[1].size = '12';
      delete c.stability.meanJaccard;
    });
    const err = await inputError(exportRun(dir));
    expect(err.problems.map((p) => p.location?.field)).toEqual(['segments[1].size', 'stability.meanJaccard']);
  });

  it('features.json with a column role this version does not know', async () => {
    const dir = damaged(run.dir, 'features.json', (f) => (f.columns[3].role = 'weight'));
    const err = await inputError(exportRun(dir));
    expect(err.problems[0]!.location).toEqual({ file: join(dir, 'features.json'), field: 'columns[3].role' });
  });

  it('manifest.json with the seed as text, and a config key another version wrote', async () => {
    const dir = damaged(run.dir, 'manifest.json', (m) => {
      m.seed = '42';
      m.config.cluster.shape = 'round';
    });
    const err = await inputError(exportRun(dir));
    expect(err.problems.map((p) => p.location?.field).sort()).toEqual(['config.cluster', 'seed']);
    expect(err.message).toMatch(/config\.cluster: Unrecognized key\(s\) in object: 'shape'/);
  });

  it('quality.json whose tables are not a list', async () => {
    const dir = damaged(run.dir, 'quality.json', (q) => (q.tables = {}));
    const err = await inputError(assembleRunReport(dir, { report: { projectionSample: 0 } }));
    expect(err.problems[0]!.location).toEqual({ file: join(dir, 'quality.json'), field: 'tables' });
  });

  it('reads back a number JSON wrote as null (NaN in the run) instead of refusing a good file', async () => {
    const dir = damaged(run.dir, 'cluster.json', (c) => (c.stability.ari.sd = null));
    const { data } = await assembleRunReport(dir, { report: { projectionSample: 0 } });
    expect(data.clustering.stability?.resamples).toBe(3);
  });

  it("a previous run's personas.json or cluster.json that does not match is refused, naming it", async () => {
    const badPersonas = damaged(run.dir, 'personas.json', (p) => (p.segments = 'none'));
    let err = await inputError(assembleRunReport(run.dir, { report: { previous: badPersonas, projectionSample: 0 } }));
    expect(err.problems[0]!.location).toEqual({ file: join(badPersonas, 'personas.json'), field: 'segments' });
    const badCluster = damaged(run.dir, 'cluster.json', (c) => (c.segments[0].size = '12'));
    err = await inputError(assembleRunReport(run.dir, { report: { previous: badCluster, projectionSample: 0 } }));
    expect(err.problems[0]!.location).toEqual({ file: join(badCluster, 'cluster.json'), field: 'segments[0].size' });
  });

  it("a previous run's archetype this version does not know reads as unknown: its name is kept as published", async () => {
    const older = damaged(run.dir, 'personas.json', (p) => {
      p.segments[0].archetype = 'retiredArchetype';
      p.segments[0].name = 'Old name';
    });
    const { data } = await assembleRunReport(run.dir, { report: { previous: older, projectionSample: 0 } });
    // Matched to the old segment 0, this run's segment 0 keeps the published name (no archetype to compare).
    expect(data.personas.segments[0]).toMatchObject({ id: 0, name: 'Old name' });
    expect(data.changes!.segments[0]).toMatchObject({ name: 'Old name', renamedFrom: null });
  });

  it('`seglab report` on a damaged run exits 2 and names the file and field', async () => {
    const dir = damaged(run.dir, 'cluster.json', (c) => (c.segments = 3));
    const r = await seglab(['report', dir, '--no-pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'cluster.json')}, field segments: Expected array, received number`);
  });
});
