import { baseLayout, type Figure } from './Figure';

/** Light to dark blue; starts well above white so the emptiest cell never looks like a grey suppressed one. */
const SEQUENTIAL = [
  [0, '#c6dbef'],
  [0.5, '#4292c6'],
  [1, '#08306b'],
];

export interface RfmGridFigureOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  /** Word after the count in hover text, e.g. "customers". */
  customersLabel: string;
  /** Hover label before the dominant segment's name, e.g. "Mostly". */
  dominantLabel: string;
  /** Printed in cells whose count is suppressed (null). */
  suppressedLabel: string;
}

/**
 * Customers by R score (rows) × F score (columns). Suppressed cells (null) stay empty over a grey
 * background and say so; hover gives the count and the segment most of the cell's customers are in.
 */
export function rfmGridFigure(
  grid: { rScores: readonly number[]; fScores: readonly number[]; counts: readonly (readonly (number | null)[])[]; dominantNames: readonly (readonly (string | null)[])[] },
  options: RfmGridFigureOptions,
): Figure {
  const annotations: Record<string, unknown>[] = [];
  grid.counts.forEach((row, r) =>
    row.forEach((v, f) => {
      if (v === null) annotations.push({ x: grid.fScores[f], y: grid.rScores[r], text: options.suppressedLabel, showarrow: false, font: { color: '#666', size: 11 } });
    }),
  );
  return {
    data: [
      {
        type: 'heatmap',
        x: [...grid.fScores],
        y: [...grid.rScores],
        z: grid.counts.map((row) => [...row]),
        text: grid.dominantNames.map((row) => row.map((n) => n ?? '–')),
        colorscale: SEQUENTIAL,
        texttemplate: '%{z:,}',
        hovertemplate: `R %{y} · F %{x}<br>%{z:,} ${options.customersLabel}<br>${options.dominantLabel}: %{text}<extra></extra>`,
        hoverongaps: false,
        xgap: 3,
        ygap: 3,
        colorbar: { title: { text: options.customersLabel }, thickness: 12 },
      },
    ],
    layout: baseLayout(options.title, {
      xaxis: { title: { text: options.xTitle }, dtick: 1, showgrid: false, zeroline: false },
      yaxis: { title: { text: options.yTitle }, dtick: 1, showgrid: false, zeroline: false },
      // null cells are transparent: the grey behind them marks them as suppressed
      plot_bgcolor: '#e6e6e6',
      annotations,
      height: 420,
    }),
  };
}
