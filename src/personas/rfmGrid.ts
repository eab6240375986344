import type { RfmGrid } from './PersonaResult';
import type { SegmentGroups } from './SegmentGroups';

/**
 * Customers by R score × F score (1–5, 5 = best) and the segment that dominates each cell.
 * Cells with fewer than minGroupSize customers are null, and so is a dominant segment that is
 * itself suppressed. Customers without scores (no order) are left out.
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
  const counts: (number | null)[][] = [];
  const dominantSegment: (number | null)[][] = [];
  for (let a = 0; a < 5; a++) {
    const cRow: (number | null)[] = [];
    const dRow: (number | null)[] = [];
    for (let b = 0; b < 5; b++) {
      const off = (a * 5 + b) * G;
      let total = 0;
      let best = 0;
      for (let g = 0; g < G; g++) {
        total += cell[off + g]!;
        if (cell[off + g]! > cell[off + best]!) best = g;
      }
      const visible = total >= minGroupSize;
      cRow.push(visible ? total : null);
      dRow.push(visible && shown.has(groups.ids[best]!) ? groups.ids[best]! : null);
    }
    counts.push(cRow);
    dominantSegment.push(dRow);
  }
  return { rScores: scores, fScores: scores, counts, dominantSegment };
}
