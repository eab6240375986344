import { checkParam } from '../core/errors';
import type { MigrationMatrix } from './DriftResult';
import type { MatchedSegments } from './MatchedSegments';

/** One run's customers: their ids and segment ids (−1 = in no segment: DBSCAN's noise), in the same order. */
export interface RunMembership {
  ids: readonly string[];
  labels: ArrayLike<number>;
}

/** Flows between different segments listed in `biggestFlows`. */
export const DEFAULT_BIGGEST_FLOWS = 5;

/**
 * Where customers went between two runs, customers matched by id (the same pseudonymisation key gives the same
 * ids in both runs). Rows are the reference's segment ids (ascending, −1 last when a run has noise), columns
 * the current run's: first the partner of each row in row order, so matched segments sit on the diagonal,
 * then current segments that are new, −1 last. counts[i][j] holds customers in both runs; customers only in
 * the current run are `newCustomers` (per column), only in the reference `lostCustomers` (per row), so
 * Σcounts + Σlost = totalReference and Σcounts + Σnew = totalCurrent.
 * stayed: in a matched pair of segments; moved: in a segment in both runs, not its partner; cameBack: in no
 * segment last time (−1) and in one now (a subset of row −1). Identical runs give a diagonal matrix.
 */
export function migrationMatrix(reference: RunMembership, current: RunMembership, matching: MatchedSegments, maxFlows = DEFAULT_BIGGEST_FLOWS): MigrationMatrix {
  const who = 'migrationMatrix';
  for (const [side, run] of [['reference', reference], ['current', current]] as const) {
    checkParam(run.ids.length === run.labels.length, `${who} ${side}.labels`, run.labels.length, `one label per id (${run.ids.length})`);
  }
  checkParam(Number.isInteger(maxFlows) && maxFlows >= 0, `${who} maxFlows`, maxFlows, 'a whole number >= 0');
  const byNoiseLast = (a: number, b: number): number => (a < 0 ? 1 : b < 0 ? -1 : a - b);
  const referenceIds = [...new Set(Array.from(reference.labels))].sort(byNoiseLast);
  const present = new Set(Array.from(current.labels));
  const partnerOf = new Map(matching.pairs.map((p) => [p.referenceId, p.currentId]));
  const partnered = new Set<number>();
  const currentIds: number[] = [];
  for (const r of referenceIds) {
    const c = partnerOf.get(r);
    if (c !== undefined && present.has(c)) {
      currentIds.push(c);
      partnered.add(c);
    }
  }
  currentIds.push(...[...present].filter((c) => !partnered.has(c)).sort(byNoiseLast));
  const R = referenceIds.length;
  const C = currentIds.length;
  const row = new Map(referenceIds.map((id, i) => [id, i]));
  const col = new Map(currentIds.map((id, j) => [id, j]));

  // Position of every reference customer, looked up by id (a hash map: ids need not be sorted alike in both runs).
  const refIndex = new Map<string, number>();
  for (let i = 0; i < reference.ids.length; i++) refIndex.set(reference.ids[i]!, i);
  checkParam(refIndex.size === reference.ids.length, `${who} reference.ids`, reference.ids.length - refIndex.size, 'no id twice (duplicates)');
  const refRow = Int32Array.from(reference.labels as ArrayLike<number>, (l) => row.get(l)!);
  const counts = new Float64Array(R * C);
  const newCustomers = new Array<number>(C).fill(0);
  const seen = new Uint8Array(reference.ids.length);
  const curIds = new Set<string>();
  for (let k = 0; k < current.ids.length; k++) {
    const id = current.ids[k]!;
    curIds.add(id);
    const j = col.get(current.labels[k]!)!;
    const i = refIndex.get(id);
    if (i === undefined) newCustomers[j]!++;
    else {
      seen[i] = 1;
      counts[refRow[i]! * C + j]!++;
    }
  }
  checkParam(curIds.size === current.ids.length, `${who} current.ids`, current.ids.length - curIds.size, 'no id twice (duplicates)');
  const lostCustomers = new Array<number>(R).fill(0);
  for (let i = 0; i < reference.ids.length; i++) if (!seen[i]) lostCustomers[refRow[i]!]!++;

  const isPair = (i: number, j: number): boolean => partnerOf.get(referenceIds[i]!) === currentIds[j] && referenceIds[i]! >= 0;
  let stayed = 0;
  let moved = 0;
  const cameBack = new Array<number>(C).fill(0);
  const flows: MigrationMatrix['biggestFlows'] = [];
  const rowTotal = new Float64Array(R);
  for (let i = 0; i < R; i++) {
    rowTotal[i] = lostCustomers[i]!;
    for (let j = 0; j < C; j++) rowTotal[i]! += counts[i * C + j]!;
  }
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      const v = counts[i * C + j]!;
      if (!v) continue;
      const from = referenceIds[i]!;
      const to = currentIds[j]!;
      if (isPair(i, j)) stayed += v;
      else if (from >= 0 && to >= 0) {
        moved += v;
        flows.push({ fromId: from, toId: to, customers: v, shareOfFrom: v / rowTotal[i]! });
      } else if (from < 0 && to >= 0) cameBack[j]! += v;
    }
  }
  flows.sort((a, b) => b.customers - a.customers || a.fromId - b.fromId || a.toId - b.toId);
  return {
    referenceIds,
    currentIds,
    counts: referenceIds.map((_, i) => Array.from(counts.subarray(i * C, (i + 1) * C))),
    newCustomers,
    lostCustomers,
    cameBack,
    stayed,
    moved,
    totalReference: reference.ids.length,
    totalCurrent: current.ids.length,
    biggestFlows: flows.slice(0, maxFlows),
  };
}
