import { baseLayout, type Figure } from './Figure';
import { labelAxis } from './labelAxis';
import { roundSig } from './roundSig';

export const ABOVE_COLOR = '#2166ac';
export const BELOW_COLOR = '#b2182b';

/** A segment's top numeric traits: standardised difference as horizontal bars, blue above the base, red below. */
export function traitBarFigure(traits: readonly { label: string; stdDiff: number }[], options: { title: string; xTitle?: string }): Figure {
  // Room for the value printed past each bar end: plotly's autorange ignores text outside the bars.
  const lo = Math.min(0, ...traits.map((t) => t.stdDiff));
  const hi = Math.max(0, ...traits.map((t) => t.stdDiff));
  const pad = 0.18 * Math.max(hi - lo, 0.5);
  const range = [roundSig(lo < 0 ? lo - pad : 0, 3), roundSig(hi > 0 ? hi + pad : 0, 3)];
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        x: traits.map((t) => roundSig(t.stdDiff, 3)),
        y: traits.map((_, i) => i),
        text: traits.map((t) => t.label),
        texttemplate: '%{x:.2f}',
        textposition: 'outside',
        cliponaxis: false,
        marker: { color: traits.map((t) => (t.stdDiff >= 0 ? ABOVE_COLOR : BELOW_COLOR)) },
        hovertemplate: '%{text}: %{x:.2f}<extra></extra>',
      },
    ],
    layout: baseLayout(options.title, {
      xaxis: { title: { text: options.xTitle }, range, zeroline: true, zerolinecolor: '#444', automargin: true },
      yaxis: { ...labelAxis(traits.map((t) => t.label)), autorange: 'reversed' },
      height: Math.max(200, 90 + 28 * traits.length),
      margin: { l: 20, r: 40, t: 40, b: 40 },
      showlegend: false,
    }),
  };
}
