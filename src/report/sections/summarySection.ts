import { escapeHtml } from '../../core/escapeHtml';
import { defineSection, type ReportContext } from '../defineSection';
import { escapeMarkdown } from '../escapeMarkdown';
import { localTexts } from '../localTexts';
import { markdownTable } from '../markdownTable';
import { SIZE_ALERT_TEXTS, sizeAlerts } from '../sizeAlerts';
import { structureText } from '../structureText';

const TEXTS = localTexts(
  {
    title: 'Summary',
    customersLabel: 'Customers',
    segmentsLabel: 'Segments',
    methodLabel: 'Method',
    segmentsHidden: (hidden: number) => `${hidden} not shown`,
    methodValue: (algorithm: string, k: string) => `${algorithm}, k = ${k}`,
    atAGlance: 'Segments at a glance',
  },
  {
    title: 'Synthèse',
    customersLabel: 'Clients',
    segmentsLabel: 'Segments',
    methodLabel: 'Méthode',
    segmentsHidden: (hidden) => `${hidden} masqué${hidden > 1 ? 's' : ''}`,
    methodValue: (algorithm, k) => `${algorithm}, k = ${k}`,
    atAGlance: 'Les segments en un coup d’œil',
  },
);

const e = escapeHtml;
const m = escapeMarkdown;

/** The key numbers, whether the segments are natural groups, the size alerts, and one line per segment. */
export const summarySection = defineSection({
  id: 'summary',
  texts: TEXTS,

  html(ctx) {
    const { data, t, common, fmt, seg } = ctx;
    const tile = (label: string, value: string, sub = '', cls = '') =>
      `<div class="tile"><div class="label">${e(label)}</div><div class="value${cls}">${e(value)}</div>${sub ? `<div class="sub">${e(sub)}</div>` : ''}</div>`;
    const tiles = [
      tile(t.customersLabel, fmt.integer(data.personas.base.customers)),
      tile(t.segmentsLabel, fmt.integer(seg.shown.length), seg.suppressedIds.length ? t.segmentsHidden(seg.suppressedIds.length) : ''),
      tile(common.asOfLabel, fmt.date(data.asOf), '', ' small'),
      tile(t.methodLabel, t.methodValue(data.clustering.algorithm, fmt.integer(data.clustering.k)), '', ' small'),
    ].join('');
    const headlines = seg.shown
      .map(
        (s) =>
          `<li><span class="dot" style="--seg:${seg.color(s.id)}"></span><a href="#segment-${s.id}">${e(s.name)}</a><span class="share">${e(fmt.percent(s.share))}</span><span class="tagline">${e(s.card.tagline)}</span></li>`,
      )
      .join('');
    const structure = structureText(data.clustering, ctx);
    const structureHtml = structure ? `<div class="callout ${structure.found ? 'calm' : 'info'} structure">${e(structure.text)}</div>\n` : '';
    return `<div class="tiles">${tiles}</div>
${structureHtml}${alertsHtml(ctx)}
<h3>${e(t.atAGlance)}</h3>
<ul class="headlines">${headlines}</ul>
${ctx.suppressed()}`;
  },

  markdown(ctx) {
    const { data, t, common, fmt, seg } = ctx;
    const tiles = markdownTable(
      [t.customersLabel, t.segmentsLabel, common.asOfLabel, t.methodLabel].map(m),
      [
        [
          fmt.integer(data.personas.base.customers),
          seg.suppressedIds.length ? `${fmt.integer(seg.shown.length)} (${t.segmentsHidden(seg.suppressedIds.length)})` : fmt.integer(seg.shown.length),
          fmt.date(data.asOf),
          t.methodValue(data.clustering.algorithm, fmt.integer(data.clustering.k)),
        ].map(m),
      ],
    );
    const headlines = seg.shown.map((s) => `- **${m(s.name)}** — ${m(fmt.percent(s.share))} — ${m(s.card.tagline)}`).join('\n');
    const structure = structureText(data.clustering, ctx);
    return `${tiles}\n\n${structure ? `${m(structure.text)}\n\n` : ''}${alertsMarkdown(ctx)}\n\n### ${m(t.atAGlance)}\n\n${headlines}${ctx.suppressed()}`;
  },
});

function alertsHtml(ctx: ReportContext): string {
  const { data, fmt } = ctx;
  const a = SIZE_ALERT_TEXTS[data.locale];
  // With a drift report the alerts are its own, first in the review: one list of alerts, by one rule.
  if (data.drift) return `<div class="callout info">${e(a.inDrift)}</div>`;
  if (!data.changes) return `<div class="callout info">${e(a.noPreviousRun)}</div>`;
  const threshold = fmt.percent(data.changes.alertThreshold, 0);
  const alerts = sizeAlerts(data.changes.segments, ctx, e);
  if (!alerts.length) return `<div class="callout calm">${e(a.noAlerts(threshold))}</div>`;
  return `<div class="callout alerts"><h3>${e(a.alerts)}</h3><ul>${alerts.map((x) => `<li>${x}</li>`).join('')}</ul><p class="note">${e(a.alertRule(threshold))}</p></div>`;
}

function alertsMarkdown(ctx: ReportContext): string {
  const { data, fmt } = ctx;
  const a = SIZE_ALERT_TEXTS[data.locale];
  if (data.drift) return m(a.inDrift);
  if (!data.changes) return m(a.noPreviousRun);
  const threshold = fmt.percent(data.changes.alertThreshold, 0);
  const alerts = sizeAlerts(data.changes.segments, ctx, m);
  return alerts.length ? `**${m(a.alerts)}**\n\n${alerts.map((x) => `- ${x}`).join('\n')}\n\n${m(a.alertRule(threshold))}` : m(a.noAlerts(threshold));
}
