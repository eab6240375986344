import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { ownerIsGone, parseWorkFolderName, workFolderName } from '../../src/pipeline/workFolderName';
import type { RunConfig } from '../../src/pipeline/RunConfig';
import { MATURE_SHOP_MIX } from '../../src/synth/segments';
import type { SynthParams } from '../../src/synth/synthParams';
import { writeSynthetic, type SynthSummary } from '../../src/synth/writeSynthetic';

/** The mix of the second sample: src/synth/segments.ts MATURE_SHOP_MIX (why each share, there). */
export const SECOND_SAMPLE_MIX = MATURE_SHOP_MIX;

/** As data/sample (3,000 customers, two quarters, events, .csv.gz) but seed 7 and SECOND_SAMPLE_MIX. */
export const SECOND_SAMPLE_PARAMS: SynthParams = { customers: 3000, seed: 7, compress: true, segmentMix: { ...SECOND_SAMPLE_MIX } };

export interface SecondSample {
  /** Temporary folder with customers, transactions, events, ground_truth (.csv.gz), synth.json and sample.yaml. */
  dir: string;
  /**
   * data/configs/sample.yaml with its data paths pointing into `dir` and the name "sample-seed7"
   * (description adapted); everything else (asOf, seed, features, report) as in the sample config.
   * Relative paths: run it with `baseDir` (runPipeline's option), or run `configPath` with the CLI.
   */
  config: RunConfig;
  /** The same config as a file, `dir`/sample.yaml, for CLI tests: `seglab run --config <configPath>`. */
  configPath: string;
  baseDir: string;
  summary: SynthSummary;
  /** Wall-clock time of writeSynthetic in this process, in ms (about 3.5 s on the dev machine). */
  generationMs: number;
}

const root = join(__dirname, '..', '..');
let pending: Promise<SecondSample> | undefined;
let written: string | undefined;

/**
 * The second synthetic sample, written once per process (later calls get the same promise) into a
 * temporary folder. Callers must not modify its files. Call `afterAll(removeSecondSample)` in the
 * test file: vitest ends its workers with SIGTERM, which skips exit handlers; a folder left that way
 * is removed by the next call in any process once its owner is gone.
 */
export function secondSample(): Promise<SecondSample> {
  pending ??= make();
  return pending;
}

/** Remove this process's second sample (the next secondSample() call writes it again). */
export function removeSecondSample(): void {
  if (written) rmSync(written, { recursive: true, force: true });
  written = undefined;
  pending = undefined;
}

async function make(): Promise<SecondSample> {
  // One folder per user; inside, one work folder per process, named like a run's (pid, start, host).
  const parent = join(tmpdir(), `seglab-second-sample-${userInfo().uid}`);
  mkdirSync(parent, { recursive: true });
  for (const name of readdirSync(parent)) {
    const owner = parseWorkFolderName(name);
    if (owner && ownerIsGone(owner)) rmSync(join(parent, name), { recursive: true, force: true });
  }
  const dir = join(parent, workFolderName('sample-seed7'));
  mkdirSync(dir);
  written = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const t0 = performance.now();
  const summary = await writeSynthetic(SECOND_SAMPLE_PARAMS, dir);
  const generationMs = Math.round(performance.now() - t0);
  const configPath = join(dir, 'sample.yaml');
  writeFileSync(configPath, pointedAtFolder(readFileSync(join(root, 'data', 'configs', 'sample.yaml'), 'utf8')));
  const { config, baseDir } = loadRunConfig(configPath);
  return { dir, config, configPath, baseDir, summary, generationMs };
}

/** The sample config's text with its data paths made relative to the config's own folder; refuses a changed layout rather than point at data/sample. */
function pointedAtFolder(yaml: string): string {
  const edits: [RegExp, string][] = [
    // The header comment describes data/sample.
    [/^(#.*\n)+/, '# Written by test/synth/secondSample.ts from data/configs/sample.yaml: the second synthetic sample\n# (seed 7, SECOND_SAMPLE_MIX) in this folder.\n'],
    [/^name: sample$/m, 'name: sample-seed7'],
    [/^description: .*$/m, 'description: Second synthetic sample (seed 7, more lapsed customers and promo hunters, fewer regulars and VIPs); two quarters (2026-Q1, 2026-Q2), asOf the end of Q2.'],
    [/path: \.\.\/sample\//g, 'path: ./'],
  ];
  let out = yaml;
  for (const [pattern, replacement] of edits) {
    if (!pattern.test(out)) throw new Error(`secondSample: data/configs/sample.yaml no longer matches ${pattern}; update test/synth/secondSample.ts`);
    pattern.lastIndex = 0;
    out = out.replace(pattern, replacement);
  }
  if (out.includes('../sample/')) throw new Error('secondSample: data/configs/sample.yaml still points at data/sample after the edits; update test/synth/secondSample.ts');
  return out;
}
