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
    const html = outsidePlotly(renderReportHtml({ ...data, prediction: { ...data.prediction!, budget: { share: 0.1, fraction: 0, threshold: null, precision: 0, recall: 0 } } }));
    expect(html).toContain('More customers share the top score than the contact budget allows');
    expect(html).not.toContain('Contacting the top 0%');
  });

  it('says why fewer than the budget are contacted when customers tied at the threshold would pass it, in both languages', () => {
    const tied = (locale: 'en' | 'fr'): ReportData => {
      const data = reportFixture(locale);
      return { ...data, prediction: { ...data.prediction!, budget: { share: 0.1, fraction: 0.077, threshold: 0.5, precision: 0.4, recall: 0.2 } } };
    };
    const html = outsidePlotly(renderReportHtml(tied('en')));
    expect(html).toContain('The contact budget is the top 10% of customers by score, but customers tied on the score at the threshold are contacted all or none, and the whole tied group would pass the budget: so the top 7.7% are contacted.');
    expect(html).not.toContain('Contacting the top 7.7%');
    expect(renderReportMarkdown(tied('en'))).toContain('customers tied on the score at the threshold are contacted all or none');
    const fr = outsidePlotly(renderReportHtml(tied('fr')));
    expect(fr).toMatch(/Le budget de contact est de 10\s?% des clients au score le plus élevé, mais les clients à égalité de score au seuil sont contactés tous ou aucun/);
    expect(fr).toMatch(/ce sont donc les 7,7\s?% de tête qui sont contactés/);
    // Less than one customer short of the budget is rounding, not ties: the plain sentence.
    const data = reportFixture('en');
    const rounded = outsidePlotly(renderReportHtml({ ...data, prediction: { ...data.prediction!, evaluatedRows: 1234, budget: { share: 0.1, fraction: 123 / 1234, threshold: 0.5, precision: 0.4, recall: 0.2 } } }));
    expect(rounded).toContain('Contacting the top 10% of customers by score');
  });

  it('words the automatic choice per validation kind: the test period out of time, cross-validation for k-fold, in both languages', () => {
    const kFold = (locale: 'en' | 'fr'): ReportData => {
      const data = reportFixture(locale);
      return { ...data, prediction: { ...data.prediction!, validation: 'k-fold' } };
    };
    expect(outsidePlotly(renderReportHtml(reportFixture('en')))).toContain('chosen automatically as the best on the test period');
    const en = outsidePlotly(renderReportHtml(kFold('en')));
    expect(en).toContain('gradient-boosted trees, chosen automatically as the best in cross-validation');
    expect(en).not.toContain('test period');
    expect(renderReportMarkdown(kFold('en'))).toContain('chosen automatically as the best in cross-validation');
    const fr = outsidePlotly(renderReportHtml(kFold('fr')));
    expect(fr).toContain('arbres boostés, choisi automatiquement comme le meilleur en validation croisée');
    expect(fr).not.toContain('période de test');
    expect(outsidePlotly(renderReportHtml(reportFixture('fr')))).toContain('choisi automatiquement comme le meilleur sur la période de test');
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
