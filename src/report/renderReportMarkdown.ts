import type { SegmentPersona, SizeChange } from '../personas/PersonaResult';
import { escapeMarkdown } from './escapeMarkdown';
import { reportStrings, type ReportStrings } from './i18n';
import { markdownTable } from './markdownTable';
import type { ReportData } from './ReportData';
import { reportFormatter, type ReportFormatter } from './reportFormatter';
import { REPORT_SECTIONS, type ReportSection } from './ReportSection';
import { segmentLookup, type SegmentLookup } from './segmentLookup';
import { changeIds, changeName } from './changeLabels';
import { sizeAlerts } from './sizeAlerts';
import { verdictText } from './verdictText';
import { kChoiceText } from './kChoiceText';
import { partitionText, selectionLines, structureText } from './structureText';

interface Ctx {
  data: ReportData;
  t: ReportStrings;
  fmt: ReportFormatter;
  seg: SegmentLookup;
}

const m = escapeMarkdown;

/**
 * The quarterly segment review as Markdown: the same sections and numbers as report.html, charts
 * replaced by tables where the numbers fit one and by a pointer to report.html where they do not.
 * Every data-derived string is escaped; suppressed segments show their id only.
 */
export function renderReportMarkdown(data: ReportData): string {
  const t = reportStrings(data.locale);
  const ctx: Ctx = { data, t, fmt: reportFormatter(data.locale, data.personas.currency), seg: segmentLookup(data.personas, t) };
  const out = [`# ${m(data.title)}`, '', `${m(t.reportKind)} — ${m(t.asOfLabel)} ${m(ctx.fmt.date(data.asOf))} — ${m(t.runLabel)} ${m(data.runId)}`];
  for (const id of REPORT_SECTIONS) {
    const body = sectionBody(id, ctx);
    if (body !== null) out.push('', `## ${m(t[id])}`, '', body);
  }
  out.push('', '---', '');
  if (data.personas.notes.length) out.push(`**${m(t.notes)}**`, '', ...data.personas.notes.map((n) => `- ${m(n)}`), '');
  out.push(m(t.suppressionStatement(ctx.fmt.integer(data.personas.minGroupSize))), '', m(t.generatedBy(data.seglabVersion)), '');
  return out.join('\n');
}

function sectionBody(id: ReportSection, ctx: Ctx): string | null {
  switch (id) {
    case 'summary':
      return summaryMd(ctx);
    case 'sizes':
      return sizesMd(ctx);
    case 'personas':
      return ctx.seg.shown.map((s) => personaMd(s, ctx)).join('\n\n') + suppressedMd(ctx);
    case 'kpis':
      return kpisMd(ctx);
    case 'traits':
      return `${m(ctx.t.traitsIntro)}\n\n${charts(ctx)}`;
    case 'rfm':
      return rfmMd(ctx);
    case 'projection': {
      const p = ctx.data.projection;
      const absent = ctx.data.clustering.absent?.projection;
      return p ? `${m(ctx.t.projectionIntro(ctx.fmt.integer(p.sampled), ctx.fmt.integer(p.total)))}\n\n${charts(ctx)}` : m(absent ? ctx.t.absentReason(absent) : ctx.t.noProjection);
    }
    case 'model':
      return modelMd(ctx);
    case 'quality':
      return qualityMd(ctx);
    case 'changes':
      return ctx.data.changes ? changesMd(ctx, ctx.data.changes) : null;
    default:
      return assertSection(id);
  }
}

function assertSection(id: never): never {
  throw new Error(`Unknown report section: ${String(id)}`);
}

function charts(ctx: Ctx): string {
  return `*${m(ctx.t.chartsInHtml)}*`;
}

function suppressedMd(ctx: Ctx): string {
  if (!ctx.seg.suppressedIds.length) return '';
  const min = ctx.fmt.integer(ctx.data.personas.minGroupSize);
  return '\n\n' + ctx.seg.suppressedIds.map((id) => `- *${m(ctx.t.suppressedSegment(id, min, ctx.seg.whySuppressed(id)))}*`).join('\n');
}

function summaryMd(ctx: Ctx): string {
  const { data, t, fmt, seg } = ctx;
  const tiles = markdownTable(
    [t.customersLabel, t.segmentsLabel, t.asOfLabel, t.methodLabel].map(m),
    [
      [
        fmt.integer(data.personas.base.customers),
        seg.suppressedIds.length ? `${fmt.integer(seg.shown.length)} (${t.segmentsHidden(seg.suppressedIds.length)})` : fmt.integer(seg.shown.length),
        fmt.date(data.asOf),
        t.methodValue(data.clustering.algorithm, fmt.integer(data.clustering.k)),
      ].map(m),
    ],
  );
  let alerts: string;
  if (!data.changes) alerts = m(t.noPreviousRun);
  else {
    const threshold = fmt.percent(data.changes.alertThreshold, 0);
    const list = sizeAlerts(data.changes.segments, seg, t, fmt, m);
    alerts = list.length ? `**${m(t.alerts)}**\n\n${list.map((a) => `- ${a}`).join('\n')}\n\n${m(t.alertRule(threshold))}` : m(t.noAlerts(threshold));
  }
  const headlines = seg.shown.map((s) => `- **${m(s.name)}** — ${m(fmt.percent(s.share))} — ${m(s.card.tagline)}`).join('\n');
  const structure = structureText(data.clustering, t, fmt);
  return `${tiles}\n\n${structure ? `${m(structure.text)}\n\n` : ''}${alerts}\n\n### ${m(t.atAGlance)}\n\n${headlines}${suppressedMd(ctx)}`;
}

function sizesMd(ctx: Ctx): string {
  const { data, t, fmt, seg } = ctx;
  const table = markdownTable(
    [t.segmentHeader, t.customersHeader, t.shareHeader].map(m),
    seg.shown.map((s) => [m(s.name), m(fmt.integer(s.size)), m(fmt.percent(s.share))]),
    [false, true, true],
  );
  const extra: string[] = [];
  if (data.personas.base.noise !== null && data.personas.base.noise > 0) extra.push(m(t.noiseSentence(fmt.integer(data.personas.base.noise))));
  if (data.personas.base.suppressedCustomers !== null && data.personas.base.suppressedCustomers > 0) extra.push(m(t.suppressedTotal(fmt.integer(data.personas.base.suppressedCustomers))));
  return [m(t.sizesIntro), table + suppressedMd(ctx), ...extra, charts(ctx)].join('\n\n');
}

function personaMd(s: SegmentPersona, ctx: Ctx): string {
  const { t, fmt } = ctx;
  const renamed = s.renamedFrom ? ` — ${m(t.renamedFrom(s.renamedFrom))}` : '';
  const lines = [`### ${m(s.name)}`, '', `${m(t.ofCustomers(fmt.percent(s.share)))} — ${m(t.customersCount(fmt.integer(s.size)))}${renamed}`];
  if (s.card.tagline) lines.push('', `*${m(s.card.tagline)}*`);
  if (s.card.apart) lines.push('', m(s.card.apart));
  lines.push('');
  for (const [label, text] of [
    [t.who, s.card.who],
    [t.behaviour, s.card.behaviour],
    [t.values, s.card.values],
    [t.channel, s.card.channel],
    [t.timing, s.card.timing],
  ] as const) {
    if (text) lines.push(`- **${m(label)}** ${m(text)}`);
  }
  lines.push('', `**${m(t.risks)}**`, '');
  lines.push(...(s.card.risks.length ? s.card.risks.map((r) => `- ${m(r)}`) : [m(t.noRisks)]));
  lines.push('', `**${m(t.actions)}**`, '');
  lines.push(...(s.card.actions.length ? s.card.actions.map((a, i) => `${i + 1}. **${m(a.title)}** — ${m(a.description)} *${m(t.why)}* ${m(a.reason)}`) : [m(s.card.actionsNote ?? t.noActions)]));
  lines.push('', `**${m(t.topTraits)}**`, '');
  const numeric = s.traits.numeric.slice(0, 8);
  const categorical = s.traits.categorical.slice(0, 5);
  if (!numeric.length && !categorical.length) lines.push(m(t.noTraits));
  if (numeric.length) {
    lines.push(
      markdownTable(
        [t.traitHeader, t.segmentAverage, t.baseAverage, t.stdDiffHeader].map(m),
        numeric.map((tr) => [m(tr.label), m(fmt.feature(tr.unit, tr.segmentMean)), m(fmt.feature(tr.unit, tr.baseMean)), m(fmt.signed(tr.stdDiff))]),
        [false, true, true, true],
      ),
      '',
      m(t.stdDiffExplained),
      '',
    );
  }
  if (categorical.length) {
    lines.push(
      markdownTable(
        [t.traitHeader, t.valueHeader, t.segmentShareHeader, t.baseShareHeader, t.liftHeader].map(m),
        categorical.map((c) => [m(c.label), m(c.valueLabel ?? c.value), m(fmt.percent(c.segmentShare)), m(fmt.percent(c.baseShare)), m(fmt.lift(c.lift))]),
        [false, false, true, true, true],
      ),
      '',
      m(t.categoricalExplained(fmt.number(ctx.data.personas.alpha, 2))),
    );
  }
  return lines.join('\n').trimEnd();
}

function kpisMd(ctx: Ctx): string {
  const { data, t, fmt, seg } = ctx;
  const defs = data.personas.kpiDefinitions;
  if (!defs.length) return m(t.noKpis);
  const rows = seg.shown.map((s) => [m(s.name), ...defs.map((d) => m(fmt.kpi(d.unit, s.kpis[d.key] ?? null)))]);
  rows.push([`**${m(t.baseRow)}**`, ...defs.map((d) => `**${m(fmt.kpi(d.unit, data.personas.base.kpis[d.key] ?? null))}**`)]);
  const table = markdownTable([t.segmentHeader, ...defs.map((d) => d.label)].map(m), rows, [false, ...defs.map(() => true)]);
  const definitions = defs.map((d) => `- **${m(d.label)}** ${m(d.description)}`).join('\n');
  return `${m(t.kpisIntro)}\n\n${table}${suppressedMd(ctx)}\n\n### ${m(t.definitions)}\n\n${definitions}`;
}

function rfmMd(ctx: Ctx): string {
  const { data, t, fmt } = ctx;
  const grid = data.personas.rfm;
  if (!grid) return m(t.noRfm);
  const table = markdownTable(
    ['R \\\\ F', ...grid.fScores.map((f) => m(`F ${f}`))],
    grid.rScores.map((r, i) => [m(`R ${r}`), ...grid.fScores.map((_, j) => m(grid.counts[i]?.[j] == null ? t.rfmSuppressed : fmt.integer(grid.counts[i]![j]!)))]),
    [false, ...grid.fScores.map(() => true)],
  );
  return `${m(t.rfmIntro(fmt.integer(data.personas.minGroupSize)))}\n\n${table}\n\n${charts(ctx)}`;
}

function modelMd(ctx: Ctx): string {
  const { data, t, fmt } = ctx;
  const c = data.clustering;
  const how = kChoiceText(c, t, fmt);
  const parts = [m(how)];
  if (c.features.length) parts.push(m(t.featuresUsed(c.features.join(', '))));
  const sel = c.selection;
  if (sel) {
    parts.push(`- **${m(t.ruleLabel)}** ${m(t.ruleName(sel.ruleName))}\n- **${m(t.recommendedLabel)}** ${m(sel.recommendedK === null ? t.noneValue : fmt.integer(sel.recommendedK))}`);
    const structure = structureText(c, t, fmt);
    const partition = partitionText(sel, t, fmt);
    if (structure) parts.push(m(`${structure.text}${partition ? ` ${partition}` : ''}`));
    const lines = selectionLines(sel, t, fmt);
    parts.push(`**${m(t.votesLabel)}**\n\n${lines.votes.map((v) => `- ${m(v)}`).join('\n')}${lines.excluded ? `\n\n${m(lines.excluded)}` : ''}`);
    // The full reasoning is written in English (cluster.json); other editions show the translated lines above.
    if (sel.reasons.length && data.locale === 'en') parts.push(`**${m(t.reasonsLabel)}**\n\n${sel.reasons.map((r) => `- ${m(r)}`).join('\n')}`);
    const columns: { title: string; values: (number | null)[] }[] = [
      { title: 'Silhouette', values: sel.metrics.silhouette },
      { title: 'Calinski-Harabasz', values: sel.metrics.calinskiHarabasz },
      { title: 'Davies-Bouldin', values: sel.metrics.daviesBouldin },
      { title: 'Gap', values: sel.metrics.gap },
      { title: 'BIC', values: sel.metrics.bic },
    ].filter((col) => col.values.some((v) => v !== null));
    parts.push(
      markdownTable(
        ['k', ...columns.map((col) => m(col.title))],
        sel.ks.map((kk, i) => [
          kk === sel.recommendedK ? `**${m(fmt.integer(kk))}**` : m(fmt.integer(kk)),
          ...columns.map((col) => m(fmt.number(col.values[i] ?? null, 3))),
        ]),
        [true, ...columns.map(() => true)],
      ),
    );
    if (sel.eligible.some((x) => !x)) parts.push(m(t.ineligibleNote));
    parts.push(charts(ctx));
  } else {
    parts.push(m(t.noSelection));
  }
  const kp = c.kprototypes;
  if (kp) {
    parts.push(`### ${m(t.kprototypesTitle)}`);
    parts.push(m(t.kprototypesSummary(kp.categorical.join(', '), fmt.number(kp.gamma, 3), t.gammaRuleName(kp.gammaRule), fmt.percent(kp.costShare.categorical), fmt.integer(kp.movedByCategorical))));
    const rows = kp.modes.filter((x) => ctx.seg.isShown(x.segment));
    parts.push(markdownTable([t.segmentHeader, ...kp.categorical.map((col) => `${col} — ${t.modesHeader}`)].map(m), rows.map((x) => [m(ctx.seg.name(x.segment)), ...kp.categorical.map((col) => m(x.values[col] ?? t.modeSuppressed))])));
  }
  const st = c.stability;
  parts.push(`### ${m(t.stabilityTitle)}`);
  if (!st) parts.push(m(`${t.noStability}${c.absent?.stability ? ` ${t.absentReason(c.absent.stability)}` : ''}`));
  else {
    parts.push(m(t.stabilityIntro(fmt.integer(st.resamples))), m(t.stabilityOverall(fmt.number(st.meanJaccard, 2), fmt.number(st.meanAri, 2))));
    parts.push(
      markdownTable(
        [t.segmentHeader, t.jaccardHeader, t.verdictHeader].map(m),
        st.segments.filter((s) => ctx.seg.isShown(s.id)).map((s) => [m(ctx.seg.name(s.id)), m(fmt.number(s.meanJaccard, 2)), m(verdictText(s.verdict, t))]),
        [false, true, false],
      ) + suppressedMd(ctx),
    );
  }
  return parts.join('\n\n');
}

function qualityMd(ctx: Ctx): string {
  const { data, t, fmt } = ctx;
  const q = data.quality;
  if (!q) return m(t.noQuality);
  const table = markdownTable(
    [t.tableHeader, t.rowsHeader, t.columnsHeader, t.duplicatesHeader, t.missingHeader].map(m),
    q.tables.map((tb) => [
      m(tb.table),
      m(fmt.integer(tb.rows)),
      m(fmt.integer(tb.columns)),
      m(tb.duplicateRows === null ? t.notChecked : fmt.integer(tb.duplicateRows)),
      tb.missing.length ? tb.missing.slice(0, 5).map((x) => `${m(x.column)} (${m(fmt.percent(x.share))})`).join(', ') : m(t.noMissing),
    ]),
    [false, true, true, true, false],
  );
  const warnings = q.warnings.length ? `**${m(t.warnings)}**\n\n${q.warnings.map((w) => `- ${m(w)}`).join('\n')}` : m(t.noWarnings);
  return `${table}\n\n${warnings}`;
}

function changesMd(ctx: Ctx, changes: NonNullable<ReportData['changes']>): string {
  const { t, fmt, seg } = ctx;
  const suppressed = new Set(seg.suppressedIds);
  const min = fmt.integer(ctx.data.personas.minGroupSize);
  const hiddenRow = (c: SizeChange): boolean => c.currentId !== null && suppressed.has(c.currentId);
  const visible = changes.segments.filter((c) => !hiddenRow(c));
  const status = (s: 'kept' | 'new' | 'gone') => (s === 'kept' ? t.statusKept : s === 'new' ? t.statusNew : t.statusGone);
  const name = (c: SizeChange): string => {
    const own = c.currentId !== null && seg.isShown(c.currentId) ? seg.name(c.currentId) : changeName(c, t);
    return m(c.renamedFrom ? t.renamedName(own, c.renamedFrom) : own);
  };
  const table = markdownTable(
    [t.segmentHeader, t.idHeader, t.previousCustomers, t.currentCustomers, t.previousShare, t.currentShare, t.relativeChange, t.statusHeader].map(m),
    visible.map((c) => [
      name(c),
      m(changeIds(c)),
      m(fmt.integer(c.previousSize)),
      m(fmt.integer(c.currentSize)),
      m(fmt.percent(c.previousShare)),
      m(fmt.percent(c.currentShare)),
      m(fmt.signedPercent(c.relativeChange)),
      m(status(c.status)) + (c.alert ? ` **${m(t.alertBadge)}**` : ''),
    ]),
    [false, false, true, true, true, true, true, false],
  );
  const hidden = changes.segments.filter(hiddenRow).map((c) => `- *${m(t.suppressedSegment(c.currentId!, min, seg.whySuppressed(c.currentId!)))}*`);
  return [
    m(t.changesIntro(changes.previousRunId, changes.previousAsOf ? fmt.date(changes.previousAsOf) : null, changes.idsKept)),
    table + (hidden.length ? `\n\n${hidden.join('\n')}` : ''),
    m(t.matchRule(fmt.number(changes.matchMaxDistance))),
    m(t.alertRule(fmt.percent(changes.alertThreshold, 0))),
    m(t.driftLater),
    charts(ctx),
  ].join('\n\n');
}
