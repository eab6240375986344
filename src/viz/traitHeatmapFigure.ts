import { baseLayout, type Figure } from './Figure';
import { labelAxis } from './labelAxis';
import { roundSigAll } from './roundSig';

export interface TraitHeatmapOptions {
  title: string;
  colorbarTitle?: string;
}

/** Red below the base, white at 0, blue above: the colour says the direction, its depth the size. */
const DIVERGING = [
  [0, '#b2182b'],
  [0.25, '#ef8a62'],
  [0.5, '#f7f7f7'],
  [0.75, '#67a9cf'],
  [1, '#2166ac'],
];

/**
 * Standardised difference from the whole base per segment and feature, `z[segment][feature]`
 * (null = not among the segment's traits). Drawn with features as rows (their labels are long and
 * read best horizontally) and segments as columns; the colour scale is symmetric around 0.
 */
export function traitHeatmapFigure(segments: readonly string[], features: readonly string[], z: readonly (readonly (number | null)[])[], options: TraitHeatmapOptions): Figure {
  const bySegment = z.map((row) => roundSigAll(row, 3));
  const byFeature = features.map((_, f) => segments.map((_, s) => bySegment[s]?.[f] ?? null));
  let maxAbs = 0;
  for (const row of byFeature) for (const v of row) if (v !== null) maxAbs = Math.max(maxAbs, Math.abs(v));
  const bound = Math.max(1, Math.ceil(maxAbs * 2) / 2);
  // Many or long segment names collide side by side: angle them, below the grid so they clear the title.
  const angled = segments.length > 4 || segments.some((s) => s.length > 20);
  return {
    data: [
      {
        type: 'heatmap',
        x: segments.map((_, s) => s),
        y: features.map((_, f) => f),
        z: byFeature,
        zmid: 0,
        zmin: -bound,
        zmax: bound,
        colorscale: DIVERGING,
        // hover names the cell ("feature · segment"); the cell itself shows the value
        text: features.map((f) => segments.map((s) => `${f} · ${s}`)),
        texttemplate: '%{z:.2f}',
        hovertemplate: '%{text}: %{z:.2f}<extra></extra>',
        hoverongaps: false,
        xgap: 2,
        ygap: 2,
        colorbar: { title: { text: options.colorbarTitle ?? '' }, thickness: 12, len: 0.9 },
      },
    ],
    layout: baseLayout(options.title, {
      xaxis: { ...labelAxis(segments), side: angled ? 'bottom' : 'top', tickangle: angled ? -30 : 0, showgrid: false, zeroline: false },
      yaxis: { ...labelAxis(features), autorange: 'reversed', showgrid: false, zeroline: false },
      height: Math.max(260, 150 + 34 * features.length),
      margin: { l: 20, r: 20, t: angled ? 50 : 90, b: 20 },
      plot_bgcolor: '#ffffff',
    }),
  };
}
