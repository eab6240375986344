import { CalendarDate } from '../core/CalendarDate';
import type { Locale } from '../core/Locale';
import type { Progress } from '../core/progress';
import type { PersonaResult } from '../personas/PersonaResult';
import { chromiumPath, exportPdf } from '../report/exportPdf';
import type { ReportData } from '../report/ReportData';
import { renderReportHtml } from '../report/renderReportHtml';
import { renderReportMarkdown } from '../report/renderReportMarkdown';
import type { RunWriter } from './RunWriter';

/**
 * The files of one edition of the review. English is the reference edition (personas.json, report.html,
 * report.md, report.pdf); every other language gets its own names (personas.fr.json, report.fr.html, …), so
 * `seglab report --locale fr` adds the French edition beside the English one instead of overwriting it.
 */
export function reportFiles(locale: Locale): { personas: string; html: string; markdown: string; pdf: string } {
  const suffix = locale === 'en' ? '' : `.${locale}`;
  return { personas: `personas${suffix}.json`, html: `report${suffix}.html`, markdown: `report${suffix}.md`, pdf: `report${suffix}.pdf` };
}

/**
 * Write the review's files through a RunWriter: the personas (the data), the report as one self-contained
 * HTML file, as Markdown, and as PDF when asked for and Chromium is installed. File names follow the locale
 * (reportFiles).
 */
export async function writeReport(writer: RunWriter, personas: PersonaResult, data: ReportData, pdf: boolean | 'auto', progress: Progress): Promise<void> {
  const files = reportFiles(data.locale);
  writer.writeJson(files.personas, personas, `Personas (${data.locale}): size, KPIs, distinctive traits, name, card and recommended actions per segment (small groups suppressed).`);
  const html = renderReportHtml(data);
  writer.writeText(files.html, html, `The quarterly segment review (${data.locale}): one self-contained HTML file that works offline.`);
  writer.writeText(files.markdown, renderReportMarkdown(data), `The segment review as Markdown (${data.locale}; tables, no charts).`);
  progress.note(`report: ${files.html} ${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB, ${personas.base.segmentsShown} segment(s) shown, ${personas.base.segmentsSuppressed} suppressed`);
  const chromium = chromiumPath();
  if (pdf === true || (pdf === 'auto' && chromium)) {
    progress.start('report: PDF through headless Chromium');
    // The PDF's own dates are the data's (asOf; an earlier run's manifest may hold a time: its day), not the clock's: the same run prints the same bytes.
    const out = await exportPdf(writer.path(files.html), writer.path(files.pdf), { documentDate: CalendarDate.tryParse(data.asOf.slice(0, 10)) });
    writer.record(files.pdf, `The segment review as PDF (${data.locale}; printed by headless Chromium).`);
    progress.end(`${(out.bytes / 1e6).toFixed(2)} MB`);
  } else if (pdf === 'auto') {
    progress.note('report: no PDF (Chromium not found; install it with `apt-get install chromium` or set SEGLAB_CHROMIUM)');
  }
}
