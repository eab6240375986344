import { escapeHtml } from '../../core/escapeHtml';
import { rfmGridFigure } from '../../viz/rfmGridFigure';
import { defineSection } from '../defineSection';
import { escapeMarkdown } from '../escapeMarkdown';
import { localTexts } from '../localTexts';
import { markdownTable } from '../markdownTable';

const TEXTS = localTexts(
  {
    title: 'Recency and frequency',
    rfmIntro: (min: string) =>
      `Customers by recency score (R, 5 = bought most recently) and frequency score (F, 5 = most orders); scores are quintiles from 1 to 5. Cells with fewer than ${min} customers are grey and marked suppressed. Hover a cell to see the segment most of its customers belong to.`,
    rfmFigure: 'Customers by recency and frequency score',
    rfmX: 'F score (5 = most orders)',
    rfmY: 'R score (5 = most recent)',
    rfmCustomers: 'customers',
    rfmDominant: 'Mostly',
    rfmSuppressed: 'suppressed',
    noRfm: 'The RFM grid is not available: the data has no orders to score.',
  },
  {
    title: 'Récence et fréquence',
    rfmIntro: (min) =>
      `Clients par score de récence (R, 5 = achat le plus récent) et de fréquence (F, 5 = le plus de commandes) ; les scores sont des quintiles de 1 à 5. Les cases de moins de ${min} clients sont grisées et marquées comme masquées. Survolez une case pour voir le segment auquel appartiennent la plupart de ses clients.`,
    rfmFigure: 'Clients par score de récence et de fréquence',
    rfmX: 'Score F (5 = le plus de commandes)',
    rfmY: 'Score R (5 = achat le plus récent)',
    rfmCustomers: 'clients',
    rfmDominant: 'Majoritairement',
    rfmSuppressed: 'masqué',
    noRfm: 'La grille RFM n’est pas disponible : les données ne contiennent aucune commande à noter.',
  },
);

const e = escapeHtml;
const m = escapeMarkdown;

/** Customers by R and F score, cells below the minimum group size suppressed, each cell's main segment on hover. */
export const rfmSection = defineSection({
  id: 'rfm',
  texts: TEXTS,

  figures({ data, t, seg }) {
    const grid = data.personas.rfm;
    if (!grid) return [];
    return [
      {
        id: 'fig-rfm',
        figure: rfmGridFigure(
          {
            rScores: grid.rScores,
            fScores: grid.fScores,
            counts: grid.counts,
            dominantNames: grid.dominantSegment.map((row) => row.map((id) => (id !== null && seg.isShown(id) ? seg.name(id) : null))),
          },
          { title: t.rfmFigure, xTitle: t.rfmX, yTitle: t.rfmY, customersLabel: t.rfmCustomers, dominantLabel: t.rfmDominant, suppressedLabel: t.rfmSuppressed },
        ),
      },
    ];
  },

  html(ctx) {
    const { t, fmt } = ctx;
    return ctx.figures.length ? `<p class="lead">${e(t.rfmIntro(fmt.integer(ctx.data.personas.minGroupSize)))}</p>${ctx.figure('fig-rfm')}` : `<p class="note">${e(t.noRfm)}</p>`;
  },

  markdown(ctx) {
    const { data, t, fmt } = ctx;
    const grid = data.personas.rfm;
    if (!grid) return m(t.noRfm);
    const table = markdownTable(
      ['R \\\\ F', ...grid.fScores.map((f) => m(`F ${f}`))],
      grid.rScores.map((r, i) => [m(`R ${r}`), ...grid.fScores.map((_, j) => m(grid.counts[i]?.[j] == null ? t.rfmSuppressed : fmt.integer(grid.counts[i]![j]!)))]),
      [false, ...grid.fScores.map(() => true)],
    );
    return `${m(t.rfmIntro(fmt.integer(data.personas.minGroupSize)))}\n\n${table}\n\n${ctx.chartsInHtml()}`;
  },
});
