import { LOCALES, type Locale } from '../core/Locale';
import { COMMON_TEXTS, type CommonTexts } from './commonTexts';
import { SECTIONS, type ReportSection } from './ReportSection';
import { SIZE_ALERT_TEXTS } from './sizeAlerts';
import { STRUCTURE_TEXTS } from './structureText';

type SectionTexts<S extends ReportSection> = Extract<(typeof SECTIONS)[number], { id: S }>['texts']['en'];

/** Every word the review prints in one locale: the shared words, the helpers' and each section's own. */
export interface ReportStrings {
  readonly common: CommonTexts;
  readonly alerts: (typeof SIZE_ALERT_TEXTS)['en'];
  readonly structure: (typeof STRUCTURE_TEXTS)['en'];
  readonly sections: { readonly [S in ReportSection]: SectionTexts<S> };
}

function strings(locale: Locale): ReportStrings {
  return {
    common: COMMON_TEXTS[locale],
    alerts: SIZE_ALERT_TEXTS[locale],
    structure: STRUCTURE_TEXTS[locale],
    sections: Object.fromEntries(SECTIONS.map((s) => [s.id, s.texts[locale]])) as ReportStrings['sections'],
  };
}

export const REPORT_STRINGS: Readonly<Record<Locale, ReportStrings>> = Object.fromEntries(LOCALES.map((l) => [l, strings(l)])) as Record<Locale, ReportStrings>;

/** The review's words in a locale. */
export function reportStrings(locale: Locale): ReportStrings {
  return REPORT_STRINGS[locale];
}
