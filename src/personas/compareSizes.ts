import { checkParam } from '../core/errors';
import type { SizeChange } from './PersonaResult';

/** A segment as a run published it (suppressed segments carry no size). */
export interface PublishedSize {
  id: number;
  name?: string | null;
  /** The previous name of a segment renamed in this run (current side only). */
  renamedFrom?: string | null;
  size: number | null;
  share: number | null;
}

/** A current segment and the previous segment it was matched to (by their centres). */
export interface SegmentPair {
  current: number;
  previous: number;
}

/** Quarterly reviews raise an alert when a key figure moves by more than 15%. */
export const DEFAULT_ALERT_THRESHOLD = 0.15;

/**
 * Sizes side by side for matched pairs of segments (two runs number their segments alike only when the
 * later one was clustered with `cluster.previous`; ids alone never pair segments). A segment on one side
 * only is new or gone, and always an alert. Rows: this run's segments by id, then the gone ones.
 */
export function compareSizes(
  current: readonly PublishedSize[],
  previous: readonly PublishedSize[],
  pairs: readonly SegmentPair[],
  alertThreshold = DEFAULT_ALERT_THRESHOLD,
): SizeChange[] {
  checkParam(alertThreshold > 0, 'alertThreshold', alertThreshold, 'a positive share, e.g. 0.15 for 15%');
  const cur = new Map(current.map((c) => [c.id, c]));
  const prev = new Map(previous.map((p) => [p.id, p]));
  const previousOf = new Map<number, number>();
  const paired = new Set<number>();
  pairs.forEach((pair, i) => {
    checkParam(cur.has(pair.current) && !previousOf.has(pair.current), `pairs[${i}].current`, pair.current, `a segment of the current run (${[...cur.keys()].join(', ')}) in no other pair`);
    checkParam(prev.has(pair.previous) && !paired.has(pair.previous), `pairs[${i}].previous`, pair.previous, `a segment of the previous run (${[...prev.keys()].join(', ')}) in no other pair`);
    previousOf.set(pair.current, pair.previous);
    paired.add(pair.previous);
  });
  const row = (c: PublishedSize | undefined, p: PublishedSize | undefined): SizeChange => {
    const status: SizeChange['status'] = c && p ? 'kept' : c ? 'new' : 'gone';
    const relativeChange = c?.share != null && p?.share != null && p.share > 0 ? c.share / p.share - 1 : null;
    return {
      currentId: c?.id ?? null,
      previousId: p?.id ?? null,
      name: (c ? c.name : p?.name) ?? null,
      renamedFrom: c?.renamedFrom ?? null,
      previousSize: p?.size ?? null,
      currentSize: c?.size ?? null,
      previousShare: p?.share ?? null,
      currentShare: c?.share ?? null,
      relativeChange,
      alert: status !== 'kept' || (relativeChange !== null && Math.abs(relativeChange) > alertThreshold),
      status,
    };
  };
  const byId = (a: PublishedSize, b: PublishedSize): number => a.id - b.id;
  return [
    ...[...current].sort(byId).map((c) => row(c, previousOf.has(c.id) ? prev.get(previousOf.get(c.id)!) : undefined)),
    ...[...previous].sort(byId).filter((p) => !paired.has(p.id)).map((p) => row(undefined, p)),
  ];
}
