import type { Figure } from './Figure';
import { groupedShareBars } from './groupedShareBars';

export interface SizeComparisonOptions {
  title: string;
  previousName: string;
  currentName: string;
  yTitle?: string;
}

/** Share of customers per segment in the previous and the current run, as grouped bars. null = absent then. */
export function sizeComparisonFigure(segments: readonly { name: string; previousShare: number | null; currentShare: number | null }[], options: SizeComparisonOptions): Figure {
  return groupedShareBars(
    segments.map((s) => s.name),
    [
      { name: options.previousName, color: '#9fb3c8', values: segments.map((s) => s.previousShare) },
      { name: options.currentName, color: '#2f6690', values: segments.map((s) => s.currentShare) },
    ],
    options.title,
    options.yTitle,
  );
}
