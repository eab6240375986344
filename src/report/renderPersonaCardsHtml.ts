import { escapeHtml } from '../core/escapeHtml';
import { reportContext } from './defineSection';
import { REPORT_CSS } from './reportCss';
import type { ReportData } from './ReportData';
import { personasSection } from './sections/personasSection';

/**
 * The persona cards alone, as a small HTML document with the report's styles and no charts: for a
 * notebook cell (shown in an iframe, so the report's page styles cannot restyle the notebook) or an
 * e-mail. Same escaping and suppression as the full report (it is the review's personas section).
 */
export function renderPersonaCardsHtml(data: ReportData): string {
  const body = personasSection.html(reportContext(data), []);
  return `<!doctype html>
<html lang="${data.locale}"><head><meta charset="utf-8"><style>${REPORT_CSS}</style></head>
<body><main class="wrap"><section class="card" id="personas"><h2>${escapeHtml(personasSection.title(data.locale))}</h2>
${body}
</section></main></body></html>
`;
}
