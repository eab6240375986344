import { baseLayout, type Figure } from './Figure';
import { labelAxis } from './labelAxis';
import { roundSig } from './roundSig';

/** One series of shares per segment (null = no value for that segment). */
export interface ShareSeries {
  name: string;
  color: string;
  values: readonly (number | null)[];
}

/**
 * Shares per segment as grouped bars, one colour per series, the y axis in percent and the legend above: the
 * review's size comparison and its value chart share this picture.
 */
export function groupedShareBars(names: readonly string[], series: readonly ShareSeries[], title: string, yTitle?: string): Figure {
  const x = names.map((_, i) => i);
  return {
    data: series.map((s) => ({
      type: 'bar' as const,
      name: s.name,
      x,
      y: s.values.map((v) => (v === null ? null : roundSig(v))),
      // names in customdata, not text: plotly would print text on the bars
      customdata: [...names],
      marker: { color: s.color },
      hovertemplate: `%{customdata}<br>${s.name}: %{y:.1%}<extra></extra>`,
    })),
    layout: baseLayout(title, {
      barmode: 'group',
      xaxis: { ...labelAxis([...names]), tickangle: names.length > 5 ? -30 : 0 },
      yaxis: { title: { text: yTitle }, tickformat: '.0%', rangemode: 'tozero', automargin: true },
      legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 1, xanchor: 'right' },
      showlegend: true,
    }),
  };
}
