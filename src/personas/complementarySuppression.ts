/**
 * Which counts to leave out of a table whose total is published, so that no count below `min` can be
 * recovered by subtracting the published counts from the total (statistical disclosure control:
 * primary suppression of the small cells, then complementary suppression). A single non-empty suppressed
 * cell is exactly total − published; hiding the smallest published cell as well leaves only the sum of the
 * two, which says nothing exact about either. Empty cells (0) disclose nobody.
 */
export function suppressCells(counts: ArrayLike<number>, min: number): { primary: boolean[]; complementary: boolean[] } {
  const n = counts.length;
  const primary = Array.from({ length: n }, (_, i) => counts[i]! < min);
  const complementary = new Array<boolean>(n).fill(false);
  const hiddenNonEmpty = Array.from({ length: n }, (_, i) => i).filter((i) => primary[i] && counts[i]! > 0);
  if (hiddenNonEmpty.length === 1) {
    let smallest = -1;
    for (let i = 0; i < n; i++) if (!primary[i] && (smallest < 0 || counts[i]! < counts[smallest]!)) smallest = i;
    if (smallest >= 0) complementary[smallest] = true;
  }
  return { primary, complementary };
}
