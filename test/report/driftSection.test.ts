// The review's "What changed" section (issue 16): first when the run has a drift report, absent otherwise;
// alerts by the 15% rule, sizes with a chi-square test and intervals, the migration, the drifting features with
// before/after bars, drift inside segments, rule health and score drift, in English and French; small groups and
// the suppressed segment never printed; identical runs read "no drift".
import { describe, expect, it } from 'vitest';
import { renderReportHtml, renderReportMarkdown, reportFigures } from '../../src';
import type { ReportData } from '../../src/report/ReportData';
import { DRIFT_SECRET, driftReportFixture, driftReviewFixture, identicalDriftReport } from './driftFixture';
import { allStrings, embeddedSpecs, outsidePlotly, plainSpaces } from './helpers';
import { PAYLOAD, reportFixture, SECRET } from './fixtures';

const html = (data: ReportData) => outsidePlotly(renderReportHtml(data, { plotlySource: '/* stub */' }));
/** The section's HTML, from its opening tag to its end. */
function section(page: string): string {
  const start = page.indexOf('<section class="card" id="drift">');
  return start < 0 ? '' : page.slice(start, page.indexOf('</section>', start));
}
/** The section's Markdown, from its heading to the next section's. */
function mdSection(md: string, title: string): string {
  const start = md.indexOf(`## ${title}\n`);
  return start < 0 ? '' : md.slice(start, md.indexOf('\n## ', start + 3));
}
/** Text as a reader sees it: tags dropped, entities of the payload kept, plain spaces. */
const text = (h: string) => plainSpaces(h.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));

describe('drift section: where it shows', () => {
  it('is absent without a drift report, and the changes section says where drift tests appear', () => {
    const page = html(reportFixture('en'));
    expect(page).not.toContain('id="drift"');
    expect(page).not.toContain('href="#drift"');
    expect(renderReportMarkdown(reportFixture('en'))).not.toContain('## What changed');
    const changes = page.slice(page.indexOf('id="changes"'));
    expect(changes).toContain('appear in “What changed” when the run includes the drift stage');
    expect(changes).not.toContain('later version');
    expect(plainSpaces(renderReportMarkdown(reportFixture('fr')))).toContain('figurent dans « Ce qui a changé » quand l’analyse comprend l’étape de dérive');
  });

  it('comes first, before the summary, in the page, the contents and the Markdown; it holds the one size table', () => {
    const data = driftReviewFixture('en');
    const page = html(data);
    expect(page.indexOf('<section class="card" id="drift">')).toBeGreaterThan(0);
    expect(page.indexOf('<section class="card" id="drift">')).toBeLessThan(page.indexOf('<section class="card" id="summary">'));
    expect(page).toMatch(/<nav class="toc"[^>]*><ol><li><a href="#drift">What changed<\/a><\/li><li><a href="#summary">/);
    // sizes folded into the drift section: no second table of sizes
    expect(page).not.toContain('id="changes"');
    expect(page).not.toContain('id="fig-changes"');
    const md = renderReportMarkdown(data);
    expect(md.indexOf('## What changed')).toBeGreaterThan(0);
    expect(md.indexOf('## What changed')).toBeLessThan(md.indexOf('## Summary'));
    expect(md).not.toContain('## Changes since the previous run');
    // a drift report without a size shift leaves the size table in the changes section, pointing up
    const noShift = html({ ...data, drift: { ...data.drift!, sizeShift: null } });
    expect(noShift).toContain('id="changes"');
    expect(section(noShift)).not.toContain('Customers before');
    expect(noShift.slice(noShift.indexOf('id="changes"'))).toContain('are in “What changed”, at the top of this review');
  });

  it('the summary points to its alerts instead of listing size alerts by another rule', () => {
    const withDrift = html(driftReviewFixture('en'));
    const summary = withDrift.slice(withDrift.indexOf('id="summary"'), withDrift.indexOf('</section>', withDrift.indexOf('id="summary"')));
    expect(summary).toContain('This run’s alerts against the previous run (key figures moving by more than the threshold) are in “What changed”, at the top of this review.');
    expect(summary).not.toContain('share up');
    expect(plainSpaces(renderReportMarkdown(driftReviewFixture('fr')))).toContain('figurent dans « Ce qui a changé », en tête de cette revue.');
    // without one, the summary lists the size alerts as before
    expect(html(reportFixture('en'))).toContain('share up');
  });

  it('has its figures: sizes, migration heat map, one before/after chart per drifting feature and drifting score', () => {
    const figs = reportFigures(driftReviewFixture('en')).filter((f) => f.section === 'drift');
    expect(figs.map((f) => f.id)).toEqual(['fig-drift-sizes', 'fig-drift-migration', 'fig-drift-feature-0', 'fig-drift-feature-1', 'fig-drift-feature-2', 'fig-drift-score-0']);
    expect(figs.map((f) => f.figure.data[0]!.type)).toEqual(['bar', 'heatmap', 'bar', 'bar', 'bar', 'bar']);
    // largest effect first: app_order_share (0.31), device (0.12)
    expect(figs[2]!.figure.layout.title!.text).toBe('app_order_share: previous and current run');
    expect(figs[3]!.figure.data[1]!.y).toEqual([0.22, 0.7, 0.08]);
    const page = renderReportHtml(driftReviewFixture('en'), { plotlySource: '/* stub */' });
    expect(embeddedSpecs(page).map((s) => s.id)).toEqual(expect.arrayContaining(figs.map((f) => f.id)));
  });

  it('names a column by the run\'s feature labels when no persona trait names it (a window the traits left out), escaped', () => {
    const data = driftReviewFixture('en');
    const labelled: ReportData = { ...data, featureLabels: { app_order_share: 'Orders via <app>', device: 'Device' } };
    const s = text(section(html(labelled)));
    expect(s).toContain('customer features drifted: Orders via &lt;app&gt; (app_order_share), Device (device)');
    expect(section(html(labelled))).not.toContain('Orders via <app>');
    expect(reportFigures(labelled).map((f) => f.figure.layout.title?.text)).toContain('Orders via <app> (app_order_share): previous and current run');
    // without labels, as before: the trait's label or the bare column
    expect(text(section(html(data)))).toContain('customer features drifted: app_order_share, Device (device)');
  });
});

describe('drift section: it names the documented drift', () => {
  it('in English: promo hunters growing, at-risk customers lapsing, more mobile, more app orders; the rules to re-validate', () => {
    const s = text(section(html(driftReviewFixture('en'))));
    expect(s).toContain('Promo hunters: number of customers up 29% (2,900 → 3,738)');
    expect(s).toContain('All customers: average order value up 17% (€45.20 → €53.10)');
    expect(s).toContain('Alert rule: a key figure (number of customers, share of revenue, average order value, churn risk, CLV; per segment and for all customers) that moves by more than 15% relative to the previous run.');
    expect(s).toContain('gives χ² = 1,235 with 4 degrees of freedom, p &lt; 0.001: the mix of segments changed more than chance would explain');
    expect(s).toContain('Promo hunters 2,900 3,738 25.6% 33.4% +7.8 pts +6.6 pts to +8.9 pts kept alert');
    expect(s).toContain('25% of At risk (500 customers) moved to Lapsed');
    expect(s).toContain('84.7% stayed in theirs and 15.3% moved to another');
    expect(s).toContain('New customers: 1,311 (11.7% of this run)');
    expect(s).toContain('customer features drifted: app_order_share, Device (device)');
    expect(s).toContain('mobile: 55% → 70%');
    expect(s).toContain('3 of 5 features drifted (60%)');
    expect(s).toContain('2 other features did not drift.');
    expect(s).toContain('Jensen-Shannon distance');
    expect(s).toContain('At risk 0.62 spreads Days since last order: [0, 30) 30% → 31%');
    expect(s).toContain('its rules place 91% of them (the fallback takes 9%) and agree with this run’s segments for 78%');
    expect(s).toContain('Re-validate the rules before the next export');
    expect(s).toContain('churn_score 0.273 0.25');
    expect(s).not.toContain('No drift found');
  });

  it('in French, with the same numbers', () => {
    const md = plainSpaces(mdSection(renderReportMarkdown(driftReviewFixture('fr')), 'Ce qui a changé'));
    expect(md).toContain('Chasseurs de promos : nombre de clients en hausse de 29 % (2 900 → 3 738)');
    expect(md).toContain('25 % des À risque (500 clients) sont passés à Partis');
    expect(md).toContain('variables clients en dérive : app\\_order\\_share, Appareil (device)');
    expect(md).toContain('mobile : 55 % → 70 %');
    expect(md).toContain('la répartition entre segments a changé (test du khi-deux, p &lt; 0,001)');
    expect(md).toContain('Revalidez les règles avant le prochain export');
    expect(md).toContain('### Où sont allés les clients');
    expect(md).toContain('| Analyse précédente → cette analyse | Fidèles réguliers | Chasseurs de promos | À risque | Partis | Partis |');
  });

  it('Markdown says what HTML says: the migration as a table with small cells blank, charts pointed to report.html', () => {
    const md = mdSection(renderReportMarkdown(driftReviewFixture('en')), 'What changed');
    expect(md).toContain('| Previous run → this run | Loyal regulars | Promo hunters | At risk | Lapsed | Left |');
    expect(md).toContain('| At risk | 50 | 200 | 900 | 500 | 350 |');
    // 20 moved Lapsed → At risk: blank; the row's other blank (the suppressed segment's column) keeps it from being derived
    expect(md).toContain('| Lapsed | 0 | 0 |   | 580 | 100 |');
    // 48 moved Loyal regulars → Lapsed: not small, but the only blank of its row once segment 3's column is hidden
    expect(md).toContain('| Loyal regulars | 4,200 | 300 | 150 |   | 100 |');
    expect(md).toContain('- 25% of At risk (500 customers) moved to Lapsed');
    expect(md).toContain('*Charts for this section are in report.html.*');
    expect(md).toContain('| Share now | Change | 95% interval | Status |');
    expect(md).toContain('| Promo hunters | 2,900 | 3,738 | 25.6% | 33.4% | \\+7.8 pts | \\+6.6 pts to +8.9 pts | kept **alert** |');
  });
});

describe('drift section: runs numbered apart, renamed segments', () => {
  it('shows both numbers when the runs number their segments apart, and a segment renamed since the previous run', () => {
    const d = driftReportFixture();
    // The previous run called Promo hunters 6 (it was not clustered with this one).
    d.sizeShift!.segments = d.sizeShift!.segments.map((r) => (r.referenceId === 1 ? { ...r, referenceId: 6 } : r));
    const data = driftReviewFixture('en', d);
    data.changes = { ...data.changes!, segments: data.changes!.segments.map((c) => (c.currentId === 2 ? { ...c, renamedFrom: 'Slipping | away' } : c)) };
    const md = mdSection(renderReportMarkdown(data), 'What changed');
    expect(md).toContain('so its segment numbers are its own: the size table gives both.');
    expect(md).toContain('| Segment | Number (before → now) | Customers before |');
    expect(md).toContain('| Promo hunters | 6 → 1 | 2,900 | 3,738 |');
    expect(md).toContain('| Loyal regulars | 0 | 4,800 | 5,000 |');
    expect(md).toContain('| At risk (renamed from Slipping \\| away) | 2 | 2,000 | 1,250 |');
    expect(section(html(data))).toContain('At risk</span> <span class="note renamed">renamed from Slipping | away</span>');
    // ids kept: no number column, and the lead says so
    const kept = mdSection(renderReportMarkdown(driftReviewFixture('en')), 'What changed');
    expect(kept).not.toContain('Number (before → now)');
    expect(kept).toContain('as the cluster stage matches them, so a segment keeps its number.');
  });
});

describe('drift section: identical runs', () => {
  it('say "no drift" in both languages, with a diagonal migration and no alert', () => {
    const en = text(section(html(driftReviewFixture('en', identicalDriftReport()))));
    expect(en).toContain('No key figure moved by more than 15% since the previous run.');
    expect(en).toContain('No drift found between the two runs');
    expect(en).toContain('100% stayed in theirs and 0% moved to another');
    expect(en).toContain('the differences are within what chance gives');
    expect(en).toContain('0 of 5 features drifted (0%)');
    expect(en).toContain('No group of at least 30 customers moved between two segments.');
    expect(en).not.toContain('What moved');
    expect(en).not.toContain('Re-validate');
    expect(en).toContain('The rules still meet their gate.');
    const fr = plainSpaces(mdSection(renderReportMarkdown(driftReviewFixture('fr', identicalDriftReport())), 'Ce qui a changé'));
    expect(fr).toContain('Aucune dérive entre les deux analyses');
    expect(fr).not.toContain('Ce qui a bougé');
    const md = mdSection(renderReportMarkdown(driftReviewFixture('en', identicalDriftReport())), 'What changed');
    expect(md).toContain('| Loyal regulars | 5,000 | 0 | 0 | 0 | 0 |');
    expect(md).toContain('| Lapsed | 0 | 0 | 0 | 1,200 | 0 |');
    expect(reportFigures(driftReviewFixture('en', identicalDriftReport())).filter((f) => f.id.startsWith('fig-drift-feature') || f.id.startsWith('fig-drift-score'))).toEqual([]);
  });
});

describe('drift section: privacy and escaping', () => {
  const data = driftReviewFixture('en');
  const page = renderReportHtml(data, { plotlySource: '/* stub */' });
  const body = section(outsidePlotly(page));
  const md = mdSection(renderReportMarkdown(data), 'What changed');
  const figureStrings = embeddedSpecs(page).filter((s) => s.id.startsWith('fig-drift')).flatMap((s) => allStrings(s.spec));

  it('never shows the suppressed segment, a previous segment matched to it, or one below the minimum size', () => {
    for (const out of [body, md, figureStrings.join('\n')]) {
      expect(out).not.toContain(SECRET.name);
      expect(out).not.toContain(DRIFT_SECRET.smallName);
      expect(out).not.toContain('secret_feature');
      expect(out).not.toContain('9.88');
      expect(out).not.toContain('Segment 3 of the previous run');
    }
    expect(body).not.toMatch(/>907</);
    expect(md).not.toMatch(/\| 907 \|/);
    expect(body).toContain('Segment 3: fewer than 30 customers, not shown');
    expect(body).toContain('Segment 5 of the previous run: fewer than 30 customers there, not shown');
    expect(md).toContain('- *Segment 5 of the previous run: fewer than 30 customers there, not shown*');
    // the alert about segment 3 is left out, and not counted
    expect(text(body)).toContain('key figures beyond the alert threshold: 5');
  });

  it('a shown segment whose previous partner was below the minimum gets no size row and no alert', () => {
    const d = driftReportFixture();
    d.sizeShift!.segments = d.sizeShift!.segments.map((r) => (r.referenceId === 4 ? { ...r, referenceCustomers: 25 } : r));
    d.alerts = [...d.alerts, { segmentId: 4, segmentName: null, figure: 'aov', reference: 40.75, current: 50.25, relativeChange: 0.233, threshold: 0.15 }];
    const s = text(section(html(driftReviewFixture('en', d))));
    expect(s).not.toContain('Lapsed: number of customers');
    expect(s).not.toContain('€40.75');
    expect(s).not.toMatch(/Lapsed 25 /);
    expect(s).toContain('Promo hunters: number of customers up 29%');
    expect(s).toContain('Segment 4 of the previous run: fewer than 30 customers there, not shown');
  });

  it('a distribution bin of fewer than the minimum customers is never printed, in words or in a chart', () => {
    const d = driftReportFixture();
    const seg = d.segments.find((s) => s.currentId === 2)!;
    // 1,000 members compared: 20 had a recent order before (2%, too few to print), 300 now
    seg.features.features[0] = { ...seg.features.features[0]!, referenceRows: 1000, currentRows: 1000, distribution: { bins: ['[0, 30)', '[30, 90)', '[90, 400]'], reference: [0.02, 0.48, 0.5], current: [0.3, 0.3, 0.4] } };
    d.features.features[1] = { ...d.features.features[1]!, referenceRows: 1000, currentRows: 1000, distribution: { bins: ['desktop', 'mobile', 'tablet'], reference: [0.35, 0.6, 0.05], current: [0.22, 0.7, 0.08] } };
    const data = driftReviewFixture('en', d);
    const s = text(section(html(data)));
    // the biggest move ([0, 30) 2% → 30%) is not printable; [30, 90) goes with it (a lone blank); [90, 400] is
    expect(s).toContain('At risk 0.62 spreads Days since last order: [90, 400] 50% → 40%');
    expect(s).not.toContain('2% → 30%');
    // device before: 50 tablets of 1,000 is printable (the minimum here is 30)
    const device = reportFigures(data).find((f) => f.figure.layout.title!.text === 'Device (device): previous and current run')!;
    expect(device.figure.data[0]!.y).toEqual([0.35, 0.6, 0.05]);
    const strict = driftReviewFixture('en', d);
    strict.personas = { ...strict.personas, minGroupSize: 60 };
    const blanked = reportFigures(strict).find((f) => f.figure.layout.title!.text === 'Device (device): previous and current run')!;
    expect(blanked.figure.data[0]!.y).toEqual([null, 0.6, null]);
  });

  it('no figure or table holds a group of 1 to 29 customers', () => {
    const heat = embeddedSpecs(page).find((s) => s.id === 'fig-drift-migration')!.spec as { data: { customdata: [string, string, number | null][][]; z: (number | null)[][] }[] };
    const counts = heat.data[0]!.customdata.flat().map((c) => c[2]);
    expect(counts.length).toBeGreaterThan(10);
    for (const c of counts) expect(c === null || c === 0 || c >= 30).toBe(true);
    expect(heat.data[0]!.customdata.flat().map((c) => c[0])).not.toContain(SECRET.name);
    const cells = md.split('\n').filter((l) => l.startsWith('| ') && !/^\| *:?-/.test(l)).flatMap((l) => l.split('|').map((c) => c.trim()));
    for (const c of cells) if (/^\d[\d,]*$/.test(c)) expect(Number(c.replace(/,/g, '')) === 0 || Number(c.replace(/,/g, '')) >= 30, c).toBe(true);
  });

  it('data-derived text is escaped in HTML, Markdown and the figures', () => {
    expect(body).not.toContain(PAYLOAD);
    expect(body).not.toMatch(/<img/i);
    expect(body).toContain('note &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('note &lt;/script>&lt;img src=x onerror=alert(1)>');
    for (const s of figureStrings) expect(s.replace(/<br>|<extra><\/extra>/g, '')).not.toMatch(/[<>]/);
    expect(figureStrings).toContain('tablet &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
});
