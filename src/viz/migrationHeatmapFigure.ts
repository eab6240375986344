import { baseLayout, type Figure } from './Figure';
import { labelAxis } from './labelAxis';
import { roundSig } from './roundSig';

export interface MigrationHeatmapOptions {
  title: string;
  /** Axis titles: where customers were (rows) and where they are now (columns). */
  fromTitle: string;
  toTitle: string;
  /** The hover's word for customers ("customers" / "clients"). */
  customersWord: string;
}

/** White for nobody, deep blue for everybody: a row reads as where that segment's customers went. */
const SEQUENTIAL = [
  [0, '#ffffff'],
  [0.15, '#deebf7'],
  [0.5, '#6baed6'],
  [1, '#08306b'],
];

/**
 * Where customers went between two runs: one row per earlier segment, one column per current segment (and
 * e.g. "lost"), each cell coloured by its share of the row's customers (`rowTotals`, which may hold
 * customers in no column shown) and printing that share; the count is in the hover. A null count is a
 * cell that must not be shown (a small group): it stays blank. Rows and columns are positions, so two
 * segments with one name stay two.
 */
export function migrationHeatmapFigure(
  rows: readonly string[],
  columns: readonly string[],
  counts: readonly (readonly (number | null)[])[],
  rowTotals: readonly number[],
  options: MigrationHeatmapOptions,
): Figure {
  if (counts.length !== rows.length || rowTotals.length !== rows.length || counts.some((r) => r.length !== columns.length)) {
    throw new Error(`migrationHeatmapFigure: counts must be ${rows.length} × ${columns.length} with one total per row`);
  }
  const z = counts.map((r, i) => r.map((c) => (c === null || !(rowTotals[i]! > 0) ? null : roundSig(c / rowTotals[i]!, 3))));
  const angled = columns.length > 4 || columns.some((c) => c.length > 16);
  return {
    data: [
      {
        type: 'heatmap',
        x: columns.map((_, j) => j),
        y: rows.map((_, i) => i),
        z,
        zmin: 0,
        zmax: 1,
        colorscale: SEQUENTIAL,
        showscale: false,
        // [from, to, count] per cell for the hover; the cell prints its share
        customdata: counts.map((r, i) => r.map((c, j) => [rows[i]!, columns[j]!, c])),
        texttemplate: '%{z:.0%}',
        hovertemplate: `%{customdata[0]} → %{customdata[1]}<br>%{customdata[2]:,} ${options.customersWord} (%{z:.1%})<extra></extra>`,
        hoverongaps: false,
        xgap: 2,
        ygap: 2,
      },
    ],
    layout: baseLayout(options.title, {
      xaxis: { ...labelAxis(columns), title: { text: options.toTitle, standoff: 12 }, side: 'bottom', tickangle: angled ? -30 : 0, showgrid: false, zeroline: false },
      yaxis: { ...labelAxis(rows), title: { text: options.fromTitle, standoff: 12 }, autorange: 'reversed', showgrid: false, zeroline: false },
      height: Math.max(280, 160 + 38 * rows.length),
      margin: { l: 20, r: 20, t: 50, b: 20 },
      plot_bgcolor: '#ffffff',
    }),
  };
}
