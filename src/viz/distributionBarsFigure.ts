import type { Figure } from './Figure';
import { groupedShareBars } from './groupedShareBars';

export interface DistributionBarsOptions {
  title: string;
  referenceName: string;
  currentName: string;
  yTitle?: string;
  /** Chart height: several sit side by side in the review, so they are small (default 240). */
  height?: number;
}

/**
 * One column's before/after distribution (shares per bin on the reference's bins) as small grouped bars:
 * the picture beside a drift test, earlier period pale, current period dark. A null share is a gap (a bin the
 * review may not publish).
 */
export function distributionBarsFigure(distribution: { bins: readonly string[]; reference: readonly (number | null)[]; current: readonly (number | null)[] }, options: DistributionBarsOptions): Figure {
  const { bins, reference, current } = distribution;
  if (reference.length !== bins.length || current.length !== bins.length) {
    throw new Error(`distributionBarsFigure: ${bins.length} bins but ${reference.length} reference and ${current.length} current shares`);
  }
  const figure = groupedShareBars(
    bins,
    [
      { name: options.referenceName, color: '#9fb3c8', values: reference },
      { name: options.currentName, color: '#2f6690', values: current },
    ],
    options.title,
    options.yTitle,
  );
  figure.layout.height = options.height ?? 240;
  figure.layout.margin = { l: 50, r: 10, t: 60, b: 50 };
  return figure;
}
