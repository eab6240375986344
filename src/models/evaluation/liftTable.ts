import { checkParam } from '../../core/errors';
import type { BinaryLabels } from '../ModelEntry';
import { checkBinaryInput, type SampleWeights, type Scores } from './binaryInput';
import { descendingOrder } from './descendingOrder';

export interface LiftRow {
  /** 1 = the highest scores. */
  group: number;
  /** Rows (weight) in the group: total / groups each, ties spread across an edge. */
  rows: number;
  /** Expected positives in the group (weight of 1s). */
  positives: number;
  /** Share of 1s in the group, and lift = that share / the overall share. */
  responseRate: number;
  lift: number;
  /** Share of all rows contacted and of all positives found down to this group (the gains curve), and the cumulative lift. */
  cumulativeShare: number;
  cumulativeGain: number;
  cumulativeLift: number;
  /** Highest and lowest score of a row in the group (a tied score can appear in two groups). */
  maxScore: number;
  minScore: number;
}

export interface LiftTable {
  groups: number;
  /** Overall share of 1s (weighted). */
  baseRate: number;
  rows: LiftRow[];
}

/**
 * Lift and cumulative gains by decile (or `groups` equal groups) of the score, highest first. Ties at an
 * edge are split, not broken by row order: rows with one score form a block whose positives are spread
 * evenly over the block, and the block is cut where the edge falls, so each group holds exactly
 * total / groups rows (fractions of rows at an edge) and the table does not depend on row order — it is
 * the expected table over every order of the tied rows.
 */
export function liftTable(y: BinaryLabels, p: Scores, options: { groups?: number; sampleWeight?: SampleWeights } = {}): LiftTable {
  const { groups = 10 } = options;
  checkParam(Number.isInteger(groups) && groups >= 1 && groups <= 1000, 'liftTable groups', groups, 'a whole number from 1 to 1000');
  const input = checkBinaryInput('liftTable', y, p, options.sampleWeight, { bothClasses: true, pName: 'scores' });
  return liftTableCore(input.y, input.p, input.w, groups);
}

function liftTableCore(y: Uint8Array, p: Float64Array, w: Float64Array | null, groups: number): LiftTable {
  const order = descendingOrder(p);
  const n = order.length;
  let total = 0;
  let totalPos = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === null ? 1 : w[i]!;
    total += wi;
    totalPos += wi * y[i]!;
  }
  const rows = new Float64Array(groups);
  const positives = new Float64Array(groups);
  const maxScore = new Float64Array(groups).fill(NaN);
  const minScore = new Float64Array(groups).fill(NaN);
  let start = 0; // weight before the current block
  let g = 0;
  for (let k = 0; k < n; ) {
    // One block of equal scores.
    const score = p[order[k]!]!;
    let blockW = 0;
    let blockPos = 0;
    let end = k;
    for (; end < n && p[order[end]!] === score; end++) {
      const wi = w === null ? 1 : w[order[end]!]!;
      blockW += wi;
      blockPos += wi * y[order[end]!]!;
    }
    k = end;
    if (blockW === 0) continue;
    const rate = blockPos / blockW;
    let from = start;
    const to = start + blockW;
    while (from < to) {
      // Advance to the group whose upper edge lies beyond `from` (edges (g + 1)·total / groups; the last one is the end).
      while (g < groups - 1 && ((g + 1) * total) / groups <= from) g++;
      const edge = g === groups - 1 ? to : Math.min(to, ((g + 1) * total) / groups);
      const part = edge - from;
      rows[g] += part;
      positives[g] += part * rate;
      if (Number.isNaN(maxScore[g]!)) maxScore[g] = score;
      minScore[g] = score;
      from = edge;
    }
    start = to;
  }
  const baseRate = totalPos / total;
  const out: LiftRow[] = [];
  let cumRows = 0;
  let cumPos = 0;
  for (let g = 0; g < groups; g++) {
    cumRows += rows[g]!;
    cumPos += positives[g]!;
    const responseRate = rows[g]! > 0 ? positives[g]! / rows[g]! : 0;
    out.push({
      group: g + 1,
      rows: rows[g]!,
      positives: positives[g]!,
      responseRate,
      lift: responseRate / baseRate,
      cumulativeShare: cumRows / total,
      cumulativeGain: cumPos / totalPos,
      cumulativeLift: cumRows > 0 ? cumPos / cumRows / baseRate : 0,
      maxScore: maxScore[g]!,
      minScore: minScore[g]!,
    });
  }
  return { groups, baseRate, rows: out };
}
