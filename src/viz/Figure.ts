/**
 * A plotly figure as plain JSON: the same spec renders in a notebook cell, in the HTML report and in
 * any plotly front end. Only the fields seglab uses are typed; plotly accepts many more.
 */
export interface Trace {
  type: 'bar' | 'histogram' | 'scatter' | 'heatmap' | 'box';
  name?: string;
  x?: (number | string | null)[];
  y?: (number | string | null)[];
  z?: (number | null)[][];
  /** Per point; a heatmap takes one row of strings per y. */
  text?: string[] | string[][];
  orientation?: 'h' | 'v';
  mode?: string;
  marker?: Record<string, unknown>;
  hovertemplate?: string;
  nbinsx?: number;
  [key: string]: unknown;
}

export interface Figure {
  data: Trace[];
  layout: {
    title?: { text: string };
    xaxis?: Record<string, unknown>;
    yaxis?: Record<string, unknown>;
    height?: number;
    width?: number;
    margin?: { l?: number; r?: number; t?: number; b?: number };
    showlegend?: boolean;
    barmode?: 'group' | 'stack' | 'overlay';
    [key: string]: unknown;
  };
}

export const SEGLAB_COLORS = ['#2f6690', '#d1495b', '#edae49', '#66a182', '#8d6a9f', '#00798c', '#e07a5f', '#3d405b', '#81b29a', '#f2cc8f', '#6d597a', '#b56576'];

export function baseLayout(title: string, extra: Partial<Figure['layout']> = {}): Figure['layout'] {
  return {
    title: { text: title },
    margin: { l: 60, r: 20, t: 50, b: 60 },
    height: 380,
    ...extra,
  };
}
