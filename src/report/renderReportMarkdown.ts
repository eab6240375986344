import { reportContext } from './defineSection';
import { escapeMarkdown } from './escapeMarkdown';
import type { ReportData } from './ReportData';
import { SECTIONS } from './ReportSection';

const m = escapeMarkdown;

/**
 * The quarterly segment review as Markdown: the same sections and numbers as report.html, charts
 * replaced by tables where the numbers fit one and by a pointer to report.html where they do not.
 * Every data-derived string is escaped; suppressed segments show their id only.
 */
export function renderReportMarkdown(data: ReportData): string {
  const ctx = reportContext(data);
  const { common: t, fmt } = ctx;
  const out = [`# ${m(data.title)}`, '', `${m(t.reportKind)} — ${m(t.asOfLabel)} ${m(fmt.date(data.asOf))} — ${m(t.runLabel)} ${m(data.runId)}`];
  for (const s of SECTIONS) {
    const body = s.markdown(ctx);
    if (body !== null) out.push('', `## ${m(s.title(data.locale))}`, '', body);
  }
  out.push('', '---', '');
  if (data.personas.notes.length) out.push(`**${m(t.notes)}**`, '', ...data.personas.notes.map((n) => `- ${m(n)}`), '');
  out.push(m(t.suppressionStatement(fmt.integer(data.personas.minGroupSize))), '', m(t.generatedBy(data.seglabVersion)), '');
  return out.join('\n');
}
