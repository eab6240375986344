import type { RfmGrid } from './PersonaResult';
import { suppressCells } from './complementarySuppression';
import type { SegmentGroups } from './SegmentGroups';

/**
 * Customers by R score × F score (1–5, 5 = best) and the segment that dominates each cell.
 * Cells with fewer than minGroupSize customers are null (and one more when a single small cell could be
 * derived from the total), and so is a dominant segment that is itself suppressed. Customers without scores
 * (no order) are left out.
 */
export function rfmGrid(r: Float64Array, f: Float64Array, groups: SegmentGroups, shown: ReadonlySet<number>, minGroupSize: number): RfmGrid {
  const scores = [1, 2, 3, 4, 5];
  const G = groups.count;
  const cell = new Float64Array(25 * G);
  for (let i = 0; i < r.length; i++) {
    const rs = r[i]!;
    const fs = f[i]!;
    if (!(rs >= 1 && rs <= 5 && fs >= 1 && fs <= 5)) continue;
    cell[((rs - 1) * 5 + (fs - 1)) * G + groups.groupOf[i]!]!++;
  }
  const totals = new Float64Array(25);
  const best = new Int32Array(25);
  for (let c = 0; c < 25; c++) {
    const off = c * G;
    for (let g = 0; g < G; g++) {
      totals[c]! += cell[off + g]!;
      if (cell[off + g]! > cell[off + best[c]!]!) best[c] = g;
    }
  }
  // The cells add up to the customers with scores: one small cell alone could be derived from that total.
  const hidden = suppressCells(totals, minGroupSize);
  const counts: (number | null)[][] = [];
  const dominantSegment: (number | null)[][] = [];
  for (let a = 0; a < 5; a++) {
    const cRow: (number | null)[] = [];
    const dRow: (number | null)[] = [];
    for (let b = 0; b < 5; b++) {
      const c = a * 5 + b;
      const visible = !hidden.primary[c] && !hidden.complementary[c];
      cRow.push(visible ? totals[c]! : null);
      dRow.push(visible && shown.has(groups.ids[best[c]!]!) ? groups.ids[best[c]!]! : null);
    }
    counts.push(cRow);
    dominantSegment.push(dRow);
  }
  return { rScores: scores, fScores: scores, counts, dominantSegment };
}
