import type { DriftReport } from '../drift/DriftResult';
import type { ReportContext } from './defineSection';

/**
 * The segments of a drift report as the review may name them. The current run's suppressed segments
 * (personas) stay hidden, and so does any segment of either run with fewer than minGroupSize customers
 * there (the reference run was never suppressed by this review); when that hides exactly one segment of a
 * run, its next smallest is hidden too, so the hidden size cannot be derived from the total.
 */
export interface DriftSegments {
  /** A reference-run segment: this run's name when it matched a shown segment, else its own name or "Segment N of the previous run". */
  referenceName(id: number): string;
  currentName(id: number): string;
  referenceHidden(id: number): boolean;
  currentHidden(id: number): boolean;
  /** Whether a current segment's matched previous segment is hidden (its figures then are not published either). */
  partnerHidden(currentId: number): boolean;
  /** Hidden segments of either run, as notes ("Segment 3: fewer than 30 customers, not shown"). */
  notes(): string[];
}

/** Customers per segment in each run: from the size shift, else from the migration matrix's lines. */
function sizes(drift: DriftReport): { reference: Map<number, number>; current: Map<number, number> } {
  const reference = new Map<number, number>();
  const current = new Map<number, number>();
  if (drift.sizeShift) {
    for (const s of drift.sizeShift.segments) {
      if (s.referenceId !== null) reference.set(s.referenceId, s.referenceCustomers);
      if (s.currentId !== null) current.set(s.currentId, s.currentCustomers);
    }
  }
  const mg = drift.migration;
  if (mg) {
    mg.referenceIds.forEach((id, i) => {
      if (!reference.has(id)) reference.set(id, (mg.counts[i] ?? []).reduce((a, b) => a + b, 0) + (mg.lostCustomers[i] ?? 0));
    });
    mg.currentIds.forEach((id, j) => {
      if (!current.has(id)) current.set(id, mg.counts.reduce((a, r) => a + (r[j] ?? 0), 0) + (mg.newCustomers[j] ?? 0) + (mg.cameBack[j] ?? 0));
    });
  }
  return { reference, current };
}

/**
 * Ids to hide: those given (already suppressed with their complement), those with 1..min−1 customers, and
 * the next smallest when the small ones alone make exactly one.
 */
function hide(size: Map<number, number>, given: readonly number[], min: number): Set<number> {
  const hidden = new Set(given);
  let added = false;
  for (const [id, n] of size) {
    if (n > 0 && n < min && !hidden.has(id)) {
      hidden.add(id);
      added = true;
    }
  }
  if (added && hidden.size === 1) {
    const next = [...size].filter(([id, n]) => !hidden.has(id) && n > 0).sort((a, b) => a[1] - b[1] || a[0] - b[0])[0];
    if (next) hidden.add(next[0]);
  }
  return hidden;
}

export function driftSegments(drift: DriftReport, ctx: ReportContext): DriftSegments {
  const { seg, common, fmt } = ctx;
  const min = ctx.data.personas.minGroupSize;
  const size = sizes(drift);
  const currentHidden = hide(size.current, seg.suppressedIds, min);
  const matchOf = new Map<number, { currentId: number | null; name: string | null }>();
  for (const s of drift.sizeShift?.segments ?? []) if (s.referenceId !== null) matchOf.set(s.referenceId, { currentId: s.currentId, name: s.name });
  // A previous segment matched to a hidden one is hidden with it: its row would name and size it.
  const matchedToHidden = [...matchOf].filter(([, x]) => x.currentId !== null && currentHidden.has(x.currentId)).map(([id]) => id);
  const referenceHidden = hide(size.reference, matchedToHidden, min);
  const currentName = (id: number): string => seg.name(id);
  // A gone segment's name as this review's own comparison publishes it (in the review's language), else the drift report's.
  const goneName = new Map((ctx.data.changes?.segments ?? []).filter((c) => c.currentId === null && c.previousId !== null && c.name !== null).map((c) => [c.previousId!, c.name!]));
  return {
    currentName,
    referenceName: (id) => {
      const match = matchOf.get(id);
      if (match?.currentId !== null && match?.currentId !== undefined && seg.isShown(match.currentId)) return currentName(match.currentId);
      return goneName.get(id) ?? match?.name ?? common.previousSegmentName(id);
    },
    referenceHidden: (id) => referenceHidden.has(id),
    partnerHidden: (currentId) => [...matchOf].some(([ref, x]) => x.currentId === currentId && referenceHidden.has(ref)),
    currentHidden: (id) => currentHidden.has(id),
    notes: () => {
      const n = fmt.integer(min);
      const why = (small: boolean) => (small ? 'small' : 'complementary');
      const current = [...currentHidden].sort((a, b) => a - b).map((id) => common.suppressedSegment(id, n, seg.suppressedIds.includes(id) ? seg.whySuppressed(id) : why((size.current.get(id) ?? 0) < min)));
      // A reference segment matched to a hidden current one is said once, under the current id.
      const reference = [...referenceHidden]
        .filter((id) => { const c = matchOf.get(id)?.currentId; return c === null || c === undefined || !currentHidden.has(c); })
        .sort((a, b) => a - b)
        .map((id) => common.suppressedPreviousSegment(id, n, why((size.reference.get(id) ?? 0) < min)));
      return [...current, ...reference];
    },
  };
}
