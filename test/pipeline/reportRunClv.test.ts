// CLV in the personas and the quarterly review: KPI rows (mean CLV, share of value, P(alive)), the value section
// with its chart and the "high value, probably leaving" counts, the keepHighValue persona action, in English and
// French; `seglab report <run>` renders the same from clv.json and the feature table, and a bad clv.json is an
// InputError naming the file and the field.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { assembleRunReport, reportRun } from '../../src/pipeline/reportRun';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';
import type { RunConfig } from '../../src/pipeline/RunConfig';
import type { SegmentPersona } from '../../src/personas/PersonaResult';

const root = join(__dirname, '..', '..');
const out = (): string => mkdtempSync(join(tmpdir(), 'seglab-report-clv-'));

function sampleConfig(clv: Record<string, unknown>, report: Partial<RunConfig['report']> = {}): { config: RunConfig; baseDir: string } {
  const { config, baseDir } = loadRunConfig(join(root, 'data', 'configs', 'sample.yaml'), { set: { clv: JSON.stringify(clv) } });
  return { config: { ...config, stages: ['features', 'cluster', 'clv', 'report'], cluster: { ...config.cluster, k: 5, stabilityResamples: 0 }, report: { ...config.report, pdf: false, ...report } }, baseDir };
}

const shown = (segments: readonly { suppressed: boolean }[]): SegmentPersona[] => segments.filter((s): s is SegmentPersona => !s.suppressed);

describe('CLV in the review of the sample', () => {
  let run: RunResult;
  const before: Record<string, string> = {};
  beforeAll(async () => {
    // The sample's valuable customers are mostly active: a wide band (top half, P(alive) below 0.9) and groups of 20
    // give counts of 11 to 33 per segment, so some are published and one is not.
    const { config, baseDir } = sampleConfig({ highValueShare: 0.5, leavingBelow: 0.9 }, { minGroupSize: 20 });
    run = await runPipeline(config, { baseDir, outDir: out() });
    for (const f of ['report.html', 'report.md', 'personas.json']) before[f] = readFileSync(join(run.dir, f), 'utf8');
  }, 120_000);

  it('gives the KPI table mean CLV, share of value and mean P(alive), equal to clv.json per segment', async () => {
    const personas = JSON.parse(before['personas.json']!) as { kpiDefinitions: { key: string; label: string }[]; segments: SegmentPersona[] };
    const keys = personas.kpiDefinitions.map((d) => d.key);
    expect(keys).toEqual(expect.arrayContaining(['clv', 'valueShare', 'pAlive']));
    const file = run.results.clv!;
    const segs = shown(personas.segments);
    expect(segs.length).toBe(5);
    for (const s of segs) {
      const v = file.segments!.find((x) => x.id === s.id)!;
      expect(s.kpis.clv).toBeCloseTo(v.meanClv!, 9);
      expect(s.kpis.valueShare).toBeCloseTo(v.valueShare!, 12);
      expect(s.kpis.pAlive).toBeCloseTo(v.meanPAlive!, 12);
      // The card says it in words, with the KPI table's numbers.
      // Money as the review prints it: cents below 100, none from 100.
      const money = v.meanClv! < 100 ? `€${v.meanClv!.toFixed(2)}` : `€${Math.round(v.meanClv!).toLocaleString('en-US')}`;
      expect(s.card.values).toContain(`expected to be worth ${money} on average (customer lifetime value): `);
      expect(s.card.values).toMatch(/: \d+(\.\d)?% of all customer value, for \d+(\.\d)?% of the customers\./);
    }
    expect(before['report.html']).toContain('Share of customer value');
    expect(before['report.html']).toContain('Probability still active');
  });

  it('has a value section with the share-of-customers vs share-of-value chart and the leaving counts in words', () => {
    const html = before['report.html']!;
    expect(html).toContain('id="value"');
    expect(html).toContain('id="fig-value"');
    const md = before['report.md']!;
    expect(md).toContain('## Customer value');
    expect(md).toMatch(/Customer lifetime value \(CLV\) over the next 12 months, discounted 1% a month: BG\/NBD/);
    expect(md).toContain('### High value, probably leaving');
    const file = run.results.clv!;
    const counted = file.segments!.filter((s) => s.highValueLeaving >= 20);
    expect(counted.length).toBeGreaterThan(0);
    for (const s of counted) expect(md).toContain(`: ${s.highValueLeaving.toLocaleString('en-US')} customers`);
    const few = file.segments!.filter((s) => s.highValueLeaving > 0 && s.highValueLeaving < 20);
    expect(few.length).toBeGreaterThan(0);
    for (const s of few) expect(md).not.toContain(`: ${s.highValueLeaving} customers`);
    expect(md).toContain('fewer than 20 customers (not shown)');
    // The sample's regulars spend more per order: the review says the Gamma-Gamma assumption is doubtful.
    expect(md).toMatch(/are correlated \(0\.\d\d\); Gamma-Gamma assumes they are not/);
  });

  it('recommends keepHighValue first to segments with enough valuable customers probably leaving, with the count', () => {
    const personas = JSON.parse(before['personas.json']!) as { segments: SegmentPersona[] };
    const file = run.results.clv!;
    const segs = shown(personas.segments);
    const acted = segs.filter((s) => s.card.actions.some((a) => a.id === 'keepHighValue'));
    const expected = segs.filter((s) => file.segments!.find((x) => x.id === s.id)!.highValueLeaving >= 20);
    expect(acted.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    expect(acted.length).toBeGreaterThan(0);
    for (const s of acted) {
      const n = file.segments!.find((x) => x.id === s.id)!.highValueLeaving;
      expect(s.card.actions[0]!.id).toBe('keepHighValue');
      expect(s.card.actions[0]!.reason).toBe(`${n.toLocaleString('en-US')} customers among the 50% most valuable of the base are probably leaving (probability still active below 90%).`);
    }
  });

  it('seglab report re-renders report.html, report.md and personas.json byte for byte from the run folder, and in French', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'seglab-report-clv-copy-'));
    cpSync(run.dir, copy, { recursive: true });
    await reportRun(copy);
    for (const f of Object.keys(before)) expect(readFileSync(join(copy, f), 'utf8'), f).toBe(before[f]);
    const fr = await assembleRunReport(run.dir, { report: { locale: 'fr' } });
    expect(fr.data.value).toEqual((await assembleRunReport(run.dir)).data.value);
    const { renderReportMarkdown } = await import('../../src/report/renderReportMarkdown');
    const md = renderReportMarkdown(fr.data);
    expect(md).toContain('## Valeur client');
    expect(md).toContain('### Forte valeur, départ probable');
    expect(md).toContain('Part de la valeur client');
    expect(shown(fr.personas.segments).some((s) => s.card.actions.some((a) => a.title === 'Retenir les clients de valeur qui s’éloignent'))).toBe(true);
  });

  it('a damaged clv.json is an InputError naming the file and the field', async () => {
    const damaged = (edit: (j: Record<string, unknown>) => void): string => {
      const copy = mkdtempSync(join(tmpdir(), 'seglab-report-clv-damaged-'));
      cpSync(run.dir, copy, { recursive: true });
      const j = JSON.parse(readFileSync(join(run.dir, 'clv.json'), 'utf8')) as Record<string, unknown>;
      edit(j);
      writeFileSync(join(copy, 'clv.json'), JSON.stringify(j));
      return copy;
    };
    const badShare = damaged((j) => ((j.segments as Record<string, unknown>[])[1]!.valueShare = 'most'));
    await expect(assembleRunReport(badShare)).rejects.toThrow(InputError);
    await expect(assembleRunReport(badShare)).rejects.toThrow(/clv\.json[\s\S]*segments\[1\]\.valueShare/);
    const badModel = damaged((j) => (j.model = 'bgnbd'));
    await expect(assembleRunReport(badModel)).rejects.toThrow(/clv\.json[\s\S]*model/);
    const otherRun = damaged((j) => ((j.segments as Record<string, unknown>[])[0]!.customers = 1));
    await expect(assembleRunReport(otherRun)).rejects.toThrow(/clv\.json, field segments\[0\]\.customers: segment 0 has 1 customers here and \d+ in cluster\.json/);
  });
});

describe('CLV in the review: suppression', () => {
  it('shows no value row or count of a suppressed segment, and no count below the minimum group size', async () => {
    const { config, baseDir } = sampleConfig({}, { minGroupSize: 500 });
    const run = await runPipeline(config, { baseDir, outDir: out() });
    const { personas, data } = await assembleRunReport(run.dir);
    const hidden = personas.segments.filter((s) => s.suppressed).map((s) => s.id);
    expect(hidden.length).toBeGreaterThan(0);
    const md = readFileSync(join(run.dir, 'report.md'), 'utf8');
    const section = md.slice(md.indexOf('## Customer value'), md.indexOf('\n## ', md.indexOf('## Customer value') + 5));
    const rows = section.split('\n').filter((l) => /^\| (?!Segment|-)/.test(l) && !/^\| :?-/.test(l));
    expect(rows.length).toBe(personas.segments.length - hidden.length);
    // Every leaving count on the sample's default band is below 500: none is printed as a number.
    expect(data.value!.segments.some((s) => s.highValueLeaving > 0)).toBe(true);
    expect(section).not.toMatch(/: \d[\d,]* customers/);
    expect(section).toMatch(/fewer than 500 customers \(not shown\)/);
  }, 120_000);
});
