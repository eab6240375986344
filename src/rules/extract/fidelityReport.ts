import { usageError } from '../../core/errors';

export interface SegmentFidelity {
  id: number;
  /** Of the rows the rules put in this segment, the share that belong there (0 when none is put there). */
  precision: number;
  /** Of the rows that belong to this segment, the share the rules put there (0 when none belongs). */
  recall: number;
  /** Rows that belong to this segment. */
  support: number;
}

export interface FidelityReport {
  rows: number;
  /** Share of rows whose rule segment equals the actual label. */
  accuracy: number;
  /** Share of rows matched by a segment rule rather than left to the fallback. */
  coverage: number;
  perSegment: SegmentFidelity[];
  /** counts[a][p] = rows with actual ids[a] and predicted ids[p]. */
  confusion: { ids: number[]; counts: number[][] };
}

export interface FidelityOptions {
  /** Per row, 1 when a segment rule matched (firstMatchingRule(...) >= 0); the coverage is read from it. */
  matched?: ArrayLike<number | boolean>;
  /** Without `matched`: rows predicted as this id count as not covered. */
  fallbackId?: number;
}

/**
 * How faithfully rule segments reproduce the labels. perSegment follows segmentIds; the confusion
 * matrix covers segmentIds plus any other id seen, in ascending order. Coverage comes from
 * `options.matched`, else from `options.fallbackId`, else it is the share of rows predicted as one
 * of segmentIds.
 */
export function fidelityReport(predicted: ArrayLike<number>, actual: ArrayLike<number>, segmentIds: readonly number[], options: FidelityOptions = {}): FidelityReport {
  const n = actual.length;
  if (predicted.length !== n) throw usageError('fidelityReport', `predicted has ${predicted.length} values, actual has ${n}`);
  if (options.matched && options.matched.length !== n) throw usageError('fidelityReport', `matched has ${options.matched.length} values, actual has ${n}`);
  const idSet = new Set(segmentIds);
  const all = new Set<number>(segmentIds);
  for (let i = 0; i < n; i++) {
    all.add(predicted[i]!);
    all.add(actual[i]!);
  }
  const ids = [...all].sort((a, b) => a - b);
  const pos = new Map(ids.map((id, j) => [id, j]));
  const counts = ids.map(() => new Array<number>(ids.length).fill(0));
  let correct = 0;
  let covered = 0;
  for (let i = 0; i < n; i++) {
    const p = predicted[i]!;
    const a = actual[i]!;
    counts[pos.get(a)!]![pos.get(p)!]!++;
    if (p === a) correct++;
    if (options.matched) covered += options.matched[i] ? 1 : 0;
    else if (options.fallbackId !== undefined) covered += p !== options.fallbackId ? 1 : 0;
    else covered += idSet.has(p) ? 1 : 0;
  }
  const perSegment = segmentIds.map((id) => {
    const j = pos.get(id)!;
    const tp = counts[j]![j]!;
    const predictedCount = counts.reduce((s, row) => s + row[j]!, 0);
    const support = counts[j]!.reduce((s, v) => s + v, 0);
    return { id, precision: predictedCount ? tp / predictedCount : 0, recall: support ? tp / support : 0, support };
  });
  return { rows: n, accuracy: n ? correct / n : 0, coverage: n ? covered / n : 0, perSegment, confusion: { ids, counts } };
}
