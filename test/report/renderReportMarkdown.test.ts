import { describe, expect, it } from 'vitest';
import { renderReportMarkdown } from '../../src/report/renderReportMarkdown';
import { plainSpaces } from './helpers';
import { reportFixture, SECRET } from './fixtures';

const ESCAPED = '&lt;/script>&lt;img src=x onerror=alert(1)>';
const en = renderReportMarkdown(reportFixture('en'));
const fr = renderReportMarkdown(reportFixture('fr'));

/** Cells of a GFM table row, split on pipes that are not backslash-escaped. */
function cells(line: string): string[] {
  return line.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);
}

describe('renderReportMarkdown', () => {
  it('the sections of the HTML report, as headings, with a pointer to the charts', () => {
    for (const h of ['## Summary', '## Segment sizes', '## Personas', '## Key figures by segment', '## Recency and frequency', '## How the segments were found', '## Data quality', '## Changes since the previous run']) {
      expect(en).toContain(`\n${h}\n`);
    }
    expect(en).toContain('Charts for this section are in report.html.');
    expect(fr).toContain('\n## Synthèse\n');
    expect(fr).toContain('report.fr.html');
  });

  it('escapes data-derived text: HTML as entities, Markdown syntax with backslashes', () => {
    expect(en).not.toMatch(/<img|<\/script/);
    expect(en).toContain(`### ${ESCAPED}`);
    expect(en).toContain('### Promo \\| \\*hunters\\* \\_x\\_ \\[link\\](y)');
    expect(en).toContain(`Lyon ${ESCAPED}`);
    expect(en).toContain(`- Note with markup ${ESCAPED}`);
  });

  it('every table row has as many cells as its header', () => {
    const lines = en.split('\n');
    let tablesChecked = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!/^\|[:-]/.test(lines[i + 1] ?? '') || !lines[i]!.startsWith('|')) continue;
      const width = cells(lines[i]!).length;
      for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++) expect(cells(lines[j]!), lines[j]).toHaveLength(width);
      tablesChecked++;
    }
    expect(tablesChecked).toBeGreaterThan(3);
  });

  it('suppressed segments appear by id only', () => {
    for (const md of [en, fr]) {
      const text = plainSpaces(md);
      for (const secret of [SECRET.name, 'REASON-MARKER', '97531', '97,531', '97 531', '4.3%', '4,3 %', '0.4321', '0.432', '0,432']) expect(text, secret).not.toContain(secret);
    }
    expect(en).toContain('*Segment 3: fewer than 30 customers, not shown*');
  });

  it('numbers in the locale', () => {
    expect(en).toContain('12.5%');
    expect(plainSpaces(fr)).toContain('12,5 %');
    expect(plainSpaces(fr)).toContain('10 000');
    expect(en).toContain('| **All customers** |');
  });
});

describe('renderReportMarkdown: changes since the previous run (issue 19)', () => {
  it('one column for the numbers, a renamed segment named with its previous name', () => {
    const data = reportFixture('en');
    const [zero, ...rest] = data.changes!.segments;
    const md = renderReportMarkdown({ ...data, changes: { ...data.changes!, idsKept: false, segments: [{ ...zero!, previousId: 4, renamedFrom: 'Big | spenders' }, ...rest] } });
    const section = md.slice(md.indexOf('## Changes since the previous run'));
    expect(section).toContain('| Segment | Number (before → now) |');
    expect(section).toContain('| Loyal regulars (renamed from Big \\| spenders) | 4 → 0 |');
    expect(section).toContain('| 1 |');
    expect(section).toContain('its segment numbers are its own');
  });
});
