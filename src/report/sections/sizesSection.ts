import { escapeHtml } from '../../core/escapeHtml';
import { segmentSizesFigure } from '../../viz/segmentSizesFigure';
import { defineSection, type SectionContext } from '../defineSection';
import { escapeMarkdown } from '../escapeMarkdown';
import { htmlTable } from '../htmlTable';
import { localTexts } from '../localTexts';
import { markdownTable } from '../markdownTable';

const TEXTS = localTexts(
  {
    title: 'Segment sizes',
    sizesIntro: 'How the customer base splits into segments. Colours stay the same for a segment throughout the report.',
    sizesFigure: 'Share of customers by segment',
    figureCustomers: 'customers',
    customersHeader: 'Customers',
    noiseSentence: (n: string) => `${n} customers fit no segment (noise).`,
    suppressedTotal: (n: string) => `${n} customers are in segments not shown.`,
  },
  {
    title: 'Taille des segments',
    sizesIntro: 'Répartition de la clientèle entre les segments. Chaque segment garde la même couleur dans tout le rapport.',
    sizesFigure: 'Part des clients par segment',
    figureCustomers: 'clients',
    customersHeader: 'Clients',
    noiseSentence: (n) => `${n} clients n’appartiennent à aucun segment (bruit).`,
    suppressedTotal: (n) => `${n} clients appartiennent à des segments non affichés.`,
  },
);
type Ctx = SectionContext<(typeof TEXTS)['en']>;

const e = escapeHtml;
const m = escapeMarkdown;

/** How the customers split into segments: a bar chart and a table of sizes and shares. */
export const sizesSection = defineSection({
  id: 'sizes',
  texts: TEXTS,

  figures({ t, seg }) {
    if (!seg.shown.length) return [];
    return [
      {
        id: 'fig-sizes',
        figure: segmentSizesFigure(
          seg.shown.map((s) => ({ name: s.name, share: s.share, size: s.size })),
          { title: t.sizesFigure, customersLabel: t.figureCustomers, colors: seg.shown.map((s) => seg.color(s.id)) },
        ),
      },
    ];
  },

  html(ctx) {
    const { t, common, fmt, seg } = ctx;
    const table = htmlTable(
      [{ html: e(common.segmentHeader) }, { html: e(t.customersHeader), numeric: true }, { html: e(common.shareHeader), numeric: true }],
      seg.shown.map((s) => [{ html: ctx.segmentName(s.id) }, { html: e(fmt.integer(s.size)), numeric: true }, { html: e(fmt.percent(s.share)), numeric: true }]),
    );
    const extra = notes(ctx)
      .map((x) => `<p class="note">${e(x)}</p>`)
      .join('');
    return `<p class="lead">${e(t.sizesIntro)}</p>
${ctx.figure('fig-sizes')}
<div class="narrow">${table}${ctx.suppressed()}${extra}</div>`;
  },

  markdown(ctx) {
    const { t, common, fmt, seg } = ctx;
    const table = markdownTable(
      [common.segmentHeader, t.customersHeader, common.shareHeader].map(m),
      seg.shown.map((s) => [m(s.name), m(fmt.integer(s.size)), m(fmt.percent(s.share))]),
      [false, true, true],
    );
    return [m(t.sizesIntro), table + ctx.suppressed(), ...notes(ctx).map(m), ctx.chartsInHtml()].join('\n\n');
  },
});

/** Customers in no segment (noise) and in segments not shown, when there are any. */
function notes({ data, t, fmt }: Ctx): string[] {
  const base = data.personas.base;
  return [
    base.noise !== null && base.noise > 0 ? t.noiseSentence(fmt.integer(base.noise)) : null,
    base.suppressedCustomers !== null && base.suppressedCustomers > 0 ? t.suppressedTotal(fmt.integer(base.suppressedCustomers)) : null,
  ].filter((x): x is string => x !== null);
}
