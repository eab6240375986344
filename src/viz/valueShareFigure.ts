import type { Figure } from './Figure';
import { groupedShareBars } from './groupedShareBars';

export interface ValueShareOptions {
  title: string;
  customersName: string;
  valueName: string;
  yTitle?: string;
}

/** Per segment its share of the customers beside its share of the customer value (CLV), as grouped bars: where the value sits. */
export function valueShareFigure(segments: readonly { name: string; customerShare: number; valueShare: number | null }[], options: ValueShareOptions): Figure {
  return groupedShareBars(
    segments.map((s) => s.name),
    [
      { name: options.customersName, color: '#9fb3c8', values: segments.map((s) => s.customerShare) },
      { name: options.valueName, color: '#d1495b', values: segments.map((s) => s.valueShare) },
    ],
    options.title,
    options.yTitle,
  );
}
