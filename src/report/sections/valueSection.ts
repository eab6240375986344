import { escapeHtml } from '../../core/escapeHtml';
import type { ClvSegmentValue } from '../../clv/clvBySegment';
import { valueShareFigure } from '../../viz/valueShareFigure';
import { defineSection, type SectionContext } from '../defineSection';
import { escapeMarkdown } from '../escapeMarkdown';
import { htmlTable } from '../htmlTable';
import { localTexts } from '../localTexts';
import { markdownTable } from '../markdownTable';

const TEXTS = localTexts(
  {
    title: 'Customer value',
    intro: (horizon: string, discount: string, model: string, customers: string, repeat: string, total: string) =>
      `Customer lifetime value (CLV) over the next ${horizon} months, discounted ${discount} a month: ${model} for how often customers buy and whether they are still active, Gamma-Gamma for how much they spend, fitted on ${customers} customers with a purchase (${repeat} bought again). Together they are worth ${total}.`,
    modelName: (m: string): string => (({ 'bg-nbd': 'BG/NBD', 'mbg-nbd': 'MBG/NBD', 'pareto-nbd': 'Pareto/NBD' }) as Record<string, string>)[m] ?? m,
    correlation: (r: string) => `Spend per purchase and number of purchases are correlated (${r}); Gamma-Gamma assumes they are not, so the CLV of frequent buyers may be off.`,
    segmentHeader: 'Segment',
    customersHeader: 'Share of customers',
    valueHeader: 'Share of value',
    meanClvHeader: 'Mean CLV',
    pAliveHeader: 'Probability still active',
    purchasesHeader: 'Expected purchases',
    figure: 'Share of customers and share of value by segment',
    customersSeries: 'Share of customers',
    valueSeries: 'Share of value',
    leavingTitle: 'High value, probably leaving',
    leavingIntro: (top: string, below: string) => `Customers among the ${top} most valuable (by CLV) whose probability of still being active is below ${below}: contact them before they are gone.`,
    leavingCount: (n: string) => `${n} customers`,
    leavingFew: (min: string) => `fewer than ${min} customers (not shown)`,
    leavingNone: 'none',
  },
  {
    title: 'Valeur client',
    intro: (horizon, discount, model, customers, repeat, total) =>
      `Valeur vie client (CLV) sur les ${horizon} prochains mois, actualisée de ${discount} par mois : ${model} pour la fréquence d’achat et la probabilité d’être encore actif, Gamma-Gamma pour le montant dépensé, ajustés sur ${customers} clients ayant acheté (${repeat} ont racheté). Ensemble, ils valent ${total}.`,
    modelName: (m) => (({ 'bg-nbd': 'BG/NBD', 'mbg-nbd': 'MBG/NBD', 'pareto-nbd': 'Pareto/NBD' }) as Record<string, string>)[m] ?? m,
    correlation: (r) => `Le montant par achat et le nombre d’achats sont corrélés (${r}) ; Gamma-Gamma les suppose indépendants : la CLV des clients fréquents peut être biaisée.`,
    segmentHeader: 'Segment',
    customersHeader: 'Part des clients',
    valueHeader: 'Part de la valeur',
    meanClvHeader: 'CLV moyenne',
    pAliveHeader: 'Probabilité d’être encore actif',
    purchasesHeader: 'Achats attendus',
    figure: 'Part des clients et part de la valeur par segment',
    customersSeries: 'Part des clients',
    valueSeries: 'Part de la valeur',
    leavingTitle: 'Forte valeur, départ probable',
    leavingIntro: (top, below) => `Clients parmi les ${top} les plus précieux (selon la CLV) dont la probabilité d’être encore actifs est inférieure à ${below} : les contacter avant qu’ils ne partent.`,
    leavingCount: (n) => `${n} clients`,
    leavingFew: (min) => `moins de ${min} clients (non publié)`,
    leavingNone: 'aucun',
  },
);

type T = (typeof TEXTS)['en'];
const e = escapeHtml;
const m = escapeMarkdown;

/** The shown segments' value rows, in segment order. */
function shownRows(ctx: SectionContext<T>): ClvSegmentValue[] {
  return ctx.data.value!.segments.filter((s) => ctx.seg.isShown(s.id));
}

/** A segment's count of high-value customers probably leaving, in words; below minGroupSize it is not published. */
function leavingWords(ctx: SectionContext<T>, n: number): string {
  const min = ctx.data.personas.minGroupSize;
  if (n === 0) return ctx.t.leavingNone;
  return n < min ? ctx.t.leavingFew(ctx.fmt.integer(min)) : ctx.t.leavingCount(ctx.fmt.integer(n));
}

function intro(ctx: SectionContext<T>): string[] {
  const { t, fmt } = ctx;
  const v = ctx.data.value!;
  return [
    t.intro(fmt.integer(v.horizon), fmt.percent(v.discount), t.modelName(v.model), fmt.integer(v.customers), fmt.integer(v.repeatBuyers), fmt.money(v.totalClv)),
    ...(v.correlationWarning ? [t.correlation(fmt.number(v.correlation, 2))] : []),
  ];
}

function cells(ctx: SectionContext<T>, s: ClvSegmentValue): string[] {
  const { fmt } = ctx;
  return [fmt.percent(s.customerShare), fmt.percent(s.valueShare), fmt.money(s.meanClv), fmt.percent(s.meanPAlive), fmt.number(s.meanExpectedPurchases)];
}

/** CLV per segment (clv stage): share of customers against share of value, mean CLV and P(alive), and the valuable customers probably leaving. */
export const valueSection = defineSection({
  id: 'value',
  texts: TEXTS,

  figures(ctx) {
    if (!ctx.data.value) return [];
    const rows = shownRows(ctx);
    if (!rows.length) return [];
    const { t } = ctx;
    return [{ id: 'fig-value', figure: valueShareFigure(rows.map((s) => ({ name: ctx.seg.name(s.id), customerShare: s.customerShare, valueShare: s.valueShare })), { title: t.figure, customersName: t.customersSeries, valueName: t.valueSeries }) }];
  },

  html(ctx) {
    const v = ctx.data.value;
    if (!v) return null;
    const { t, fmt } = ctx;
    const rows = shownRows(ctx);
    const headers = [t.segmentHeader, t.customersHeader, t.valueHeader, t.meanClvHeader, t.pAliveHeader, t.purchasesHeader].map((h, i) => ({ html: e(h), numeric: i > 0 }));
    const table = htmlTable(headers, rows.map((s) => [{ html: ctx.segmentName(s.id) }, ...cells(ctx, s).map((c) => ({ html: e(c), numeric: true }))]));
    const leaving = rows.map((s) => `<li>${ctx.segmentName(s.id)}: ${e(leavingWords(ctx, s.highValueLeaving))}</li>`).join('');
    return [
      ...intro(ctx).map((p, i) => `<p${i === 0 ? ' class="lead"' : ' class="note"'}>${e(p)}</p>`),
      `${table}${ctx.suppressed()}`,
      ctx.figure('fig-value'),
      `<h3>${e(t.leavingTitle)}</h3><p>${e(t.leavingIntro(fmt.percent(v.highValue.share), fmt.percent(v.highValue.leavingBelow)))}</p><ul class="plain">${leaving}</ul>`,
    ].join('\n');
  },

  markdown(ctx) {
    const v = ctx.data.value;
    if (!v) return null;
    const { t, fmt, seg } = ctx;
    const rows = shownRows(ctx);
    const table = markdownTable(
      [t.segmentHeader, t.customersHeader, t.valueHeader, t.meanClvHeader, t.pAliveHeader, t.purchasesHeader].map(m),
      rows.map((s) => [m(seg.name(s.id)), ...cells(ctx, s).map(m)]),
      [false, true, true, true, true, true],
    );
    const leaving = rows.map((s) => `- ${m(seg.name(s.id))}: ${m(leavingWords(ctx, s.highValueLeaving))}`).join('\n');
    return [
      ...intro(ctx).map(m),
      `${table}${ctx.suppressed()}`,
      `### ${m(t.leavingTitle)}\n\n${m(t.leavingIntro(fmt.percent(v.highValue.share), fmt.percent(v.highValue.leavingBelow)))}\n\n${leaving}`,
      ctx.chartsInHtml(),
    ].join('\n\n');
  },
});
