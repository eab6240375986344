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
