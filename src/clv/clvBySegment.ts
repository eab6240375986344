import { checkParam, usageError } from '../core/errors';

/** One segment of clvBySegment. */
export interface ClvSegmentRow {
  segment: string;
  customers: number;
  /** Share of the customers. */
  share: number;
  /** Σ CLV of its customers. */
  totalClv: number;
  /** Share of the total CLV: where the value is. */
  valueShare: number;
  meanClv: number;
  meanProbabilityAlive: number;
  /** Σ expected purchases over the predictions' horizon. */
  expectedPurchases: number;
}

/**
 * CLV per segment: customers, total and mean CLV, share of the value, mean P(alive) and expected purchases, largest
 * total first. `segments[i]` names customer i's segment (any segmentation: RFM segments, clusters, value bands) and
 * the arrays are predictCustomers' (or any with one value per customer, in the same order).
 */
export function clvBySegment(segments: readonly string[], predictions: { clv: ArrayLike<number>; probabilityAlive: ArrayLike<number>; expectedPurchases: ArrayLike<number> }): ClvSegmentRow[] {
  checkParam(Array.isArray(segments) && segments.length > 0, 'clvBySegment segments', segments, 'one segment name per customer');
  const n = segments.length;
  for (const key of ['clv', 'probabilityAlive', 'expectedPurchases'] as const) {
    if (predictions?.[key]?.length !== n) throw usageError('clvBySegment', `predictions.${key} has ${predictions?.[key]?.length ?? 'no'} values and segments ${n}`, 'pass the segments and the predictions of the same customers, in the same order');
  }
  const rows = new Map<string, { customers: number; clv: number; alive: number; expected: number }>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const key = segments[i]!;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { customers: 0, clv: 0, alive: 0, expected: 0 }));
    row.customers++;
    row.clv += predictions.clv[i]!;
    row.alive += predictions.probabilityAlive[i]!;
    row.expected += predictions.expectedPurchases[i]!;
    total += predictions.clv[i]!;
  }
  return [...rows.entries()]
    .map(([segment, r]) => ({ segment, customers: r.customers, share: r.customers / n, totalClv: r.clv, valueShare: total !== 0 ? r.clv / total : 0, meanClv: r.clv / r.customers, meanProbabilityAlive: r.alive / r.customers, expectedPurchases: r.expected }))
    .sort((a, b) => b.totalClv - a.totalClv || a.segment.localeCompare(b.segment));
}
