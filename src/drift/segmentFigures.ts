import { checkParam } from '../core/errors';
import type { KpiAlert } from './DriftResult';

export type KpiFigure = KpiAlert['figure'];

/** The key figures of one segment (segmentId null: all customers) that the alert rule watches; a figure the data lacks is absent. */
export interface SegmentFigures {
  segmentId: number | null;
  name: string | null;
  figures: Partial<Record<KpiFigure, number>>;
}

/**
 * Per-customer columns the figures come from (any may be absent), as the review's KPIs define them:
 * revenue = spend of the last 12 months (else all-time), AOV = all spend / all orders, churn risk and CLV = means.
 */
export interface FigureColumns {
  revenue?: Float64Array;
  spend?: Float64Array;
  orders?: Float64Array;
  churnRisk?: Float64Array;
  clv?: Float64Array;
}

/**
 * Size, revenue share, AOV, churn risk and CLV per segment (ids ascending; noise, −1, left out) and over all
 * customers (first, segmentId null; its revenue share is 1 by definition and left out). One pass per column;
 * missing values (NaN) are left out of sums and means.
 */
export function segmentFigures(labels: ArrayLike<number>, names: ReadonlyMap<number, string | null>, columns: FigureColumns): SegmentFigures[] {
  const n = labels.length;
  for (const [k, col] of Object.entries(columns)) if (col) checkParam(col instanceof Float64Array && col.length === n, `segmentFigures columns.${k}`, col.length, `a Float64Array of ${n} values (one per label)`);
  const ids = [...new Set(Array.from(labels))].filter((l) => l >= 0).sort((a, b) => a - b);
  const G = ids.length;
  const slot = new Map(ids.map((id, g) => [id, g]));
  const group = new Int32Array(n);
  const size = new Float64Array(G + 1);
  for (let i = 0; i < n; i++) {
    const g = slot.get(labels[i]!) ?? -1;
    group[i] = g;
    if (g >= 0) size[g]!++;
  }
  // Group G is everyone (noise included).
  size[G] = n;
  const sums = (col: Float64Array): { sum: Float64Array; count: Float64Array } => {
    const sum = new Float64Array(G + 1);
    const count = new Float64Array(G + 1);
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (v !== v) continue;
      const g = group[i]!;
      if (g >= 0) {
        sum[g]! += v;
        count[g]!++;
      }
      sum[G]! += v;
      count[G]!++;
    }
    return { sum, count };
  };
  const out: SegmentFigures[] = [{ segmentId: null, name: null, figures: { size: n } }, ...ids.map((id, g) => ({ segmentId: id, name: names.get(id) ?? null, figures: { size: size[g]! } as SegmentFigures['figures'] }))];
  const at = (g: number): SegmentFigures => (g === G ? out[0]! : out[g + 1]!);
  if (columns.revenue) {
    const { sum } = sums(columns.revenue);
    if (sum[G]! !== 0) for (let g = 0; g < G; g++) at(g).figures['revenue-share'] = sum[g]! / sum[G]!;
  }
  if (columns.spend && columns.orders) {
    // A customer missing either is left out of both sums (as the review's KPI does).
    const spend = columns.spend;
    const orders = columns.orders;
    const sn = new Float64Array(G + 1);
    const so = new Float64Array(G + 1);
    for (let i = 0; i < n; i++) {
      const a = spend[i]!;
      const b = orders[i]!;
      if (a !== a || b !== b) continue;
      const g = group[i]!;
      if (g >= 0) {
        sn[g]! += a;
        so[g]! += b;
      }
      sn[G]! += a;
      so[G]! += b;
    }
    for (let g = 0; g <= G; g++) if (so[g]! > 0) at(g).figures.aov = sn[g]! / so[g]!;
  }
  for (const figure of ['churn-risk', 'clv'] as const) {
    const col = figure === 'clv' ? columns.clv : columns.churnRisk;
    if (!col) continue;
    const { sum, count } = sums(col);
    for (let g = 0; g <= G; g++) if (count[g]! > 0) at(g).figures[figure] = sum[g]! / count[g]!;
  }
  return out;
}
