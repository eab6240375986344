import { baseLayout, SEGLAB_COLORS, type Figure } from './Figure';
import { labelAxis } from './labelAxis';
import { roundSig } from './roundSig';

export interface SegmentSizesOptions {
  title: string;
  /** Word after the count in hover text, e.g. "customers". */
  customersLabel: string;
  xTitle?: string;
  /** One colour per segment (default: seglab's palette in order). */
  colors?: readonly string[];
}

/** Share of customers per segment as horizontal bars, first segment at the top, share printed on each bar. */
export function segmentSizesFigure(segments: readonly { name: string; share: number; size: number }[], options: SegmentSizesOptions): Figure {
  const n = segments.length;
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        x: segments.map((s) => roundSig(s.share)),
        y: segments.map((_, i) => i),
        text: segments.map((s) => s.name),
        customdata: segments.map((s) => s.size),
        texttemplate: '%{x:.1%}',
        textposition: 'outside',
        cliponaxis: false,
        marker: { color: segments.map((_, i) => options.colors?.[i] ?? SEGLAB_COLORS[i % SEGLAB_COLORS.length]) },
        hovertemplate: `%{text}<br>%{x:.1%} · %{customdata:,} ${options.customersLabel}<extra></extra>`,
      },
    ],
    layout: baseLayout(options.title, {
      xaxis: { title: { text: options.xTitle }, tickformat: '.0%', rangemode: 'tozero', automargin: true },
      yaxis: { ...labelAxis(segments.map((s) => s.name)), autorange: 'reversed' },
      height: Math.max(220, 90 + 34 * n),
      margin: { l: 20, r: 50, t: 50, b: 50 },
    }),
  };
}
