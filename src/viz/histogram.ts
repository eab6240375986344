import { baseLayout, SEGLAB_COLORS, type Figure } from './Figure';

export interface HistogramOptions {
  title: string;
  xTitle?: string;
  bins?: number;
  /** Plot log10(1 + x): spend and order counts are heavily right-skewed. */
  log1p?: boolean;
  /** At most this many values are embedded (evenly strided), so a figure stays small for any base size. */
  maxPoints?: number;
}

/** Distribution of one numeric column; NaN values are left out and counted in the title. */
export function histogram(values: ArrayLike<number>, options: HistogramOptions): Figure {
  const max = options.maxPoints ?? 20_000;
  const stride = Math.max(1, Math.ceil(values.length / max));
  const xs: number[] = [];
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      missing++;
      continue;
    }
    if (i % stride === 0) xs.push(options.log1p ? Math.log10(1 + Math.max(0, v)) : v);
  }
  const note = [stride > 1 ? `sample of ${xs.length.toLocaleString('en-US')}` : '', missing ? `${missing.toLocaleString('en-US')} missing` : '']
    .filter(Boolean)
    .join(', ');
  return {
    data: [{ type: 'histogram', x: xs, nbinsx: options.bins ?? 40, marker: { color: SEGLAB_COLORS[0] } }],
    layout: baseLayout(note ? `${options.title} (${note})` : options.title, {
      xaxis: { title: { text: options.log1p ? `log10(1 + ${options.xTitle ?? 'value'})` : options.xTitle } },
      yaxis: { title: { text: 'customers' } },
      bargap: 0.02,
    }),
  };
}
