import { baseLayout, SEGLAB_COLORS, type Figure } from './Figure';

export interface ScatterByGroupOptions {
  title: string;
  xTitle?: string;
  yTitle?: string;
  /** Name shown for each group value (default: the value itself). */
  groupName?: (group: number) => string;
  /** Colour of each group (default: the palette in group order, noise grey); lets a report keep one colour per segment. */
  groupColor?: (group: number) => string;
  /** At most this many points are drawn (every n-th row of each group), so the figure stays small. */
  maxPoints?: number;
}

/** Points coloured by group, one trace per group: a 2-D projection of customers coloured by segment. */
export function scatterByGroup(x: ArrayLike<number>, y: ArrayLike<number>, group: ArrayLike<number>, options: ScatterByGroupOptions): Figure {
  const n = x.length;
  const step = Math.max(1, Math.ceil(n / (options.maxPoints ?? 5000)));
  const groups = [...new Set(Array.from(group))].sort((a, b) => a - b);
  const name = options.groupName ?? ((g: number) => String(g));
  return {
    data: groups.map((g, i) => {
      const xs: number[] = [];
      const ys: number[] = [];
      let seen = 0;
      for (let r = 0; r < n; r++) {
        if (group[r] !== g) continue;
        if (seen++ % step === 0) {
          xs.push(Math.round(x[r]! * 1000) / 1000);
          ys.push(Math.round(y[r]! * 1000) / 1000);
        }
      }
      return {
        type: 'scatter',
        mode: 'markers',
        name: name(g),
        x: xs,
        y: ys,
        marker: { color: options.groupColor?.(g) ?? (g < 0 ? '#bbbbbb' : SEGLAB_COLORS[i % SEGLAB_COLORS.length]), size: 5, opacity: 0.7 },
        hovertemplate: `${name(g)}<extra></extra>`,
      };
    }),
    layout: baseLayout(options.title, { xaxis: { title: { text: options.xTitle }, zeroline: false }, yaxis: { title: { text: options.yTitle }, zeroline: false }, height: 460 }),
  };
}
