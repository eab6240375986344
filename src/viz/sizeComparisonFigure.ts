import { baseLayout, type Figure } from './Figure';
import { labelAxis } from './labelAxis';
import { roundSig } from './roundSig';

export interface SizeComparisonOptions {
  title: string;
  previousName: string;
  currentName: string;
  yTitle?: string;
}

/** Share of customers per segment in the previous and the current run, as grouped bars. null = absent then. */
export function sizeComparisonFigure(segments: readonly { name: string; previousShare: number | null; currentShare: number | null }[], options: SizeComparisonOptions): Figure {
  const x = segments.map((_, i) => i);
  const trace = (name: string, color: string, values: (number | null)[]) => ({
    type: 'bar' as const,
    name,
    x,
    y: values.map((v) => (v === null ? null : roundSig(v))),
    // names in customdata, not text: plotly would print text on the bars
    customdata: segments.map((s) => s.name),
    marker: { color },
    hovertemplate: `%{customdata}<br>${name}: %{y:.1%}<extra></extra>`,
  });
  return {
    data: [
      trace(options.previousName, '#9fb3c8', segments.map((s) => s.previousShare)),
      trace(options.currentName, '#2f6690', segments.map((s) => s.currentShare)),
    ],
    layout: baseLayout(options.title, {
      barmode: 'group',
      xaxis: { ...labelAxis(segments.map((s) => s.name)), tickangle: segments.length > 5 ? -30 : 0 },
      yaxis: { title: { text: options.yTitle }, tickformat: '.0%', rangemode: 'tozero', automargin: true },
      legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 1, xanchor: 'right' },
      showlegend: true,
    }),
  };
}
