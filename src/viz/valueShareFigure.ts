import { baseLayout, type Figure } from './Figure';
import { labelAxis } from './labelAxis';
import { roundSig } from './roundSig';

export interface ValueShareOptions {
  title: string;
  customersName: string;
  valueName: string;
  yTitle?: string;
}

/** Per segment its share of the customers beside its share of the customer value (CLV), as grouped bars: where the value sits. */
export function valueShareFigure(segments: readonly { name: string; customerShare: number; valueShare: number | null }[], options: ValueShareOptions): Figure {
  const x = segments.map((_, i) => i);
  const trace = (name: string, color: string, values: (number | null)[]) => ({
    type: 'bar' as const,
    name,
    x,
    y: values.map((v) => (v === null ? null : roundSig(v))),
    customdata: segments.map((s) => s.name),
    marker: { color },
    hovertemplate: `%{customdata}<br>${name}: %{y:.1%}<extra></extra>`,
  });
  return {
    data: [trace(options.customersName, '#9fb3c8', segments.map((s) => s.customerShare)), trace(options.valueName, '#d1495b', segments.map((s) => s.valueShare))],
    layout: baseLayout(options.title, {
      barmode: 'group',
      xaxis: { ...labelAxis(segments.map((s) => s.name)), tickangle: segments.length > 5 ? -30 : 0 },
      yaxis: { title: { text: options.yTitle }, tickformat: '.0%', rangemode: 'tozero', automargin: true },
      legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 1, xanchor: 'right' },
      showlegend: true,
    }),
  };
}
