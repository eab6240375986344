import { baseLayout, SEGLAB_COLORS, type Figure } from './Figure';

export interface BarChartOptions {
  title: string;
  xTitle?: string;
  yTitle?: string;
  horizontal?: boolean;
  /** Format numbers in hover text, e.g. as percentages. */
  percent?: boolean;
}

/** A bar per category: sizes per segment, missing share per column, counts per RFM segment. */
export function barChart(labels: readonly string[], values: readonly number[], options: BarChartOptions): Figure {
  const horizontal = options.horizontal ?? false;
  const fmt = options.percent ? '%{VALUE:.1%}' : '%{VALUE:,.4~g}';
  return {
    data: [
      {
        type: 'bar',
        orientation: horizontal ? 'h' : 'v',
        x: horizontal ? [...values] : [...labels],
        y: horizontal ? [...labels] : [...values],
        marker: { color: SEGLAB_COLORS[0] },
        hovertemplate: `%{${horizontal ? 'y' : 'x'}}: ${fmt.replace('VALUE', horizontal ? 'x' : 'y')}<extra></extra>`,
      },
    ],
    layout: baseLayout(options.title, {
      xaxis: { title: { text: horizontal ? options.yTitle : options.xTitle }, ...(horizontal && options.percent ? { tickformat: '.0%' } : {}), automargin: true },
      yaxis: { title: { text: horizontal ? options.xTitle : options.yTitle }, ...(!horizontal && options.percent ? { tickformat: '.0%' } : {}), automargin: true },
      height: horizontal ? Math.max(300, 40 + 22 * labels.length) : 380,
    }),
  };
}
