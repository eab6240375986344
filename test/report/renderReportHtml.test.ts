import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plotlyBundleSource } from '../../src/report/plotlyBundleSource';
import { renderReportHtml, REPORT_SECTIONS, reportFigures } from '../../src';
import { allStrings, embeddedSpecs, outsidePlotly, plainSpaces } from './helpers';
import { driftReportFixture } from './driftFixture';
import { largeReportFixture, PAYLOAD, reportFixture, SECRET } from './fixtures';

const ESCAPED = '&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;';
const en = renderReportHtml(reportFixture('en'));
const fr = renderReportHtml(reportFixture('fr'));

describe('renderReportHtml', () => {
  it('markup in names, categorical values, feature labels and notes is shown as text, never parsed', () => {
    for (const html of [en, fr]) {
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('</script><img');
      expect(html).not.toMatch(/<img/i);
      const body = outsidePlotly(html);
      expect(body).toContain(`<h3>${ESCAPED}</h3>`); // segment name
      expect(body).toContain(`Lyon ${ESCAPED}`); // categorical value
      expect(body).toContain(`Open rate ${ESCAPED}`); // feature label
      expect(body.includes(`<li>Note with markup ${ESCAPED}</li>`) || body.includes(`<li>Remarque avec balisage ${ESCAPED}</li>`)).toBe(true); // note
    }
  });

  it('figure JSON is inert: no string holds < or > except plotly tokens seglab wrote', () => {
    const strings = embeddedSpecs(en).flatMap((s) => allStrings(s.spec));
    for (const s of strings) expect(s.replace(/<br>|<extra><\/extra>/g, '')).not.toMatch(/[<>]/);
    expect(strings).toContain(ESCAPED);
    expect(strings.some((s) => s.includes(`Open rate ${ESCAPED}`))).toBe(true);
  });

  it('suppressed segments appear only as "Segment N: fewer than … customers, not shown"', () => {
    for (const html of [en, fr]) {
      const body = plainSpaces(outsidePlotly(html));
      for (const secret of [SECRET.name, 'REASON-MARKER', '97531', '97,531', '97 531', '0.04321', '4.3%', '4,3 %', '0.4321', '0.432', '0,432', '7.777', '-8.888']) {
        expect(body, secret).not.toContain(secret);
      }
    }
    expect(en).toContain('Segment 3: fewer than 30 customers, not shown');
    expect(plainSpaces(fr)).toContain('Segment 3 : moins de 30 clients, non affiché');
  });

  it('French: lang, section titles, numbers, dates', () => {
    const body = plainSpaces(outsidePlotly(fr));
    expect(fr).toMatch(/^<!doctype html>\n<html lang="fr">/);
    for (const title of ['Synthèse', 'Taille des segments', 'Indicateurs clés par segment', 'Ce qui distingue chaque segment', 'Qualité des données', 'Évolution depuis l’analyse précédente']) {
      expect(body).toContain(`>${title}</h2>`);
    }
    expect(body).toContain('12,5 %');
    expect(body).toContain('10 000');
    expect(body).toContain('1er juillet 2026');
    expect(body).toContain('Données arrêtées au');
    expect(body).not.toContain('Summary');
  });

  it('English: lang, section titles, numbers, dates', () => {
    const body = outsidePlotly(en);
    expect(en).toMatch(/^<!doctype html>\n<html lang="en">/);
    for (const title of ['Summary', 'Segment sizes', 'Personas', 'Key figures by segment', 'How the segments were found', 'Changes since the previous run']) {
      expect(body).toContain(`>${title}</h2>`);
    }
    expect(body).toContain('12.5%');
    expect(body).toContain('10,000');
    expect(body).toContain('1 July 2026');
    expect(body).toContain('€1,235'); // base revenue per customer, formatted by unit
  });

  it('sections in order; changes only with a previous run', () => {
    // Every section present: a drift report whose sizes stay in the changes section (no size shift).
    const all = renderReportHtml({ ...reportFixture('en'), drift: { ...driftReportFixture(), sizeShift: null } }, { plotlySource: '/* stub */' });
    const order = REPORT_SECTIONS.map((s) => all.indexOf(`<section class="card" id="${s}">`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const none = renderReportHtml({ ...reportFixture('en'), changes: null }, { plotlySource: '/* stub */' });
    expect(none).not.toContain('id="changes"');
    expect(none).toContain('No previous run to compare with');
  });

  it('summary holds the key numbers and the size alerts', () => {
    const summary = en.slice(en.indexOf('id="summary"'), en.indexOf('id="sizes"'));
    expect(summary).toContain('10,000');
    expect(summary).toContain('1 not shown');
    expect(summary).toContain(`${ESCAPED}: share up 29% (29% → 37.4%)`);
    expect(summary).toContain('share down 38% (20% → 12.5%)');
    expect(summary).not.toContain('Loyal regulars: share'); // +4% is below the 15% threshold
  });

  it('one placeholder and one JSON spec per figure', () => {
    const figures = reportFigures(reportFixture('en'));
    expect(en.match(/<div class="seglab-figure"/g)).toHaveLength(figures.length);
    expect(embeddedSpecs(en).map((s) => s.id)).toEqual(figures.map((f) => f.id));
  });

  it('self-contained: no URL outside plotly.js, plotly.js embedded exactly once', () => {
    const plotly = plotlyBundleSource();
    for (const html of [en, fr]) {
      const body = outsidePlotly(html);
      expect(body).not.toMatch(/https?:\/\//i);
      // nothing fetched: no element that loads a resource, no CSS import or url()
      expect(body).not.toMatch(/<(link|img|iframe|embed|object|source|video|audio|base)\b|<script[^>]*\ssrc=|@import|url\(/i);
      expect(html.split(plotly)).toHaveLength(2);
      expect(html.match(/<script id="seglab-plotly">/g)).toHaveLength(1);
    }
    expect(plotly).toBe(readFileSync(require.resolve('plotly.js-cartesian-dist-min/plotly-cartesian.min.js'), 'utf8'));
  });

  it('a review of 12 segments with a 5,000-point projection stays under 5 MB', () => {
    const html = renderReportHtml(largeReportFixture(12, 5000));
    const bytes = Buffer.byteLength(html);
    console.log(`12-segment report: ${bytes.toLocaleString('en-US')} bytes`);
    expect(bytes).toBeLessThan(5_000_000);
    expect(embeddedSpecs(html).find((s) => s.id === 'fig-projection')!.spec.data).toHaveLength(12);
  });

  it('the payload itself never reaches the page unescaped, even via the plotlySource option', () => {
    const html = renderReportHtml(reportFixture('en'), { plotlySource: 'var s = "</script><b>";' });
    expect(html).toContain('var s = "<\\/script><b>";');
    expect(html).not.toContain(PAYLOAD);
  });
});

describe('renderReportHtml: how the segments were found', () => {
  it('says whether the segments are natural groups or a partition for action, in both languages', () => {
    expect(plainSpaces(en)).toContain('The data shows no natural groups (the 5 segments the gap statistic points to do not hold under resampling (mean Jaccard 0.71)): the 4 segments are a partition for action');
    expect(plainSpaces(en)).toContain('k = 4 is the number of segments from 4 to 6 that meets the business limits with the best silhouette.');
    expect(plainSpaces(fr)).toContain('Les données ne forment pas de groupes naturels');
    expect(plainSpaces(fr)).toContain('Silhouette : k = 4');
    // The English reasoning stays out of the French edition.
    expect(fr).not.toContain('silhouette agrees');
    expect(en).toContain('silhouette agrees');
  });

  it('k-prototypes: categoricals, gamma, cost share, modes (rare ones withheld), and why map and stability are absent', () => {
    const data = reportFixture('en');
    data.clustering.kprototypes = {
      categorical: ['region', 'device'],
      gamma: 8.1432,
      gammaRule: 'balanced',
      costShare: { numeric: 0.43, categorical: 0.57 },
      movedByCategorical: 991,
      modes: [
        { segment: 0, values: { region: 'Île-de-France', device: 'mobile' } },
        { segment: 1, values: { region: null, device: 'desktop' } },
      ],
    };
    data.clustering.absent = { projection: 'mixedFeatures', stability: 'notComputed' };
    data.clustering.stability = null;
    data.projection = null;
    const html = plainSpaces(renderReportHtml(data));
    expect(html).toContain('Segments combine the numeric features with region, device. A category mismatch costs 8.143 (both parts weigh the same on this data); the categories make up 57% of the final cost and place 991 customers in another segment');
    expect(html).toContain('Île-de-France');
    expect(html).toContain('held by too few customers to show');
    expect(html).toContain('The segments also depend on categorical features, which a map of the numeric features cannot show.');
    expect(html).toContain('The bootstrap was not run (cluster.stabilityResamples is 0).');
    const frData = { ...reportFixture('fr'), clustering: { ...data.clustering } };
    expect(plainSpaces(renderReportHtml(frData))).toContain('Les segments combinent les variables numériques et region, device.');
  });
});

/** The fixture compared with a run that numbered its segments otherwise: segment 0 was 2 and renamed (from the payload), 1 is new, 6 gone. */
function unmatchedIdsFixture(locale: 'en' | 'fr'): ReturnType<typeof reportFixture> {
  const data = reportFixture(locale);
  const personas = data.personas.segments.map((s) => (s.id === 0 && !s.suppressed ? { ...s, renamedFrom: PAYLOAD } : s));
  const [zero, one, two, secret] = data.changes!.segments;
  return {
    ...data,
    personas: { ...data.personas, segments: personas },
    changes: {
      ...data.changes!,
      idsKept: false,
      matchMaxDistance: 0.75,
      segments: [
        { ...zero!, previousId: 2, renamedFrom: PAYLOAD, previousShare: 0.4, relativeChange: 0.25, alert: true },
        { ...one!, previousId: null, previousSize: null, previousShare: null, relativeChange: null, alert: true, status: 'new' },
        { ...two!, previousId: 0 },
        secret!,
        { currentId: null, previousId: 6, name: null, renamedFrom: null, previousSize: 700, currentSize: null, previousShare: 0.07, currentShare: null, relativeChange: null, alert: true, status: 'gone' },
      ],
    },
  };
}

describe('renderReportHtml: changes since the previous run (issue 19)', () => {
  const html = renderReportHtml(unmatchedIdsFixture('en'), { plotlySource: '/* stub */' });
  const section = html.slice(html.indexOf('id="changes"'), html.indexOf('</section>', html.indexOf('id="changes"')));

  it('shows both numbers of every segment, one when they are the same', () => {
    const ids = [...section.matchAll(/<tr>.*?<\/tr>/gs)].map((r) => r[0]);
    expect(ids[0]).toContain('Number (before → now)');
    expect(section).toContain('<td>2 → 0</td>');
    expect(section).toContain('<td>– → 1</td>');
    expect(section).toContain('<td>6 → –</td>');
    expect(section).toContain('<td>Segment 6 of the previous run</td>');
    const kept = renderReportHtml(reportFixture('en'), { plotlySource: '/* stub */' });
    expect(kept).toContain('<td>0</td>');
    expect(kept).not.toMatch(/<td>\d → \d<\/td>/);
  });

  it('says whether the numbers persist and how far apart a match may be', () => {
    expect(section).toContain('This run was not clustered with this previous run (cluster.previous), so its segment numbers are its own');
    expect(section).not.toContain('so a segment keeps its number');
    expect(section).toContain('at most 0.75 × the typical distance of a customer from its segment’s centre');
    const kept = renderReportHtml(reportFixture('en'), { plotlySource: '/* stub */' });
    expect(kept).toContain('so a segment keeps its number');
  });

  it('a renamed segment says what it was called, in the table, the alerts and its card, escaped', () => {
    expect(section).toContain(`<span class="note renamed">renamed from ${ESCAPED}</span>`);
    const summary = html.slice(html.indexOf('id="summary"'), html.indexOf('id="sizes"'));
    expect(summary).toContain(`Loyal regulars (renamed from ${ESCAPED}): share up 25% (40% → 50%)`);
    expect(html).toContain(`<span class="pill renamed">renamed from ${ESCAPED}</span>`);
    expect(html).not.toContain(`from ${PAYLOAD}`);
  });

  it('in French too', () => {
    const fr = plainSpaces(renderReportHtml(unmatchedIdsFixture('fr'), { plotlySource: '/* stub */' }));
    expect(fr).toContain('Numéro (avant → maintenant)');
    expect(fr).toContain('ses numéros de segment lui sont propres');
    expect(fr).toContain(`anciennement ${ESCAPED}`);
    expect(fr).toContain('Segment 6 de l’analyse précédente');
  });
});
