import type { Figure } from './Figure';
import { lineChart } from './lineChart';
import { roundSigAll } from './roundSig';

export interface SelectionCurveOptions {
  title: string;
  xTitle?: string;
  yTitle?: string;
  /** The chosen k, marked with a dotted line and `recommendedLabel`. */
  recommendedK: number | null;
  recommendedLabel: string;
  /** k values outside the business limits are drawn grey. */
  eligible?: readonly boolean[];
  /** Half-width of an error bar per k (the gap statistic's s_k). */
  errors?: readonly (number | null)[];
  color?: string;
}

/** One model-selection criterion against k (silhouette, Calinski-Harabasz, …) as a small figure. */
export function selectionCurveFigure(ks: readonly number[], values: readonly (number | null)[], options: SelectionCurveOptions): Figure {
  const marks = options.recommendedK === null ? [] : [{ x: options.recommendedK, label: options.recommendedLabel }];
  const figure = lineChart(ks, { [options.title]: roundSigAll(values) }, { title: options.title, xTitle: options.xTitle, yTitle: options.yTitle, marks });
  const trace = figure.data[0]!;
  const color = options.color ?? '#2f6690';
  trace.line = { color };
  trace.marker = { color: ks.map((_, i) => (options.eligible && !options.eligible[i] ? '#bbbbbb' : color)), size: 8 };
  trace.hovertemplate = 'k = %{x}: %{y:,.4~g}<extra></extra>';
  if (options.errors) trace.error_y = { type: 'data', array: roundSigAll(options.errors, 3), visible: true, color: '#999', thickness: 1 };
  figure.layout.height = 280;
  figure.layout.margin = { l: 60, r: 20, t: 50, b: 50 };
  figure.layout.showlegend = false;
  return figure;
}
