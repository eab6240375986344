import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/core/Locale';
import { REPORT_SECTIONS } from '../../src/report/ReportSection';
import { REPORT_STRINGS } from '../../src/report/reportStrings';

/** Every string a table can produce, functions called with a neutral argument. */
function texts(table: Record<string, unknown>): [string, string][] {
  return Object.entries(table).map(([k, v]) => [k, typeof v === 'function' ? (v as (...a: unknown[]) => string)('X', 'X', 'X', 'X') : String(v)]);
}

/** Every table of words the review has, by name: the shared words, the helpers', each section's. */
function tables(locale: (typeof LOCALES)[number]): [string, Record<string, unknown>][] {
  const s = REPORT_STRINGS[locale];
  return [
    ['common', s.common],
    ['alerts', s.alerts],
    ['structure', s.structure],
    ...Object.entries(s.sections).map(([id, t]): [string, Record<string, unknown>] => [`sections.${id}`, t]),
  ];
}

describe('report words', () => {
  it('covers every section of the review', () => {
    expect(Object.keys(REPORT_STRINGS.en.sections)).toEqual([...REPORT_SECTIONS]);
    expect(tables('en').length).toBe(3 + REPORT_SECTIONS.length);
  });

  it('French has exactly the keys of English, table by table', () => {
    const fr = new Map(tables('fr'));
    expect(fr.size).toBe(tables('en').length);
    for (const [name, en] of tables('en')) expect(Object.keys(fr.get(name)!).sort(), name).toEqual(Object.keys(en).sort());
  });

  it('template text is safe verbatim in HTML and Markdown (no < > & | * _ ` [ ] \\)', () => {
    let checked = 0;
    for (const locale of LOCALES) {
      for (const [name, table] of tables(locale)) {
        for (const [key, text] of texts(table)) {
          expect(text, `${locale}.${name}.${key}`).not.toMatch(/[<>&|*_`[\]\\]/);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('every section has a title, translated', () => {
    for (const s of REPORT_SECTIONS) {
      expect(REPORT_STRINGS.en.sections[s].title).toBeTruthy();
      expect(REPORT_STRINGS.fr.sections[s].title).toBeTruthy();
    }
    expect(REPORT_STRINGS.fr.sections.summary.title).toBe('Synthèse');
    expect(REPORT_STRINGS.fr.sections.kpis.title).toBe('Indicateurs clés par segment');
  });

  it('French puts a no-break space before : ; ? !', () => {
    expect(REPORT_STRINGS.fr.sections.personas.who).toBe('Qui sont-ils\u00a0?');
    expect(REPORT_STRINGS.fr.common.suppressedSegment(3, '30')).toBe('Segment 3\u00a0: moins de 30 clients, non affiché');
    expect(REPORT_STRINGS.en.common.suppressedSegment(3, '30')).toBe('Segment 3: fewer than 30 customers, not shown');
    expect(REPORT_STRINGS.fr.alerts.alertUp('A', '+5 %', '1 %', '2 %')).toBe('A\u00a0: part en hausse de +5 % (1 % → 2 %)');
  });
});
