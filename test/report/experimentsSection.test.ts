// The experiments section of the review: present only with results, per segment lift with interval, the reading
// and the recommendation in words, small groups never shown, both languages, data escaped.
import { describe, expect, it } from 'vitest';
import { renderReportHtml, renderReportMarkdown } from '../../src';
import type { ReportData } from '../../src/report/ReportData';
import { experimentFixture, reportFixture } from './fixtures';
import { outsidePlotly } from './helpers';

const withExperiment = (locale: 'en' | 'fr'): ReportData => ({ ...reportFixture(locale), experiments: [experimentFixture()] });

describe('experiments section', () => {
  it('is left out when no experiment is given', () => {
    expect(renderReportHtml({ ...reportFixture('en'), experiments: undefined })).not.toContain('id="experiments"');
  });

  it('shows every segment with its lift, reading and recommendation; the small group only as suppressed', () => {
    const html = outsidePlotly(renderReportHtml(withExperiment('en')));
    expect(html).toContain('href="#experiments"');
    expect(html).toContain('email-offer: offer against control, conversion rate.');
    expect(html).toMatch(/Promo hunters<\/td><td[^>]*>250 \/ 250<\/td><td[^>]*>\+10\.8 pts \(\+4\.6 pts … \+17\.0 pts\)<\/td><td[^>]*>112\.5% \(35\.1% … 229%\)<\/td><td>significant \(p = 0\.001\)<\/td><td>roll out<\/td>/);
    expect(html).toContain('significant (p = 0.001)');
    expect(html).toContain('not significant (p = 0.614)');
    expect(html).toContain('roll out');
    expect(html).toContain('The segments respond differently (p = 0.04)');
    expect(html).toContain('fewer than 30 customers: not shown'); // the fixture's minimum group size
    expect(html).not.toContain('230 per variant');
    expect(html).not.toContain('<img');
  });

  it('French words and number format; Markdown has the same table', () => {
    const fr = outsidePlotly(renderReportHtml(withExperiment('fr')));
    expect(fr).toContain('Expériences');
    expect(fr).toContain('+10,8 pts');
    expect(fr).toContain('généraliser');
    const md = renderReportMarkdown(withExperiment('en'));
    expect(md).toContain('### email-offer');
    // A cell's leading + is escaped so Markdown cannot read it as a list.
    expect(md).toMatch(/\| Promo hunters \| 250 \/ 250 \| \\\+10\.8 pts .* \| significant \(p = 0\.001\) \| roll out \|/);
  });
});
