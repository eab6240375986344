import { describe, expect, it } from 'vitest';
import { defineSection, reportContext } from '../../src/report/defineSection';
import { localTexts } from '../../src/report/localTexts';
import { renderReportHtml } from '../../src/report/renderReportHtml';
import { renderReportMarkdown } from '../../src/report/renderReportMarkdown';
import { REPORT_SECTIONS, SECTIONS } from '../../src/report/ReportSection';
import { barChart } from '../../src/viz/barChart';
import { driftReportFixture } from './driftFixture';
import { PAYLOAD, reportFixture } from './fixtures';

/** A section as a new layer would write one: words in both languages, a figure, an HTML and a Markdown part. */
const example = defineSection({
  id: 'example',
  texts: localTexts({ title: 'Example', intro: (n: string) => `${n} customers: fine?` }, { title: 'Exemple', intro: (n) => `${n} clients : bien ?` }),
  figures: ({ t, seg }) => [
    { id: 'fig-example', figure: barChart(seg.shown.map((s) => s.name), seg.shown.map((s) => s.share), { title: t.title }) },
    null,
  ],
  html: (ctx) => `<p>${ctx.t.intro(ctx.fmt.integer(12345))}</p>${ctx.figure('fig-example')}${ctx.figure('fig-missing')}${ctx.segmentName(1)}${ctx.suppressed()}`,
  markdown: (ctx) => (ctx.data.changes ? `${ctx.t.intro(ctx.fmt.integer(12345))}${ctx.suppressed()}\n\n${ctx.chartsInHtml()}` : null),
});

describe('defineSection', () => {
  it('gives each part the section’s words in the report’s locale, French typography included', () => {
    const en = reportContext(reportFixture('en'));
    const fr = reportContext(reportFixture('fr'));
    expect(example.title('en')).toBe('Example');
    expect(example.title('fr')).toBe('Exemple');
    expect(example.html(en, example.figures(en))).toMatch(/^<p>12,345 customers: fine\?<\/p>/);
    expect(example.html(fr, example.figures(fr))).toMatch(/^<p>12\u202f345 clients\u00a0: bien\u00a0\?<\/p>/);
  });

  it('figures: nulls dropped, the locale’s separators set, drawn in place only when the section has them', () => {
    const en = reportContext(reportFixture('en'));
    const figures = example.figures(en);
    expect(figures.map((f) => f.id)).toEqual(['fig-example']);
    expect(figures[0]!.figure.layout.separators).toBe('.,');
    expect(example.figures(reportContext(reportFixture('fr')))[0]!.figure.layout.separators).toBe(', ');
    const html = example.html(en, figures)!;
    expect(html.match(/<div class="seglab-figure"/g)).toHaveLength(1);
    expect(html).toContain('<script type="application/json" id="fig-example-spec">');
    expect(example.html(en, [])).not.toContain('seglab-figure');
  });

  it('shared parts escape data and name suppressed segments by id only', () => {
    const en = reportContext(reportFixture('en'));
    const html = example.html(en, [])!;
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</span>'); // segment 1's name
    expect(html).not.toContain(PAYLOAD);
    expect(html).toContain('<ul class="plain"><li class="suppressed">Segment 3: fewer than 30 customers, not shown</li></ul>');
    expect(example.markdown(en)).toBe('12,345 customers: fine?\n\n- *Segment 3: fewer than 30 customers, not shown*\n\n*Charts for this section are in report.html.*');
    expect(example.markdown(reportContext({ ...reportFixture('en'), changes: null }))).toBeNull();
  });
});

describe('the section list drives both renderers', () => {
  // Every section present: a drift report whose sizes stay in the changes section (no size shift).
  const data = { ...reportFixture('en'), drift: { ...driftReportFixture(), sizeShift: null } };
  const html = renderReportHtml(data, { plotlySource: '/* stub */' });
  const md = renderReportMarkdown(data);

  it('every section, in the list’s order, under its title, in the contents', () => {
    expect(REPORT_SECTIONS.length).toBeGreaterThan(0);
    let lastHtml = -1;
    let lastMd = -1;
    for (const s of SECTIONS) {
      const title = s.title('en');
      const atHtml = html.indexOf(`<section class="card" id="${s.id}">\n<h2>${title}</h2>`);
      const atMd = md.indexOf(`\n## ${title}\n`);
      expect(atHtml, s.id).toBeGreaterThan(lastHtml);
      expect(atMd, s.id).toBeGreaterThan(lastMd);
      expect(html).toContain(`<li><a href="#${s.id}">${title}</a></li>`);
      lastHtml = atHtml;
      lastMd = atMd;
    }
  });

  it('a section with nothing to say is left out of the page and the contents', () => {
    const none = { ...data, changes: null };
    expect(renderReportHtml(none, { plotlySource: '' })).not.toContain('href="#changes"');
    expect(renderReportMarkdown(none)).not.toContain('## Changes since the previous run');
  });
});
