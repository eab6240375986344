import { barChart } from './barChart';
import type { Figure } from './Figure';

/**
 * Customers per category (e.g. RFM segment), largest first. `order` fixes the order of known labels
 * (e.g. RFM segments from best to worst); missing values count as "(missing)".
 */
export function countsFigure(values: readonly (string | null)[], options: { title: string; xTitle?: string; order?: readonly string[] }): Figure {
  const counts = new Map<string, number>();
  for (const v of values) {
    const k = v ?? '(missing)';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const labels = [...counts.keys()].sort((a, b) => {
    const ia = options.order?.indexOf(a) ?? -1;
    const ib = options.order?.indexOf(b) ?? -1;
    if (ia >= 0 || ib >= 0) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
    return counts.get(b)! - counts.get(a)!;
  });
  return barChart(labels, labels.map((l) => counts.get(l)!), { title: options.title, xTitle: options.xTitle, yTitle: 'customers' });
}
