import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterResultSchema } from '../../src/pipeline/clusterResultSchema';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { manifestSchema } from '../../src/pipeline/Manifest';
import { readRunFile } from '../../src/pipeline/RunFolder';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';
import { chromiumPath } from '../../src/report/exportPdf';

const root = join(__dirname, '..', '..');
const configPath = join(root, 'data', 'configs', 'sample.yaml');

/** Every file under a folder, as paths relative to it, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** The sample config as `npm start` runs it (every stage, the export too), into a folder of its own. */
async function sampleRun(): Promise<RunResult> {
  const { config, baseDir } = loadRunConfig(configPath);
  return runPipeline({ ...config, stages: ['load', 'profile', 'features', 'cluster', 'report', 'export'] }, { baseDir, outDir: mkdtempSync(join(tmpdir(), 'seglab-reproducible-')) });
}

describe('the same config twice gives the same bytes (wall-clock times are only in manifest.json)', () => {
  let a: RunResult;
  let b: RunResult;
  beforeAll(async () => {
    a = await sampleRun();
    b = await sampleRun();
  }, 600_000);

  it('every output file but manifest.json is byte-identical, the PDF included', () => {
    expect(a.runId).toBe(b.runId);
    const files = filesUnder(a.dir);
    expect(filesUnder(b.dir)).toEqual(files);
    const expected = ['assignments.csv', 'cluster.json', 'features.csv', 'features.json', 'features.parquet', 'features.sql', 'load.json', 'personas.json', 'quality.json', 'quality.md', 'report.html', 'report.md', 'rules/segments.v1.json'];
    for (const f of expected) expect(files).toContain(f);
    if (chromiumPath()) expect(files).toContain('report.pdf');
    const compared = files.filter((f) => f !== 'manifest.json');
    expect(compared.length).toBeGreaterThanOrEqual(expected.length);
    const differ = compared.filter((f) => !readFileSync(join(a.dir, f)).equals(readFileSync(join(b.dir, f))));
    expect(differ).toEqual([]);
  });

  it('no result file holds a timing; the manifest holds them per stage (the cluster stage by part)', () => {
    for (const f of filesUnder(a.dir).filter((x) => x.endsWith('.json') && x !== 'manifest.json')) {
      const text = readFileSync(join(a.dir, f), 'utf8');
      expect(text, f).not.toMatch(/"(seconds|fitSeconds|totalSeconds|loadMs|timings|inspectMs|queryMs|totalMs|createdAt)"/);
    }
    const manifest = readRunFile(join(a.dir, 'manifest.json'), manifestSchema, 'a run folder');
    expect(manifest.stages.map((s) => s.stage)).toEqual(['load', 'profile', 'features', 'cluster', 'report', 'export']);
    for (const s of manifest.stages) expect(s.ms).toBeGreaterThanOrEqual(0);
    expect(Object.keys(manifest.stages.find((s) => s.stage === 'cluster')!.parts ?? {}).sort()).toEqual(['fit', 'selection', 'stability']);
    expect(manifest.seed).toBe(42);
    expect(manifest.asOf).toBe('2026-07-01');
  });

  it("an earlier version's cluster.json, with its seconds, still reads", () => {
    const old = JSON.parse(readFileSync(join(a.dir, 'cluster.json'), 'utf8')) as Record<string, unknown>;
    const selection = old['selection'] as { candidates: Record<string, unknown>[] } & Record<string, unknown>;
    const path = join(mkdtempSync(join(tmpdir(), 'seglab-old-cluster-')), 'cluster.json');
    writeFileSync(path, JSON.stringify({ ...old, seconds: { selection: 1.5, fit: 0.2, stability: 3 }, selection: { ...selection, totalSeconds: 1.5, candidates: selection.candidates.map((c) => ({ ...c, fitSeconds: 0.1 })) } }));
    const read = readRunFile(path, clusterResultSchema, 'a run folder');
    expect(read.k).toBe(old['k']);
    expect(read).not.toHaveProperty('seconds');
  });
});
