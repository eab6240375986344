import { checkParam } from '../core/errors';
import type { SizeChange } from './PersonaResult';

/** A segment as a run published it (suppressed segments carry no size). */
export interface PublishedSize {
  id: number;
  name?: string | null;
  size: number | null;
  share: number | null;
}

/** Quarterly reviews raise an alert when a key figure moves by more than 15%. */
export const DEFAULT_ALERT_THRESHOLD = 0.15;

/**
 * Sizes side by side for segments matched by id across two runs (the cluster stage keeps ids with
 * `cluster.previous`). A segment present on one side only is new or gone, and always an alert.
 */
export function compareSizes(current: readonly PublishedSize[], previous: readonly PublishedSize[], alertThreshold = DEFAULT_ALERT_THRESHOLD): SizeChange[] {
  checkParam(alertThreshold > 0, 'alertThreshold', alertThreshold, 'a positive share, e.g. 0.15 for 15%');
  const prev = new Map(previous.map((p) => [p.id, p]));
  const cur = new Map(current.map((c) => [c.id, c]));
  const ids = [...new Set([...cur.keys(), ...prev.keys()])].sort((a, b) => a - b);
  return ids.map((id) => {
    const c = cur.get(id);
    const p = prev.get(id);
    const status: SizeChange['status'] = c && p ? 'kept' : c ? 'new' : 'gone';
    const relativeChange = c?.share != null && p?.share != null && p.share > 0 ? c.share / p.share - 1 : null;
    return {
      id,
      name: c?.name ?? p?.name ?? null,
      previousSize: p?.size ?? null,
      currentSize: c?.size ?? null,
      previousShare: p?.share ?? null,
      currentShare: c?.share ?? null,
      relativeChange,
      alert: status !== 'kept' || (relativeChange !== null && Math.abs(relativeChange) > alertThreshold),
      status,
    };
  });
}
