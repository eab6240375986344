import { localeFormatter } from '../core/localeFormatter';
import type { PersonaResult, SegmentPersona } from '../personas/PersonaResult';
import { commonTexts } from './commonTexts';
import { formatKpi } from './formatKpi';
import { KPI_TEXTS } from './sections/kpisSection';

/**
 * The KPI table of the review as formatted text columns (segment, then one column per KPI, the whole
 * base last), for notebooks and other front ends that draw their own tables. Suppressed segments are
 * left out, as in the report.
 */
export function kpiTable(personas: PersonaResult): Record<string, string[]> {
  const t = KPI_TEXTS[personas.locale];
  const fmt = localeFormatter(personas.locale, personas.currency);
  const shown = personas.segments.filter((s): s is SegmentPersona => !s.suppressed);
  const table: Record<string, string[]> = { [commonTexts(personas.locale).segmentHeader]: [...shown.map((s) => `${s.id} · ${s.name}`), t.baseRow] };
  for (const d of personas.kpiDefinitions) {
    table[d.label] = [...shown.map((s) => formatKpi(fmt, d.unit, s.kpis[d.key] ?? null)), formatKpi(fmt, d.unit, personas.base.kpis[d.key] ?? null)];
  }
  return table;
}
