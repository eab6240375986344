import { describe, expect, it } from 'vitest';
import { renderPersonaCardsHtml } from '../../src/report/renderPersonaCardsHtml';
import { frameHtml } from '../../src/notebook/display';
import { PAYLOAD, reportFixture, SECRET } from './fixtures';

describe('renderPersonaCardsHtml', () => {
  const html = renderPersonaCardsHtml(reportFixture('en'));

  it('shows every shown persona, escaped, and nothing of a suppressed one', () => {
    const data = reportFixture('en');
    const shown = data.personas.segments.filter((s) => !s.suppressed).length;
    expect(html.match(/<article class="persona/g)?.length).toBe(shown);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain(SECRET.name);
    expect(html).not.toContain(SECRET.reason);
    expect(html).toContain('Segment 3');
  });

  it('has no script and no external resource', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('speaks French with locale fr', () => {
    const fr = renderPersonaCardsHtml(reportFixture('fr'));
    expect(fr).toContain('<html lang="fr"');
    expect(fr).toContain('Personas');
  });

  it('frames a document for a notebook with its markup escaped into srcdoc', () => {
    const framed = frameHtml(`<p>${PAYLOAD}</p>`, { height: 300 });
    expect(framed).toMatch(/^<iframe srcdoc="&lt;p&gt;&lt;\/script&gt;&lt;img/);
    expect(framed).toContain('height:300px');
    expect(framed).toContain('sandbox');
  });
});

describe('kpiTable', () => {
  it('formats every KPI per shown segment plus the base row, suppressed segments left out', async () => {
    const { kpiTable } = await import('../../src/report/kpiTable');
    const data = reportFixture('en');
    const table = kpiTable(data.personas);
    const shown = data.personas.segments.filter((s) => !s.suppressed);
    const columns = Object.keys(table);
    expect(columns.length).toBe(1 + data.personas.kpiDefinitions.length);
    for (const col of columns) expect(table[col]!.length).toBe(shown.length + 1);
    expect(JSON.stringify(table)).not.toContain(SECRET.name);
    const fr = kpiTable(reportFixture('fr').personas);
    // The base row is named in the report's language.
    expect(fr[Object.keys(fr)[0]!]!.at(-1)).not.toBe(table[columns[0]!]!.at(-1));
  });
});
