import { escapeHtml } from '../../core/escapeHtml';
import { traitHeatmapFigure } from '../../viz/traitHeatmapFigure';
import { defineSection } from '../defineSection';
import { escapeMarkdown } from '../escapeMarkdown';
import { localTexts } from '../localTexts';

const TEXTS = localTexts(
  {
    title: 'What sets each segment apart',
    traitsIntro:
      'Each cell shows how far a segment’s average lies from the whole customer base, in standard deviations: blue above, red below, white close to the average. Empty cells are not among that segment’s distinctive traits.',
    traitsFigure: 'Distinctive traits by segment (difference in standard deviations)',
    traitsColorbar: 'SD',
    noTraitData: 'No numeric trait to compare.',
  },
  {
    title: 'Ce qui distingue chaque segment',
    traitsIntro:
      'Chaque case indique l’écart entre la moyenne d’un segment et celle de l’ensemble des clients, en écarts-types : bleu au-dessus, rouge en dessous, blanc proche de la moyenne. Une case vide ne fait pas partie des traits distinctifs du segment.',
    traitsFigure: 'Traits distinctifs par segment (écart en écarts-types)',
    traitsColorbar: 'é.-t.',
    noTraitData: 'Aucun trait numérique à comparer.',
  },
);

/** Features in the heatmap: enough to tell segments apart, few enough to read. */
const HEATMAP_FEATURES = 12;

const e = escapeHtml;
const m = escapeMarkdown;

/** A heatmap of every shown segment's distinctive numeric traits. */
export const traitsSection = defineSection({
  id: 'traits',
  texts: TEXTS,

  figures({ t, seg }) {
    // Columns: the features on which some segment differs most, strongest first.
    const strongest = new Map<string, { label: string; max: number }>();
    for (const s of seg.shown) {
      for (const tr of s.traits.numeric) {
        const prev = strongest.get(tr.feature);
        const a = Math.abs(tr.stdDiff);
        if (!prev) strongest.set(tr.feature, { label: tr.label, max: a });
        else if (a > prev.max) prev.max = a;
      }
    }
    const features = [...strongest.entries()].sort((a, b) => b[1].max - a[1].max).slice(0, HEATMAP_FEATURES);
    if (!features.length || !seg.shown.length) return [];
    const z = seg.shown.map((s) => features.map(([f]) => s.traits.numeric.find((tr) => tr.feature === f)?.stdDiff ?? null));
    return [
      {
        id: 'fig-traits',
        figure: traitHeatmapFigure(
          seg.shown.map((s) => s.name),
          features.map(([, v]) => v.label),
          z,
          { title: t.traitsFigure, colorbarTitle: t.traitsColorbar },
        ),
      },
    ];
  },

  html(ctx) {
    const { t } = ctx;
    return ctx.figures.length ? `<p class="lead">${e(t.traitsIntro)}</p>${ctx.figure('fig-traits')}` : `<p class="note">${e(t.noTraitData)}</p>`;
  },

  markdown(ctx) {
    return `${m(ctx.t.traitsIntro)}\n\n${ctx.chartsInHtml()}`;
  },
});
