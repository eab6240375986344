import { escapeHtml, scriptSource } from '../core/escapeHtml';
import { reportContext, type ReportContext } from './defineSection';
import { DRAW_FIGURES_SCRIPT } from './drawFiguresScript';
import { plotlyBundleSource } from './plotlyBundleSource';
import { REPORT_CSS } from './reportCss';
import type { ReportData } from './ReportData';
import { SECTIONS } from './ReportSection';

export interface RenderReportHtmlOptions {
  /** plotly.js source to inline (default: the cartesian bundle from node_modules). */
  plotlySource?: string;
}

const e = escapeHtml;

/**
 * The quarterly segment review as ONE self-contained HTML file: inline CSS, plotly.js inlined once,
 * every chart as inert JSON beside its `div.seglab-figure`, no external URL (works offline and in a
 * mail attachment). Every data-derived string is escaped; suppressed segments show their id only.
 * The sections (ReportSection's list) write their own parts; this file is the page around them.
 */
export function renderReportHtml(data: ReportData, options: RenderReportHtmlOptions = {}): string {
  const ctx = reportContext(data);
  const { common: t, fmt } = ctx;
  const sections = SECTIONS.map((s) => ({ id: s.id, title: s.title(data.locale), body: s.html(ctx, s.figures(ctx)) })).filter((s): s is typeof s & { body: string } => s.body !== null);
  const nav = sections.map((s) => `<li><a href="#${s.id}">${e(s.title)}</a></li>`).join('');
  const plotly = scriptSource(options.plotlySource ?? plotlyBundleSource());
  return `<!doctype html>
<html lang="${data.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="seglab ${e(data.seglabVersion)}">
<title>${e(data.title)} — ${e(fmt.date(data.asOf))}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="hero"><div class="wrap">
<p class="eyebrow">${e(t.reportKind)}</p>
<h1>${e(data.title)}</h1>
<p class="meta"><span>${e(t.asOfLabel)} ${e(fmt.date(data.asOf))}</span><span>${e(t.runLabel)} ${e(data.runId)}</span></p>
</div></header>
<nav class="toc" aria-label="${e(t.contents)}"><ol>${nav}</ol></nav>
<noscript><p class="wrap note">${e(t.noscript)}</p></noscript>
<main class="wrap">
${sections.map((s) => `<section class="card" id="${s.id}">\n<h2>${e(s.title)}</h2>\n${s.body}\n</section>`).join('\n')}
</main>
${footerHtml(ctx)}
<script id="seglab-plotly">${plotly}</script>
<script>${DRAW_FIGURES_SCRIPT}</script>
</body>
</html>
`;
}

function footerHtml({ data, common: t, fmt }: ReportContext): string {
  const notes = data.personas.notes.length ? `<h2>${e(t.notes)}</h2><ul>${data.personas.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : '';
  return `<footer class="site">
${notes}
<p>${e(t.suppressionStatement(fmt.integer(data.personas.minGroupSize)))}</p>
<p>${e(t.generatedBy(data.seglabVersion))} ${e(t.runLabel)} ${e(data.runId)}.</p>
</footer>`;
}
