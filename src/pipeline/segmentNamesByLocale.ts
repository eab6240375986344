import { LOCALES, type Locale } from '../core/Locale';
import type { Progress } from '../core/progress';
import type { PersonaResult } from '../personas/PersonaResult';
import type { SegmentNames } from '../rules/RuleBundle';

/**
 * Segment names in every locale, as the review names them: personas built for each locale (the report's own
 * assembly, without the projection). Suppressed segments have no name; a segment is named only when every
 * locale names it.
 */
export async function segmentNamesByLocale(personasIn: (locale: Locale) => Promise<PersonaResult>, progress: Progress): Promise<Record<number, SegmentNames>> {
  const out: Record<number, Partial<SegmentNames>> = {};
  for (const locale of LOCALES) {
    progress.start(`export: segment names (${locale})`);
    const personas = await personasIn(locale);
    for (const s of personas.segments) if (!s.suppressed) (out[s.id] ??= {})[locale] = s.name;
    progress.end(`${personas.segments.length} segments`);
  }
  const complete: Record<number, SegmentNames> = {};
  for (const [id, n] of Object.entries(out)) if (LOCALES.every((l) => n[l])) complete[Number(id)] = n as SegmentNames;
  return complete;
}
