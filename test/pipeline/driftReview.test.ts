// The review's "What changed" section on the committed sample's two quarters (issue 16): the drift stage's
// DriftReport rendered first in the Q2 review, naming the drift synth.json documents (more mobile sign-ups and
// app orders, promo hunters growing, at-risk customers lapsing), in English and French; `seglab report <run>`
// renders it again from drift.json, byte for byte; a quarter against itself reads "no drift".
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CalendarDate } from '../../src/core/CalendarDate';
import { InputError } from '../../src/core/errors';
import { clvConfigSchema } from '../../src/pipeline/ClvConfig';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { reportRun } from '../../src/pipeline/reportRun';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';
import type { RunConfig } from '../../src/pipeline/RunConfig';
import { plainSpaces } from '../report/helpers';

const root = join(__dirname, '..', '..');

/** The segment of a run whose members are most often of a latent segment (ground truth: read by tests only). */
function segmentOf(dir: string, quarter: string, latent: string): number {
  const lines = gunzipSync(readFileSync(join(root, 'data', 'sample', 'ground_truth.csv.gz'))).toString('utf8').trim().split('\n').slice(1);
  const truth = new Map(lines.map((l) => l.split(',')).filter((r) => r[1] === quarter).map((r) => [r[0]!, r[2]!]));
  const tally = new Map<number, { n: number; hit: number }>();
  for (const [id, seg] of readFileSync(join(dir, 'assignments.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))) {
    const s = tally.get(Number(seg)) ?? { n: 0, hit: 0 };
    s.n++;
    if (truth.get(id!) === latent) s.hit++;
    tally.set(Number(seg), s);
  }
  return [...tally.entries()].sort((a, b) => b[1].hit / b[1].n - a[1].hit / a[1].n)[0]![0];
}

/** A segment's published name in a run (personas.json, or its French edition). */
function nameOf(dir: string, id: number, file = 'personas.json'): string {
  const personas = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { segments: { id: number; name?: string }[] };
  return personas.segments.find((s) => s.id === id)!.name!;
}

/** A section of a Markdown review, heading to the next. */
function mdSection(md: string, title: string): string {
  const start = md.indexOf(`## ${title}\n`);
  expect(start, `no "## ${title}"`).toBeGreaterThan(0);
  return md.slice(start, md.indexOf('\n## ', start + 3));
}

/** The drift section of an HTML review, tag to tag. */
function htmlSection(html: string): string {
  const start = html.indexOf('<section class="card" id="drift">');
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
}

/** A table row of a Markdown table whose first cell is `name`, its cells. */
function row(md: string, name: string): string[] {
  const line = md.split('\n').find((l) => l.startsWith(`| ${name} |`));
  expect(line, `no row "${name}"`).toBeDefined();
  return line!.split('|').slice(1, -1).map((c) => c.trim());
}

describe('the review on the sample quarters (issue 16)', () => {
  let q1: RunResult;
  let q2: RunResult;
  let same: RunResult;
  let stageHtml: string;
  let stageMd: string;
  beforeAll(async () => {
    const { config, baseDir } = loadRunConfig(join(root, 'data', 'configs', 'sample.yaml'));
    const out = mkdtempSync(join(tmpdir(), 'seglab-drift-review-'));
    const base = { ...config, cluster: { ...config.cluster, stabilityResamples: 0 }, report: { ...config.report, pdf: false } };
    // As the drift stage's own test runs the quarters: Q1 with a validated bundle, Q2 clustered with Q1 (ids kept).
    q1 = await runPipeline({ ...base, asOf: CalendarDate.parse('2026-04-01'), stages: ['features', 'cluster', 'clv', 'report', 'export'], clv: clvConfigSchema.parse({}), cluster: { ...base.cluster, k: 7 }, export: { minFidelity: 0.6, minSegmentSize: 20, minStability: 0 } } as RunConfig, { baseDir, outDir: out });
    q2 = await runPipeline({ ...base, asOf: CalendarDate.parse('2026-07-01'), stages: ['features', 'cluster', 'clv', 'drift', 'report'], clv: clvConfigSchema.parse({}), cluster: { ...base.cluster, k: 5, previous: q1.dir }, drift: {} } as RunConfig, { baseDir, outDir: out });
    stageHtml = readFileSync(join(q2.dir, 'report.html'), 'utf8');
    stageMd = readFileSync(join(q2.dir, 'report.md'), 'utf8');
    // Q1 compared with itself.
    same = await runPipeline({ ...base, asOf: CalendarDate.parse('2026-04-01'), stages: ['features', 'cluster', 'drift', 'report'], cluster: { ...base.cluster, k: 7 }, drift: { previous: q1.dir } } as RunConfig, { baseDir, outDir: out });
  }, 600_000);

  it('Q2 opens with "What changed", which names the documented drift', () => {
    expect(stageMd.indexOf('## What changed')).toBeGreaterThan(0);
    expect(stageMd.indexOf('## What changed')).toBeLessThan(stageMd.indexOf('## Summary'));
    expect(stageMd).not.toContain('## Changes since the previous run');
    const md = mdSection(stageMd, 'What changed');
    // at-risk customers lapsing: a biggest move, named with both runs' names
    const atRisk = nameOf(q1.dir, segmentOf(q1.dir, '2026-Q1', 'at_risk'));
    const lapsed = nameOf(q2.dir, segmentOf(q2.dir, '2026-Q2', 'lapsed'));
    expect(md).toMatch(new RegExp(`- \\d+(\\.\\d)?% of ${atRisk} \\(\\d+ customers\\) moved to ${lapsed}\\n`));
    // promo hunters growing: the promo segment's size row, more customers now than before
    const promo = row(md, nameOf(q2.dir, segmentOf(q2.dir, '2026-Q2', 'promo_hunter')));
    expect(Number(promo[2]!.replace(/,/g, ''))).toBeGreaterThan(Number(promo[1]!.replace(/,/g, '')));
    // more mobile sign-ups and app orders: drift inside the newcomers' segment, with the bins that moved
    const inside = md.slice(md.indexOf('### Inside the segments'));
    const newcomers = row(inside, nameOf(q2.dir, segmentOf(q2.dir, '2026-Q2', 'new_promising')));
    // named as readers know the column (not only by the persona traits, which may name another)
    expect(newcomers[2]).toMatch(/Orders via app: /);
    expect(newcomers[2]).toMatch(/Device: mobile \d+(\.\d)?% → \d+(\.\d)?%/);
    const [, before, after] = /Device: mobile (\d+(?:\.\d)?)% → (\d+(?:\.\d)?)%/.exec(newcomers[2]!)!;
    expect(Number(after)).toBeGreaterThan(Number(before));
    expect(md).toContain('the mix of segments changed (chi-square test, p &lt; 0.001)');
    expect(md).toContain('Rule bundle segments.v1 on this run’s customers');
    expect(htmlSection(stageHtml)).toContain('id="fig-drift-migration"');
  });

  it('`seglab report <run>` renders the section again from drift.json, byte for byte, and in French', async () => {
    await reportRun(q2.dir);
    const html = readFileSync(join(q2.dir, 'report.html'), 'utf8');
    expect(htmlSection(html).length).toBeGreaterThan(1000);
    expect(htmlSection(html)).toBe(htmlSection(stageHtml));
    expect(mdSection(readFileSync(join(q2.dir, 'report.md'), 'utf8'), 'What changed')).toBe(mdSection(stageMd, 'What changed'));
    await reportRun(q2.dir, { report: { locale: 'fr' } });
    const fr = plainSpaces(mdSection(readFileSync(join(q2.dir, 'report.fr.md'), 'utf8'), 'Ce qui a changé'));
    const lapsed = nameOf(q2.dir, segmentOf(q2.dir, '2026-Q2', 'lapsed'), 'personas.fr.json');
    expect(fr).toContain('**Principaux mouvements**');
    expect(fr).toMatch(/la répartition entre segments a changé \(test du khi-deux, p &lt; 0,001\)/);
    expect(fr).toMatch(/Appareil : mobile \d+(,\d)? % → \d+(,\d)? %/);
    expect(fr).toContain(`sont passés à ${lapsed}`);
    // Q1's at-risk segment is gone in Q2: named in French as the review's comparison carries it over, not in drift.json's English
    const atRisk = nameOf(q1.dir, segmentOf(q1.dir, '2026-Q1', 'at_risk'));
    expect(fr).not.toContain(atRisk);
    expect(fr).toMatch(/% des [^(]+ \(\d+ clients\) sont passés à /);
  });

  it('a damaged drift.json stops `seglab report` with the file and the field', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'seglab-drift-damaged-')), 'run');
    cpSync(q2.dir, copy, { recursive: true });
    const file = join(copy, 'drift.json');
    const bad = JSON.parse(readFileSync(file, 'utf8')) as { sizeShift: { pValue: unknown } };
    bad.sizeShift.pValue = 'small';
    writeFileSync(file, JSON.stringify(bad));
    const err = await reportRun(copy).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems[0]!.location).toEqual({ file, field: 'sizeShift.pValue' });
  });

  it('a quarter compared with itself reads "no drift", in both languages', async () => {
    const md = mdSection(readFileSync(join(same.dir, 'report.md'), 'utf8'), 'What changed');
    expect(md).toContain('No drift found between the two runs');
    expect(md).toContain('100% stayed in theirs and 0% moved to another');
    expect(md).not.toContain('What moved');
    await reportRun(same.dir, { report: { locale: 'fr' } });
    expect(plainSpaces(readFileSync(join(same.dir, 'report.fr.md'), 'utf8'))).toContain('Aucune dérive entre les deux analyses');
  });
});
