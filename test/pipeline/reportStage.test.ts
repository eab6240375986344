import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import type { Manifest } from '../../src/pipeline/Manifest';
import { runPipeline, type RunResult } from '../../src/pipeline/runPipeline';
import type { RunConfig } from '../../src/pipeline/RunConfig';
import type { PersonaResult, SegmentPersona } from '../../src/personas/PersonaResult';
import { seglab } from '../cli/helpers';
import { expectGoldenJson } from '../golden';
import { checkReportPage, launchChromium } from '../report/browserCheck';
import { CalendarDate } from '../../src/core/CalendarDate';

const root = join(__dirname, '..', '..');
const goldenPath = join(root, 'test', 'golden', 'personas.sample.en.json');

async function sampleRun(patch: (c: RunConfig) => RunConfig): Promise<RunResult> {
  const { config, baseDir } = loadRunConfig(join(root, 'data', 'configs', 'sample.yaml'));
  return runPipeline(patch(config), { baseDir, outDir: mkdtempSync(join(tmpdir(), 'seglab-report-')) });
}

/** Numbers to 4 significant digits (p-values to 3): the golden file checks meaning, not float noise. */
const precision = (key: string): number => (/^p(Value|Adjusted)$/.test(key) ? 3 : 4);

describe('report stage on the embedded sample (what `npm start` does)', () => {
  let run: RunResult;
  let personas: PersonaResult;
  beforeAll(async () => {
    run = await sampleRun((c) => ({ ...c, cluster: { ...c.cluster, stabilityResamples: 5 }, report: { ...c.report, pdf: false } }));
    personas = JSON.parse(readFileSync(join(run.dir, 'personas.json'), 'utf8')) as PersonaResult;
  }, 300_000);

  it('writes personas.json equal to the golden file (numbers rounded; `npm run golden:update` rewrites it)', () => {
    expectGoldenJson(goldenPath, personas, { precision });
  });

  it('finds personas a marketer recognises on the sample', () => {
    const shown = personas.segments.filter((s): s is SegmentPersona => !s.suppressed);
    expect(shown.map((s) => s.archetype)).toEqual(['champions', 'lapsedRegulars', 'promoDriven', 'cartAbandoners', 'newcomers']);
    const champions = shown[0]!;
    expect(champions.kpis.revenueShare!).toBeGreaterThan(0.6); // a quarter of the customers, most of the revenue
    expect(champions.card.actions[0]!.id).toBe('vipEarlyAccess');
    expect(champions.card.behaviour).toContain('€');
    expect(shown.find((s) => s.archetype === 'lapsedRegulars')!.card.actions[0]!.id).toBe('winBack');
  });

  it('writes report.html (self-contained, small), report.md and lists them in the manifest', () => {
    const html = readFileSync(join(run.dir, 'report.html'), 'utf8');
    expect(Buffer.byteLength(html)).toBeLessThan(5e6);
    expect(html).toContain('<html lang="en"');
    for (const s of personas.segments) if (!s.suppressed) expect(html).toContain(s.name);
    const md = readFileSync(join(run.dir, 'report.md'), 'utf8');
    expect(md).toContain('Champions');
    const manifest = JSON.parse(readFileSync(join(run.dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.outputs.map((o) => o.file)).toEqual(expect.arrayContaining(['personas.json', 'report.html', 'report.md']));
    expect(manifest.stages.map((s) => s.stage)).toContain('report');
    // The report names the run folder it belongs to.
    expect(html).toContain(run.runId);
  });

  it('opens in Chromium with every chart drawn and no console error (screenshot in reports/screenshots)', async () => {
    const browser = await launchChromium();
    try {
      const html = readFileSync(join(run.dir, 'report.html'), 'utf8');
      const figures = html.match(/class="seglab-figure"/g)?.length ?? 0;
      // sizes, one trait bar per persona, heatmap, RFM grid, projection, 4 selection curves, stability
      expect(figures).toBe(1 + 5 + 1 + 1 + 1 + 4 + 1);
      const check = await checkReportPage(browser, join(run.dir, 'report.html'), 'sample-report-en.png');
      expect(check.seglabError).toBeUndefined();
      expect(check.drawn).toBe(figures);
      expect(check.reported).toBe(String(figures));
      expect(check.problems).toEqual([]);
      expect(check.dialogs).toEqual([]);
      await check.page.close();
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('`seglab report <run> --locale fr --pdf` writes the French edition beside the English one, with a PDF', async () => {
    const englishHtml = readFileSync(join(run.dir, 'report.html'), 'utf8');
    const englishPersonas = readFileSync(join(run.dir, 'personas.json'), 'utf8');
    const r = await seglab(['--quiet', 'report', run.dir, '--locale', 'fr', '--pdf']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('report.fr.pdf');
    const html = readFileSync(join(run.dir, 'report.fr.html'), 'utf8');
    expect(html).toContain('<html lang="fr"');
    expect(readFileSync(join(run.dir, 'report.fr.md'), 'utf8')).toContain('## Synthèse');
    const fr = JSON.parse(readFileSync(join(run.dir, 'personas.fr.json'), 'utf8')) as PersonaResult;
    expect(fr.locale).toBe('fr');
    expect((fr.segments[0] as SegmentPersona).card.who).toContain('clients');
    expect(readFileSync(join(run.dir, 'report.fr.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // The English edition is untouched.
    expect(readFileSync(join(run.dir, 'report.html'), 'utf8')).toBe(englishHtml);
    expect(readFileSync(join(run.dir, 'personas.json'), 'utf8')).toBe(englishPersonas);
    const manifest = JSON.parse(readFileSync(join(run.dir, 'manifest.json'), 'utf8')) as Manifest;
    const files = manifest.outputs.map((o) => o.file);
    expect(files.filter((f) => f === 'report.html')).toHaveLength(1);
    expect(files).toEqual(expect.arrayContaining(['report.html', 'personas.json', 'report.fr.html', 'report.fr.md', 'personas.fr.json', 'report.fr.pdf']));
  }, 180_000);

  it('`seglab report` on a folder that is not a run exits 2 and says what is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'seglab-notrun-'));
    const r = await seglab(['report', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a complete run folder[\s\S]*manifest\.json is missing/);
  });
});

describe('changes since the previous quarter', () => {
  it('shows sizes side by side with the previous run, ids matched across quarters', async () => {
    const q1 = await sampleRun((c) => ({ ...c, asOf: CalendarDate.parse('2026-04-01'), stages: ['features', 'cluster', 'report'], cluster: { ...c.cluster, k: 5, stabilityResamples: 0 }, report: { ...c.report, pdf: false } }));
    // Without the drift stage (which runs by default with a previous run, and then holds the size table in "What changed").
    const q2 = await sampleRun((c) => ({ ...c, stages: ['features', 'cluster', 'report'], cluster: { ...c.cluster, k: 5, stabilityResamples: 0, previous: q1.dir }, report: { ...c.report, pdf: false } }));
    const p1 = JSON.parse(readFileSync(join(q1.dir, 'personas.json'), 'utf8')) as PersonaResult;
    const p2 = JSON.parse(readFileSync(join(q2.dir, 'personas.json'), 'utf8')) as PersonaResult;
    const html = readFileSync(join(q2.dir, 'report.html'), 'utf8');
    const md = readFileSync(join(q2.dir, 'report.md'), 'utf8');
    expect(html).toContain(q1.runId);
    expect(md).toContain(q1.runId);
    // Every segment of either quarter is a row; a share moving by more than 15%, a new or a gone segment is an alert.
    const section = html.slice(html.indexOf('<section class="card" id="changes">'), html.indexOf('</section>', html.indexOf('id="changes"')));
    expect(section).toContain(q1.runId);
    const shares = (p: PersonaResult) => new Map(p.segments.filter((x): x is SegmentPersona => !x.suppressed).map((x) => [x.id, x.share]));
    const before = shares(p1);
    const after = shares(p2);
    const ids = new Set([...before.keys(), ...after.keys()]);
    let alerts = 0;
    for (const id of ids) {
      const a = before.get(id);
      const b = after.get(id);
      if (a === undefined || b === undefined || Math.abs(b / a - 1) > 0.15) alerts++;
    }
    expect(section.match(/class="badge alert"/g)?.length ?? 0).toBe(alerts);
    expect(section.match(/<tr/g)!.length - 1).toBe(ids.size); // header row + one per segment
    for (const seg of p2.segments) if (!seg.suppressed) expect(md).toContain(seg.name);
  }, 300_000);
});
