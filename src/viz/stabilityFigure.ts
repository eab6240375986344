import { baseLayout, type Figure } from './Figure';
import { labelAxis } from './labelAxis';
import { roundSig } from './roundSig';

export interface StabilityFigureOptions {
  title: string;
  xTitle?: string;
  /** Vertical reference lines, e.g. 0.6 "patterns" and 0.75 "stable" (Hennig's clusterboot thresholds). */
  thresholds: readonly { value: number; label: string }[];
}

/** Hennig's reading: ≥ 0.75 stable (green), ≥ 0.6 a pattern (amber), below doubtful (red). */
function colorOf(j: number, thresholds: readonly { value: number }[]): string {
  const sorted = thresholds.map((t) => t.value).sort((a, b) => b - a);
  if (sorted[0] !== undefined && j >= sorted[0]) return '#4d9a6a';
  if (sorted[1] !== undefined && j >= sorted[1]) return '#e0a030';
  return '#c0392b';
}

/** Mean bootstrap Jaccard per segment as horizontal bars on [0, 1] with the threshold lines. null = not measured. */
export function stabilityFigure(segments: readonly { name: string; meanJaccard: number | null }[], options: StabilityFigureOptions): Figure {
  const thresholds = [...options.thresholds].sort((a, b) => a.value - b.value);
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        x: segments.map((s) => (s.meanJaccard === null ? null : roundSig(s.meanJaccard, 3))),
        y: segments.map((_, i) => i),
        text: segments.map((s) => s.name),
        texttemplate: '%{x:.2f}',
        textposition: 'outside',
        cliponaxis: false,
        marker: { color: segments.map((s) => (s.meanJaccard === null ? '#bbbbbb' : colorOf(s.meanJaccard, thresholds))) },
        hovertemplate: '%{text}: %{x:.2f}<extra></extra>',
      },
    ],
    layout: baseLayout(options.title, {
      xaxis: { title: { text: options.xTitle }, range: [0, 1.05], automargin: true },
      yaxis: { ...labelAxis(segments.map((s) => s.name)), autorange: 'reversed' },
      height: Math.max(240, 110 + 32 * segments.length),
      margin: { l: 20, r: 30, t: 60, b: 50 },
      shapes: thresholds.map((t) => ({ type: 'line', x0: t.value, x1: t.value, yref: 'paper', y0: 0, y1: 1, line: { dash: 'dash', color: '#555', width: 1 } })),
      // the lower threshold's label to the left of its line, the higher one's to the right: they never overlap
      annotations: thresholds.map((t, i) => ({
        x: t.value,
        yref: 'paper',
        y: 1,
        text: t.label,
        showarrow: false,
        yanchor: 'bottom',
        xanchor: i === 0 ? 'right' : 'left',
        font: { size: 11, color: '#555' },
      })),
    }),
  };
}
