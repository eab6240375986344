// The model section of the review: present only with a model, segment figures only for shown segments
// (the suppressed one's score never printed), numbers in the locale's format, both charts embedded.
import { describe, expect, it } from 'vitest';
import { renderReportHtml, renderReportMarkdown } from '../../src';
import type { ReportData } from '../../src/report/ReportData';
import { outsidePlotly } from './helpers';
import { reportFixture } from './fixtures';

/** The fixture has a model; without one the section is left out. */
const withPrediction = (locale: 'en' | 'fr'): ReportData => reportFixture(locale);
const withoutPrediction = (locale: 'en' | 'fr'): ReportData => ({ ...reportFixture(locale), prediction: undefined });

describe('prediction section', () => {
  it('is left out (with its contents entry) when the run has no model', () => {
    const html = renderReportHtml(withoutPrediction('en'));
    expect(html).not.toContain('id="prediction"');
    expect(renderReportMarkdown(withoutPrediction('en'))).not.toContain('Who is likely to act next');
  });

  it('shows quality with its interval, the budget, the shown segments, both charts; never the suppressed segment', () => {
    const html = outsidePlotly(renderReportHtml(withPrediction('en')));
    expect(html).toContain('href="#prediction"');
    expect(html).toContain('Ranking quality (ROC AUC): 0.812 (95% interval 0.801–0.823');
    expect(html).toContain('Contacting the top 10% of customers by score reaches 25% of those with the outcome; 50% of the contacted have it.');
    expect(html).toContain('gradient-boosted trees, chosen automatically');
    expect(html).toContain('id="fig-lift"');
    expect(html).toContain('id="fig-calibration"');
    expect(html).toContain('5,000');
    expect(html).not.toContain('98.8%');
    expect(html).not.toContain('secret driver');
    expect(html).not.toContain('<img');
  });

  it('says so, instead of "the top 0%", when tied top scores leave nobody within the contact budget', () => {
    const data = reportFixture('en');
    const html = outsidePlotly(renderReportHtml({ ...data, prediction: { ...data.prediction!, budget: { fraction: 0, threshold: null, precision: 0, recall: 0 } } }));
    expect(html).toContain('More customers share the top score than the contact budget allows');
    expect(html).not.toContain('Contacting the top 0%');
  });

  it('French: its words and number format; Markdown: the same tables', () => {
    const fr = outsidePlotly(renderReportHtml(withPrediction('fr')));
    expect(fr).toContain('Qui va probablement agir');
    expect(fr).toMatch(/0,812/);
    const md = renderReportMarkdown(withPrediction('en'));
    expect(md).toContain('### By segment');
    expect(md).toMatch(/\| 10% \|/);
    expect(md).not.toContain('secret driver');
    expect(md).not.toContain('98.8%');
  });
});
