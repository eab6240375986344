import { escapeHtml } from '../core/escapeHtml';
import { reportStrings } from './i18n';
import { personaCardHtml } from './personaCardHtml';
import { REPORT_CSS } from './reportCss';
import type { ReportData } from './ReportData';
import { reportFormatter } from './reportFormatter';
import { segmentLookup } from './segmentLookup';

/**
 * The persona cards alone, as a small HTML document with the report's styles and no charts: for a
 * notebook cell (shown in an iframe, so the report's page styles cannot restyle the notebook) or an
 * e-mail. Same escaping and suppression as the full report.
 */
export function renderPersonaCardsHtml(data: ReportData): string {
  const t = reportStrings(data.locale);
  const fmt = reportFormatter(data.locale, data.personas.currency);
  const seg = segmentLookup(data.personas, t);
  const min = fmt.integer(data.personas.minGroupSize);
  const cards = seg.shown.map((s) => personaCardHtml(s, { t, fmt, color: seg.color(s.id), alpha: data.personas.alpha, figureHtml: '' }));
  const suppressed = seg.suppressedIds.map((id) => `<li class="suppressed">${escapeHtml(t.suppressedSegment(id, min, seg.whySuppressed(id)))}</li>`).join('');
  return `<!doctype html>
<html lang="${data.locale}"><head><meta charset="utf-8"><style>${REPORT_CSS}</style></head>
<body><main class="wrap"><section class="card" id="personas"><h2>${escapeHtml(t.personas)}</h2>
${cards.join('\n')}${suppressed ? `<ul class="plain">${suppressed}</ul>` : ''}
</section></main></body></html>
`;
}
