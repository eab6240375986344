/**
 * A table of counts as the review may publish it: a cell below `min` customers (but above zero) is blanked
 * (null), and so is every cell the caller marks `hidden` (a suppressed segment's row or column). Row and
 * column totals are published elsewhere (segment sizes, new and lost customers), so a line's only blank
 * could be recovered by subtraction: while a line has a single blank that holds anyone, its smallest other
 * non-zero cell is blanked too (secondary suppression, as the personas hide a second segment). Zeros stay
 * shown: they count no one.
 */
export function suppressSmallCells(counts: readonly (readonly number[])[], min: number, hidden: (row: number, column: number) => boolean = () => false): (number | null)[][] {
  const out: (number | null)[][] = counts.map((r, i) => r.map((c, j) => (hidden(i, j) || (c > 0 && c < min) ? null : c)));
  const rows = out.length;
  const columns = out[0]?.length ?? 0;
  // Each pass blanks at least one more cell or stops, so this ends within rows × columns passes.
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < rows; i++) changed = protect(Array.from({ length: columns }, (_, j): [number, number] => [i, j])) || changed;
    for (let j = 0; j < columns; j++) changed = protect(Array.from({ length: rows }, (_, i): [number, number] => [i, j])) || changed;
  }
  return out;

  /** One line (cells by position): when its blanks can be recovered and say something, blank its smallest non-zero shown cell. */
  function protect(line: [number, number][]): boolean {
    const blanks = line.filter(([i, j]) => out[i]![j] === null);
    const inBlanks = blanks.reduce((a, [i, j]) => a + counts[i]![j]!, 0);
    if (blanks.length !== 1 || inBlanks === 0) return false;
    let pick: [number, number] | null = null;
    for (const [i, j] of line) {
      const v = out[i]![j];
      if (v !== null && v !== undefined && v > 0 && (pick === null || v < out[pick[0]]![pick[1]]!)) pick = [i, j];
    }
    if (!pick) return false;
    out[pick[0]]![pick[1]] = null;
    return true;
  }
}
