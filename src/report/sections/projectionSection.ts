import { escapeHtml } from '../../core/escapeHtml';
import { scatterByGroup } from '../../viz/scatterByGroup';
import { defineSection } from '../defineSection';
import { escapeMarkdown } from '../escapeMarkdown';
import { localTexts } from '../localTexts';

const TEXTS = localTexts(
  {
    title: 'Map of customers',
    projectionFigure: 'Customers on the two main axes (PCA)',
    projectionAxis: (i: number, share: string) => `Axis ${i} (${share} of variance)`,
    projectionIntro: (n: string, m: string) =>
      `A sample of ${n} of ${m} customers, placed by their behaviour: customers close to each other behave alike, and overlapping colours mean segments blend into each other at their edges.`,
    noProjection: 'No projection in this run.',
  },
  {
    title: 'Carte des clients',
    projectionFigure: 'Clients sur les deux axes principaux (ACP)',
    projectionAxis: (i, share) => `Axe ${i} (${share} de la variance)`,
    projectionIntro: (n, m) =>
      `Un échantillon de ${n} clients sur ${m}, placés selon leur comportement : des clients proches se comportent de façon semblable, et des couleurs qui se chevauchent signalent des segments qui se recoupent à leurs frontières.`,
    noProjection: 'Pas de projection pour cette analyse.',
  },
);

const e = escapeHtml;
const m = escapeMarkdown;

/** A seeded sample of customers on the two main PCA axes, coloured by segment (shown segments only, no ids). */
export const projectionSection = defineSection({
  id: 'projection',
  texts: TEXTS,

  figures({ data, t, fmt, seg }) {
    const p = data.projection;
    if (!p || !p.x.length) return [];
    const keep: number[] = [];
    for (let i = 0; i < p.x.length; i++) if (seg.isShown(p.segment[i]!)) keep.push(i);
    if (!keep.length) return [];
    return [
      {
        id: 'fig-projection',
        figure: scatterByGroup(
          keep.map((i) => p.x[i]!),
          keep.map((i) => p.y[i]!),
          keep.map((i) => p.segment[i]!),
          {
            title: t.projectionFigure,
            xTitle: t.projectionAxis(1, fmt.percent(p.explained[0], 0)),
            yTitle: t.projectionAxis(2, fmt.percent(p.explained[1], 0)),
            groupName: (g) => seg.name(g),
            groupColor: (g) => seg.color(g),
            maxPoints: 5000,
          },
        ),
      },
    ];
  },

  html(ctx) {
    const { data, t, common, fmt } = ctx;
    const p = data.projection;
    const absent = data.clustering.absent?.projection;
    if (!p || !ctx.figures.length) return `<p class="note">${e(absent ? common.absentReason(absent) : t.noProjection)}</p>`;
    return `<p class="lead">${e(t.projectionIntro(fmt.integer(p.sampled), fmt.integer(p.total)))}</p>${ctx.figure('fig-projection')}`;
  },

  markdown(ctx) {
    const { data, t, common, fmt } = ctx;
    const p = data.projection;
    const absent = data.clustering.absent?.projection;
    return p ? `${m(t.projectionIntro(fmt.integer(p.sampled), fmt.integer(p.total)))}\n\n${ctx.chartsInHtml()}` : m(absent ? common.absentReason(absent) : t.noProjection);
  },
});
