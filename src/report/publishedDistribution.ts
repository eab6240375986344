import type { DriftDistribution } from '../drift/DriftResult';
import { suppressSmallCells } from './suppressSmallCells';

/** A before/after distribution as the review may publish it: a share is null where it must not be shown. */
export interface PublishedDistribution {
  bins: string[];
  reference: (number | null)[];
  current: (number | null)[];
}

/**
 * The shares of a distribution that the review may print: a bin's share times the rows it was computed on is a
 * count of customers, so a bin holding 1 to min − 1 customers on a side is left blank there, and as the shares
 * of a side add up to 1, a side's single blank takes its next smallest bin with it (suppressSmallCells). Rows
 * are those compared (after sampling, when sampled: fewer than the customers, so it errs on the side of blanks).
 */
export function publishedDistribution(d: DriftDistribution, referenceRows: number, currentRows: number, min: number): PublishedDistribution {
  const side = (shares: readonly number[], rows: number): (number | null)[] => {
    const [published] = suppressSmallCells([shares.map((s) => Math.round(s * rows))], min);
    return published!.map((c, i) => (c === null ? null : shares[i]!));
  };
  return { bins: [...d.bins], reference: side(d.reference, referenceRows), current: side(d.current, currentRows) };
}
