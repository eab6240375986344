// The value section of the review (clv stage): present only with CLV, rows and chart bars for shown segments only
// (the suppressed one's numbers never printed), leaving counts in words (below the minimum group size not
// published), the Gamma-Gamma warning when the fit gave one, both languages.
import { describe, expect, it } from 'vitest';
import { renderReportHtml, renderReportMarkdown } from '../../src';
import type { ReportData } from '../../src/report/ReportData';
import { embeddedSpecs, outsidePlotly, plainSpaces } from './helpers';
import { reportFixture, SECRET } from './fixtures';

const without = (locale: 'en' | 'fr'): ReportData => ({ ...reportFixture(locale), value: undefined });

describe('value section', () => {
  it('is left out (with its contents entry) when the run has no CLV', () => {
    expect(renderReportHtml(without('en'))).not.toContain('id="value"');
    expect(renderReportMarkdown(without('en'))).not.toContain('## Customer value');
  });

  it('shows the shown segments’ shares, mean CLV and P(alive), the chart and the leaving counts in words; never the suppressed segment', () => {
    const data = reportFixture('en');
    const html = outsidePlotly(renderReportHtml(data, { plotlySource: '/* stub */' }));
    const section = html.slice(html.indexOf('<section class="card" id="value">'), html.indexOf('</section>', html.indexOf('id="value"')));
    expect(section).toContain('over the next 12 months, discounted 1% a month: BG/NBD');
    expect(section).toContain('fitted on 9,500 customers with a purchase (6,100 bought again)');
    expect(section).toContain('€1,234,567');
    expect(section).toContain('are correlated (0.41)');
    expect(section).toContain('€287<');
    expect(section).toContain('€48.50');
    expect(section).toContain('70%');
    expect(section).toContain('412 customers');
    expect(section).toContain('fewer than 30 customers (not shown)');
    expect(section).toContain('none');
    expect(section).toContain('id="fig-value"');
    for (const secret of ['987.65', '0.0123', SECRET.name]) expect(section).not.toContain(secret);
    const spec = embeddedSpecs(html).find((s) => s.id === 'fig-value')!.spec as { data: { y: number[] }[] };
    expect(spec.data[1]!.y).toEqual([0.2, 0.7, 0.0999]);
    const md = renderReportMarkdown(data);
    const mdSection = md.slice(md.indexOf('## Customer value'), md.indexOf('\n## ', md.indexOf('## Customer value') + 3));
    expect(mdSection.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Segment') && !/^\| *:?-/.test(l))).toHaveLength(3);
    expect(mdSection).toContain('### High value, probably leaving');
  });

  it('says it in French', () => {
    const md = plainSpaces(renderReportMarkdown(reportFixture('fr')));
    expect(md).toContain('## Valeur client');
    expect(md).toContain('actualisée de 1 % par mois');
    expect(md).toContain('### Forte valeur, départ probable');
    expect(md).toContain('412 clients');
    expect(md).toContain('moins de 30 clients (non publié)');
  });

  it('leaves the Gamma-Gamma sentence out when the fit gave no warning', () => {
    const data = reportFixture('en');
    const md = renderReportMarkdown({ ...data, value: { ...data.value!, correlationWarning: false } });
    expect(md).not.toContain('are correlated');
  });
});
