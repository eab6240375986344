import { escapeHtml, jsonForScript, scriptSource } from '../core/escapeHtml';
import type { SizeChange } from '../personas/PersonaResult';
import type { Figure } from '../viz/Figure';
import { inertFigure } from '../viz/inertFigure';
import { DRAW_FIGURES_SCRIPT } from './drawFiguresScript';
import { htmlTable, type HtmlCell } from './htmlTable';
import { reportStrings, type ReportStrings } from './i18n';
import { personaCardHtml } from './personaCardHtml';
import { plotlyBundleSource } from './plotlyBundleSource';
import { REPORT_CSS } from './reportCss';
import type { ReportData } from './ReportData';
import { personaFigureId, reportFigures, type ReportFigure } from './reportFigures';
import { reportFormatter, type ReportFormatter } from './reportFormatter';
import { REPORT_SECTIONS, type ReportSection } from './ReportSection';
import { segmentLookup, type SegmentLookup } from './segmentLookup';
import { changeIds, changeName } from './changeLabels';
import { sizeAlerts } from './sizeAlerts';
import { verdictText } from './verdictText';
import { kChoiceText } from './kChoiceText';
import { partitionText, selectionLines, structureText } from './structureText';

export interface RenderReportHtmlOptions {
  /** plotly.js source to inline (default: the cartesian bundle from node_modules). */
  plotlySource?: string;
}

/** What every section renderer needs; built once per report. */
interface Ctx {
  data: ReportData;
  t: ReportStrings;
  fmt: ReportFormatter;
  seg: SegmentLookup;
  figures: Map<string, ReportFigure>;
}

const e = escapeHtml;

/** Segments per KPI table: more go to a second table, split evenly (12 → 6 + 6). */
const KPI_COLUMNS = 7;

/**
 * The quarterly segment review as ONE self-contained HTML file: inline CSS, plotly.js inlined once,
 * every chart as inert JSON beside its `div.seglab-figure`, no external URL (works offline and in a
 * mail attachment). Every data-derived string is escaped; suppressed segments show their id only.
 */
export function renderReportHtml(data: ReportData, options: RenderReportHtmlOptions = {}): string {
  const t = reportStrings(data.locale);
  const ctx: Ctx = {
    data,
    t,
    fmt: reportFormatter(data.locale, data.personas.currency),
    seg: segmentLookup(data.personas, t),
    figures: new Map(reportFigures(data).map((f) => [f.id, f])),
  };
  const sections = REPORT_SECTIONS.map((id) => ({ id, body: sectionBody(id, ctx) })).filter((s): s is { id: ReportSection; body: string } => s.body !== null);
  const nav = sections.map((s) => `<li><a href="#${s.id}">${e(t[s.id])}</a></li>`).join('');
  const plotly = scriptSource(options.plotlySource ?? plotlyBundleSource());
  return `<!doctype html>
<html lang="${data.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="seglab ${e(data.seglabVersion)}">
<title>${e(data.title)} — ${e(ctx.fmt.date(data.asOf))}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="hero"><div class="wrap">
<p class="eyebrow">${e(t.reportKind)}</p>
<h1>${e(data.title)}</h1>
<p class="meta"><span>${e(t.asOfLabel)} ${e(ctx.fmt.date(data.asOf))}</span><span>${e(t.runLabel)} ${e(data.runId)}</span></p>
</div></header>
<nav class="toc" aria-label="${e(t.contents)}"><ol>${nav}</ol></nav>
<noscript><p class="wrap note">${e(t.noscript)}</p></noscript>
<main class="wrap">
${sections.map((s) => `<section class="card" id="${s.id}">\n<h2>${e(t[s.id])}</h2>\n${s.body}\n</section>`).join('\n')}
</main>
${footerHtml(ctx)}
<script id="seglab-plotly">${plotly}</script>
<script>${DRAW_FIGURES_SCRIPT}</script>
</body>
</html>
`;
}

/** A chart's placeholder and its spec; strings in the spec are made inert for plotly, the JSON for the script element. */
function figureHtml(id: string, figure: Figure): string {
  const height = typeof figure.layout.height === 'number' ? figure.layout.height : 380;
  return `<div class="figure"><div class="seglab-figure" id="${e(id)}" style="min-height:${height}px"></div><script type="application/json" id="${e(id)}-spec">${jsonForScript(inertFigure(figure))}</script></div>`;
}

function fig(ctx: Ctx, id: string): string {
  const f = ctx.figures.get(id);
  return f ? figureHtml(f.id, f.figure) : '';
}

function sectionBody(id: ReportSection, ctx: Ctx): string | null {
  switch (id) {
    case 'summary':
      return summaryHtml(ctx);
    case 'sizes':
      return sizesHtml(ctx);
    case 'personas':
      return personasHtml(ctx);
    case 'kpis':
      return kpisHtml(ctx);
    case 'traits':
      return ctx.figures.has('fig-traits') ? `<p class="lead">${e(ctx.t.traitsIntro)}</p>${fig(ctx, 'fig-traits')}` : `<p class="note">${e(ctx.t.noTraitData)}</p>`;
    case 'rfm':
      return ctx.figures.has('fig-rfm') ? `<p class="lead">${e(ctx.t.rfmIntro(ctx.fmt.integer(ctx.data.personas.minGroupSize)))}</p>${fig(ctx, 'fig-rfm')}` : `<p class="note">${e(ctx.t.noRfm)}</p>`;
    case 'projection':
      return projectionHtml(ctx);
    case 'model':
      return modelHtml(ctx);
    case 'quality':
      return qualityHtml(ctx);
    case 'changes':
      return ctx.data.changes ? changesHtml(ctx, ctx.data.changes) : null;
    default:
      return assertSection(id);
  }
}

function assertSection(id: never): never {
  throw new Error(`Unknown report section: ${String(id)}`);
}

function suppressedLines(ctx: Ctx): string {
  const min = ctx.fmt.integer(ctx.data.personas.minGroupSize);
  if (!ctx.seg.suppressedIds.length) return '';
  return `<ul class="plain">${ctx.seg.suppressedIds.map((id) => `<li class="suppressed">${e(ctx.t.suppressedSegment(id, min, ctx.seg.whySuppressed(id)))}</li>`).join('')}</ul>`;
}

function nameCell(ctx: Ctx, id: number): string {
  return `<span class="name-cell"><span class="dot" style="--seg:${ctx.seg.color(id)}"></span>${e(ctx.seg.name(id))}</span>`;
}

function summaryHtml(ctx: Ctx): string {
  const { data, t, fmt, seg } = ctx;
  const tile = (label: string, value: string, sub = '', cls = '') =>
    `<div class="tile"><div class="label">${e(label)}</div><div class="value${cls}">${e(value)}</div>${sub ? `<div class="sub">${e(sub)}</div>` : ''}</div>`;
  const tiles = [
    tile(t.customersLabel, fmt.integer(data.personas.base.customers)),
    tile(t.segmentsLabel, fmt.integer(seg.shown.length), seg.suppressedIds.length ? t.segmentsHidden(seg.suppressedIds.length) : ''),
    tile(t.asOfLabel, fmt.date(data.asOf), '', ' small'),
    tile(t.methodLabel, t.methodValue(data.clustering.algorithm, fmt.integer(data.clustering.k)), '', ' small'),
  ].join('');
  const headlines = seg.shown
    .map(
      (s) =>
        `<li><span class="dot" style="--seg:${seg.color(s.id)}"></span><a href="#segment-${s.id}">${e(s.name)}</a><span class="share">${e(fmt.percent(s.share))}</span><span class="tagline">${e(s.card.tagline)}</span></li>`,
    )
    .join('');
  const structure = structureText(data.clustering, t, fmt);
  const structureHtml = structure ? `<div class="callout ${structure.found ? 'calm' : 'info'} structure">${e(structure.text)}</div>\n` : '';
  return `<div class="tiles">${tiles}</div>
${structureHtml}${alertsHtml(ctx)}
<h3>${e(t.atAGlance)}</h3>
<ul class="headlines">${headlines}</ul>
${suppressedLines(ctx)}`;
}

function alertsHtml(ctx: Ctx): string {
  const { data, t, fmt } = ctx;
  if (!data.changes) return `<div class="callout info">${e(t.noPreviousRun)}</div>`;
  const threshold = fmt.percent(data.changes.alertThreshold, 0);
  const alerts = sizeAlerts(data.changes.segments, ctx.seg, t, fmt, e);
  if (!alerts.length) return `<div class="callout calm">${e(t.noAlerts(threshold))}</div>`;
  return `<div class="callout alerts"><h3>${e(t.alerts)}</h3><ul>${alerts.map((a) => `<li>${a}</li>`).join('')}</ul><p class="note">${e(t.alertRule(threshold))}</p></div>`;
}

function sizesHtml(ctx: Ctx): string {
  const { data, t, fmt, seg } = ctx;
  const table = htmlTable(
    [{ html: e(t.segmentHeader) }, { html: e(t.customersHeader), numeric: true }, { html: e(t.shareHeader), numeric: true }],
    seg.shown.map((s) => [{ html: nameCell(ctx, s.id) }, { html: e(fmt.integer(s.size)), numeric: true }, { html: e(fmt.percent(s.share)), numeric: true }]),
  );
  const extra = [
    data.personas.base.noise !== null && data.personas.base.noise > 0 ? t.noiseSentence(fmt.integer(data.personas.base.noise)) : null,
    data.personas.base.suppressedCustomers !== null && data.personas.base.suppressedCustomers > 0 ? t.suppressedTotal(fmt.integer(data.personas.base.suppressedCustomers)) : null,
  ]
    .filter((x): x is string => x !== null)
    .map((x) => `<p class="note">${e(x)}</p>`)
    .join('');
  return `<p class="lead">${e(t.sizesIntro)}</p>
${fig(ctx, 'fig-sizes')}
<div class="narrow">${table}${suppressedLines(ctx)}${extra}</div>`;
}

function personasHtml(ctx: Ctx): string {
  const cards = ctx.seg.shown.map((s) =>
    personaCardHtml(s, { t: ctx.t, fmt: ctx.fmt, color: ctx.seg.color(s.id), alpha: ctx.data.personas.alpha, figureHtml: fig(ctx, personaFigureId(s.id)) }),
  );
  return cards.join('\n') + suppressedLines(ctx);
}

function kpisHtml(ctx: Ctx): string {
  const { data, t, fmt, seg } = ctx;
  const defs = data.personas.kpiDefinitions;
  if (!defs.length) return `<p class="note">${e(t.noKpis)}</p>`;
  // One row per KPI, one column per segment, at most KPI_COLUMNS segments per table (then a second table):
  // up to 16 KPIs and 12 segments fit a 1,400-pixel screen (a segment per row put four KPI columns off-screen).
  const tables: string[] = [];
  const parts = Math.max(1, Math.ceil(seg.shown.length / KPI_COLUMNS));
  const per = Math.ceil(seg.shown.length / parts);
  for (let p = 0; p < parts; p++) {
    const part = seg.shown.slice(p * per, (p + 1) * per);
    const headers: HtmlCell[] = [{ html: e(t.kpiHeader) }, ...part.map((s) => ({ html: nameCell(ctx, s.id), numeric: true })), { html: e(t.baseRow), numeric: true }];
    const rows: HtmlCell[][] = defs.map((d) => [
      { html: e(d.label) },
      ...part.map((s) => ({ html: e(fmt.kpi(d.unit, s.kpis[d.key] ?? null)), numeric: true })),
      { html: `<strong>${e(fmt.kpi(d.unit, data.personas.base.kpis[d.key] ?? null))}</strong>`, numeric: true },
    ]);
    tables.push(htmlTable(headers, rows, { className: 'data kpis' }));
  }
  const definitions = defs.map((d) => `<dt>${e(d.label)}</dt><dd>${e(d.description)}</dd>`).join('');
  return `<p class="lead">${e(t.kpisIntroByKpi)}</p>
${tables.join('\n')}
${suppressedLines(ctx)}
<h3>${e(t.definitions)}</h3><dl class="defs">${definitions}</dl>`;
}

function projectionHtml(ctx: Ctx): string {
  const p = ctx.data.projection;
  const absent = ctx.data.clustering.absent?.projection;
  if (!p || !ctx.figures.has('fig-projection')) return `<p class="note">${e(absent ? ctx.t.absentReason(absent) : ctx.t.noProjection)}</p>`;
  return `<p class="lead">${e(ctx.t.projectionIntro(ctx.fmt.integer(p.sampled), ctx.fmt.integer(p.total)))}</p>${fig(ctx, 'fig-projection')}`;
}

function modelHtml(ctx: Ctx): string {
  const { data, t, fmt } = ctx;
  const c = data.clustering;
  const how = kChoiceText(c, t, fmt);
  const parts = [`<p class="lead">${e(how)}</p>`];
  if (c.features.length) parts.push(`<p class="note">${e(t.featuresUsed(c.features.join(', ')))}</p>`);
  const sel = c.selection;
  if (sel) {
    parts.push(
      `<dl class="defs"><dt>${e(t.ruleLabel)}</dt><dd>${e(t.ruleName(sel.ruleName))}</dd><dt>${e(t.recommendedLabel)}</dt><dd>${e(sel.recommendedK === null ? t.noneValue : fmt.integer(sel.recommendedK))}</dd></dl>`,
    );
    const structure = structureText(c, t, fmt);
    const partition = partitionText(sel, t, fmt);
    if (structure) parts.push(`<p>${e(structure.text)}${partition ? ` ${e(partition)}` : ''}</p>`);
    const lines = selectionLines(sel, t, fmt);
    parts.push(`<h4>${e(t.votesLabel)}</h4><ul>${lines.votes.map((v) => `<li>${e(v)}</li>`).join('')}</ul>${lines.excluded ? `<p class="note">${e(lines.excluded)}</p>` : ''}`);
    // The full reasoning is written in English (cluster.json); other editions show the translated lines above.
    if (sel.reasons.length && data.locale === 'en') parts.push(`<details><summary>${e(t.reasonsLabel)}</summary><ul>${sel.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul></details>`);
    const curves = [...ctx.figures.values()].filter((f) => f.id.startsWith('fig-selection-'));
    parts.push(`<div class="grid-2">${curves.map((f) => figureHtml(f.id, f.figure)).join('')}</div>`);
    if (sel.eligible.some((x) => !x)) parts.push(`<p class="note">${e(t.ineligibleNote)}</p>`);
  } else {
    parts.push(`<p class="note">${e(t.noSelection)}</p>`);
  }
  if (c.kprototypes) parts.push(kprototypesHtml(ctx, c.kprototypes));
  parts.push(`<h3>${e(t.stabilityTitle)}</h3>`);
  const st = c.stability;
  if (!st) {
    parts.push(`<p class="note">${e(t.noStability)}${c.absent?.stability ? ` ${e(t.absentReason(c.absent.stability))}` : ''}</p>`);
  } else {
    parts.push(`<p class="lead">${e(t.stabilityIntro(fmt.integer(st.resamples)))}</p>`);
    parts.push(`<p>${e(t.stabilityOverall(fmt.number(st.meanJaccard, 2), fmt.number(st.meanAri, 2)))}</p>`);
    const rows = st.segments.filter((s) => ctx.seg.isShown(s.id));
    parts.push(
      `${fig(ctx, 'fig-stability')}<div class="narrow">${htmlTable(
        [{ html: e(t.segmentHeader) }, { html: e(t.jaccardHeader), numeric: true }, { html: e(t.verdictHeader) }],
        rows.map((s) => [{ html: nameCell(ctx, s.id) }, { html: e(fmt.number(s.meanJaccard, 2)), numeric: true }, { html: e(verdictText(s.verdict, t)) }]),
      )}${suppressedLines(ctx)}</div>`,
    );
  }
  return parts.join('\n');
}

function kprototypesHtml(ctx: Ctx, kp: NonNullable<ReportData['clustering']['kprototypes']>): string {
  const { t, fmt } = ctx;
  const summary = t.kprototypesSummary(kp.categorical.join(', '), fmt.number(kp.gamma, 3), t.gammaRuleName(kp.gammaRule), fmt.percent(kp.costShare.categorical), fmt.integer(kp.movedByCategorical));
  const rows = kp.modes.filter((m) => ctx.seg.isShown(m.segment));
  const table = htmlTable(
    [{ html: e(t.segmentHeader) }, ...kp.categorical.map((c) => ({ html: `${e(c)} — ${e(t.modesHeader)}` }))],
    rows.map((m) => [{ html: nameCell(ctx, m.segment) }, ...kp.categorical.map((c) => ({ html: m.values[c] === null || m.values[c] === undefined ? `<span class="note">${e(t.modeSuppressed)}</span>` : e(m.values[c]!) }))]),
    { className: 'data compact' },
  );
  return `<h3>${e(t.kprototypesTitle)}</h3><p>${e(summary)}</p><div class="narrow">${table}</div>`;
}

function qualityHtml(ctx: Ctx): string {
  const { data, t, fmt } = ctx;
  const q = data.quality;
  if (!q) return `<p class="note">${e(t.noQuality)}</p>`;
  const table = htmlTable(
    [{ html: e(t.tableHeader) }, { html: e(t.rowsHeader), numeric: true }, { html: e(t.columnsHeader), numeric: true }, { html: e(t.duplicatesHeader), numeric: true }, { html: e(t.missingHeader) }],
    q.tables.map((tb) => [
      { html: e(tb.table) },
      { html: e(fmt.integer(tb.rows)), numeric: true },
      { html: e(fmt.integer(tb.columns)), numeric: true },
      { html: e(tb.duplicateRows === null ? t.notChecked : fmt.integer(tb.duplicateRows)), numeric: true },
      { html: tb.missing.length ? tb.missing.slice(0, 5).map((m) => `${e(m.column)} (${e(fmt.percent(m.share))})`).join(', ') : e(t.noMissing) },
    ]),
  );
  const warnings = q.warnings.length ? `<h4>${e(t.warnings)}</h4><ul>${q.warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul>` : `<p class="note">${e(t.noWarnings)}</p>`;
  return table + warnings;
}

function changesHtml(ctx: Ctx, changes: NonNullable<ReportData['changes']>): string {
  const { t, fmt, seg } = ctx;
  const suppressed = new Set(seg.suppressedIds);
  const min = fmt.integer(ctx.data.personas.minGroupSize);
  const status = (c: SizeChange): string => {
    const word = c.status === 'kept' ? t.statusKept : c.status === 'new' ? t.statusNew : t.statusGone;
    const cls = c.status === 'kept' ? '' : ` ${c.status}`;
    const badge = c.alert ? ` <span class="badge alert">${e(t.alertBadge)}</span>` : '';
    return `${cls ? `<span class="badge${cls}">${e(word)}</span>` : e(word)}${badge}`;
  };
  const name = (c: SizeChange): string => {
    const shown = c.currentId !== null && seg.isShown(c.currentId) ? nameCell(ctx, c.currentId) : e(changeName(c, t));
    return c.renamedFrom ? `${shown} <span class="note renamed">${e(t.renamedFrom(c.renamedFrom))}</span>` : shown;
  };
  const rows: HtmlCell[][] = changes.segments.map((c) =>
    c.currentId !== null && suppressed.has(c.currentId)
      ? [{ html: `<span class="suppressed">${e(t.suppressedSegment(c.currentId, min, seg.whySuppressed(c.currentId)))}</span>`, span: 8 }]
      : [
          { html: name(c) },
          { html: e(changeIds(c)) },
          { html: e(fmt.integer(c.previousSize)), numeric: true },
          { html: e(fmt.integer(c.currentSize)), numeric: true },
          { html: e(fmt.percent(c.previousShare)), numeric: true },
          { html: e(fmt.percent(c.currentShare)), numeric: true },
          { html: e(fmt.signedPercent(c.relativeChange)), numeric: true },
          { html: status(c) },
        ],
  );
  const table = htmlTable(
    [
      { html: e(t.segmentHeader) },
      { html: e(t.idHeader) },
      { html: e(t.previousCustomers), numeric: true },
      { html: e(t.currentCustomers), numeric: true },
      { html: e(t.previousShare), numeric: true },
      { html: e(t.currentShare), numeric: true },
      { html: e(t.relativeChange), numeric: true },
      { html: e(t.statusHeader) },
    ],
    rows,
  );
  const asOf = changes.previousAsOf ? e(fmt.date(changes.previousAsOf)) : null;
  return `<p class="lead">${t.changesIntro(`<code>${e(changes.previousRunId)}</code>`, asOf, changes.idsKept)}</p>
${table}
${fig(ctx, 'fig-changes')}
<p class="note">${e(t.matchRule(fmt.number(changes.matchMaxDistance)))}</p>
<p class="note">${e(t.alertRule(fmt.percent(changes.alertThreshold, 0)))}</p>
<p class="note">${e(t.driftLater)}</p>`;
}

function footerHtml(ctx: Ctx): string {
  const { data, t, fmt } = ctx;
  const notes = data.personas.notes.length ? `<h2>${e(t.notes)}</h2><ul>${data.personas.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>` : '';
  return `<footer class="site">
${notes}
<p>${e(t.suppressionStatement(fmt.integer(data.personas.minGroupSize)))}</p>
<p>${e(t.generatedBy(data.seglabVersion))} ${e(t.runLabel)} ${e(data.runId)}.</p>
</footer>`;
}
