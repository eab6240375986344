import { baseLayout, SEGLAB_COLORS, type Figure } from './Figure';

export interface LineChartOptions {
  title: string;
  xTitle?: string;
  yTitle?: string;
  /** x values to mark with a vertical dotted line and a label (e.g. the recommended k). */
  marks?: { x: number; label: string }[];
}

/** One or more lines over shared x values: inertia, silhouette or BIC against k. null leaves a gap. */
export function lineChart(x: readonly number[], series: Record<string, readonly (number | null)[]>, options: LineChartOptions): Figure {
  const names = Object.keys(series);
  return {
    data: names.map((name, i) => ({
      type: 'scatter',
      mode: 'lines+markers',
      name,
      x: [...x],
      y: [...series[name]!],
      marker: { color: SEGLAB_COLORS[i % SEGLAB_COLORS.length] },
      hovertemplate: `${name} at %{x}: %{y:,.4~g}<extra></extra>`,
    })),
    layout: baseLayout(options.title, {
      xaxis: { title: { text: options.xTitle }, dtick: 1 },
      yaxis: { title: { text: options.yTitle }, automargin: true },
      showlegend: names.length > 1,
      shapes: (options.marks ?? []).map((m) => ({ type: 'line', x0: m.x, x1: m.x, yref: 'paper', y0: 0, y1: 1, line: { dash: 'dot', color: '#555' } })),
      annotations: (options.marks ?? []).map((m) => ({ x: m.x, yref: 'paper', y: 1, text: m.label, showarrow: false, yanchor: 'bottom' })),
    }),
  };
}
