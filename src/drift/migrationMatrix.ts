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
  const referenceIds = distinct(reference.labels).sort(byNoiseLast);
  const present = new Set(distinct(current.labels));
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
  const refRow = codes(reference.labels, referenceIds);
  const curCol = codes(current.labels, currentIds);

  // Customers in both runs, paired by id: a merge of the two id lists when both are sorted (feature tables are,
  // by customer_id), a hash map otherwise. partner[k] = the reference position of current customer k, or −1.
  const nRef = reference.ids.length;
  const nCur = current.ids.length;
  const partner = new Int32Array(nCur).fill(-1);
  const seen = new Uint8Array(nRef);
  if (increasing(reference.ids) && increasing(current.ids)) {
    let i = 0;
    for (let k = 0; k < nCur; k++) {
      const id = current.ids[k]!;
      while (i < nRef && reference.ids[i]! < id) i++;
      if (i < nRef && reference.ids[i] === id) partner[k] = i;
    }
  } else {
    const refIndex = new Map<string, number>();
    for (let i = 0; i < nRef; i++) refIndex.set(reference.ids[i]!, i);
    checkParam(refIndex.size === nRef, `${who} reference.ids`, nRef - refIndex.size, 'no id twice (duplicates)');
    const curDistinct = new Set(current.ids).size;
    checkParam(curDistinct === nCur, `${who} current.ids`, nCur - curDistinct, 'no id twice (duplicates)');
    for (let k = 0; k < nCur; k++) partner[k] = refIndex.get(current.ids[k]!) ?? -1;
  }
  const counts = new Float64Array(R * C);
  const newCustomers = new Array<number>(C).fill(0);
  for (let k = 0; k < nCur; k++) {
    const i = partner[k]!;
    const j = curCol[k]!;
    if (i < 0) newCustomers[j]!++;
    else {
      seen[i] = 1;
      counts[refRow[i]! * C + j]!++;
    }
  }
  const lostCustomers = new Array<number>(R).fill(0);
  for (let i = 0; i < nRef; i++) if (!seen[i]) lostCustomers[refRow[i]!]!++;

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

/** The distinct values of a label column, in first-seen order. */
function distinct(labels: ArrayLike<number>): number[] {
  const seen = new Set<number>();
  for (let i = 0; i < labels.length; i++) seen.add(labels[i]!);
  return [...seen];
}

/** Each label's position in `ids` (every label is in it). */
function codes(labels: ArrayLike<number>, ids: readonly number[]): Int32Array {
  const at = new Map(ids.map((id, i) => [id, i]));
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = at.get(labels[i]!)!;
  return out;
}

/** Strictly increasing (so also free of duplicates) in JavaScript's string order. */
function increasing(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) return false;
  return true;
}
