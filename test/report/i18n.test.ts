import { describe, expect, it } from 'vitest';
import { REPORT_STRINGS } from '../../src/report/i18n';
import { REPORT_SECTIONS } from '../../src/report/ReportSection';

/** Every string a table can produce, functions called with a neutral argument. */
function texts(table: Record<string, unknown>): [string, string][] {
  return Object.entries(table).map(([k, v]) => [k, typeof v === 'function' ? (v as (...a: unknown[]) => string)('X', 'X', 'X', 'X') : String(v)]);
}

describe('report i18n', () => {
  it('French has exactly the keys of English', () => {
    expect(Object.keys(REPORT_STRINGS.fr).sort()).toEqual(Object.keys(REPORT_STRINGS.en).sort());
  });

  it('template text is safe verbatim in HTML and Markdown (no < > & | * _ ` [ ] \\)', () => {
    for (const locale of ['en', 'fr'] as const) {
      for (const [key, text] of texts(REPORT_STRINGS[locale] as unknown as Record<string, unknown>)) {
        expect(text, `${locale}.${key}`).not.toMatch(/[<>&|*_`[\]\\]/);
      }
    }
  });

  it('every section has a title, translated', () => {
    for (const s of REPORT_SECTIONS) {
      expect(REPORT_STRINGS.en[s]).toBeTruthy();
      expect(REPORT_STRINGS.fr[s]).toBeTruthy();
    }
    expect(REPORT_STRINGS.fr.summary).toBe('Synthèse');
    expect(REPORT_STRINGS.fr.kpis).toBe('Indicateurs clés par segment');
  });

  it('French puts a no-break space before : ; ? !', () => {
    expect(REPORT_STRINGS.fr.who).toBe('Qui sont-ils\u00a0?');
    expect(REPORT_STRINGS.fr.suppressedSegment(3, '30')).toBe('Segment 3\u00a0: moins de 30 clients, non affiché');
    expect(REPORT_STRINGS.en.suppressedSegment(3, '30')).toBe('Segment 3: fewer than 30 customers, not shown');
  });
});
