import type { Progress } from '../core/progress';
import type { PersonaResult } from '../personas/PersonaResult';
import { chromiumPath, exportPdf } from '../report/exportPdf';
import type { ReportData } from '../report/ReportData';
import { renderReportHtml } from '../report/renderReportHtml';
import { renderReportMarkdown } from '../report/renderReportMarkdown';
import type { RunWriter } from './RunWriter';

/**
 * Write the review's files through a RunWriter: personas.json (the data), report.html (one
 * self-contained file), report.md, and report.pdf when asked for and Chromium is installed.
 */
export async function writeReport(writer: RunWriter, personas: PersonaResult, data: ReportData, pdf: boolean | 'auto', progress: Progress): Promise<void> {
  writer.writeJson('personas.json', personas, 'Personas: size, KPIs, distinctive traits, name, card and recommended actions per segment (small groups suppressed).');
  const html = renderReportHtml(data);
  writer.writeText('report.html', html, 'The quarterly segment review: one self-contained HTML file that works offline.');
  writer.writeText('report.md', renderReportMarkdown(data), 'The segment review as Markdown (tables, no charts).');
  progress.note(`report: report.html ${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB, ${personas.base.segmentsShown} segment(s) shown, ${personas.base.segmentsSuppressed} suppressed`);
  const chromium = chromiumPath();
  if (pdf === true || (pdf === 'auto' && chromium)) {
    progress.start('report: PDF through headless Chromium');
    const out = await exportPdf(writer.path('report.html'), writer.path('report.pdf'));
    writer.record('report.pdf', 'The segment review as PDF (printed by headless Chromium).');
    progress.end(`${(out.bytes / 1e6).toFixed(2)} MB`);
  } else if (pdf === 'auto') {
    progress.note('report: no PDF (Chromium not found; install it with `apt-get install chromium` or set SEGLAB_CHROMIUM)');
  }
}
