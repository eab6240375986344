import { checkParam } from '../core/errors';
import type { KpiAlert } from './DriftResult';
import type { MatchedSegments } from './MatchedSegments';
import type { KpiFigure, SegmentFigures } from './segmentFigures';

/** Our users' rule: a key figure that moves more than 15% is worth a line in the review. */
export const DEFAULT_KPI_ALERT_THRESHOLD = 0.15;

const FIGURES: readonly KpiFigure[] = ['size', 'revenue-share', 'aov', 'churn-risk', 'clv'];

/**
 * Every key figure that moved by more than `threshold` (relative to its reference value) between the runs: over
 * all customers, and per matched segment (current id; new and gone segments are the size shift's and the
 * migration's to tell). A figure absent on either side, or 0 in the reference (no relative change), raises none.
 * Order: all customers first, then segments in current id order, figures in a fixed order.
 */
export function kpiAlerts(reference: readonly SegmentFigures[], current: readonly SegmentFigures[], matching: MatchedSegments, threshold = DEFAULT_KPI_ALERT_THRESHOLD): KpiAlert[] {
  checkParam(Number.isFinite(threshold) && threshold > 0, 'kpiAlerts threshold', threshold, 'a relative change > 0 (0.15 = 15%)');
  const refOf = new Map(reference.map((f) => [f.segmentId, f]));
  const curOf = new Map(current.map((f) => [f.segmentId, f]));
  const partner = new Map<number | null, number | null>([[null, null], ...matching.pairs.map((p) => [p.currentId, p.referenceId] as [number, number])]);
  const order = [null, ...[...partner.keys()].filter((k): k is number => k !== null).sort((a, b) => a - b)];
  const alerts: KpiAlert[] = [];
  for (const id of order) {
    const cur = curOf.get(id);
    const ref = refOf.get(partner.get(id)!);
    if (!cur || !ref) continue;
    for (const figure of FIGURES) {
      const r = ref.figures[figure];
      const c = cur.figures[figure];
      if (r === undefined || c === undefined || !Number.isFinite(r) || !Number.isFinite(c) || r === 0) continue;
      const relativeChange = (c - r) / Math.abs(r);
      if (Math.abs(relativeChange) > threshold) alerts.push({ segmentId: id, segmentName: cur.name ?? ref.name, figure, reference: r, current: c, relativeChange, threshold });
    }
  }
  return alerts;
}
