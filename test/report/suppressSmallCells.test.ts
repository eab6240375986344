import { describe, expect, it } from 'vitest';
import { suppressSmallCells } from '../../src/report/suppressSmallCells';

describe('suppressSmallCells', () => {
  it('blanks cells below the minimum, keeps zeros, and leaves a table without small cells as it is', () => {
    expect(suppressSmallCells([[100, 0, 200]], 30)).toEqual([[100, 0, 200]]);
    expect(
      suppressSmallCells(
        [
          [500, 12, 300],
          [400, 200, 100],
        ],
        30,
      ),
    ).toEqual([
      // 12 is small; 300 then 200 then 100 are blanked so that no line has one blank its total gives back
      [500, null, null],
      [400, null, null],
    ]);
  });

  it('no line keeps a single blank that a published total would give back', () => {
    const counts = [
      [4200, 300, 150, 2, 48, 100],
      [100, 2600, 60, 1, 39, 100],
      [0, 0, 20, 0, 580, 100],
      [600, 600, 100, 0, 11, 0],
    ];
    const out = suppressSmallCells(counts, 30, (_, j) => j === 3);
    const rows = out.map((r, i) => r.map((c, j) => [c, counts[i]![j]!] as const));
    const columns = counts[0]!.map((_, j) => out.map((r, i) => [r[j]!, counts[i]![j]!] as const));
    let checked = 0;
    for (const line of [...rows, ...columns]) {
      const blanks = line.filter(([c]) => c === null);
      // a wholly blank line is a hidden segment's: its total is not published
      if (blanks.length === line.length) continue;
      expect(blanks.length === 1 && blanks[0]![1] > 0, JSON.stringify(line)).toBe(false);
      checked++;
    }
    expect(checked).toBe(9);
    for (const r of out) expect(r[3]).toBeNull();
    // 48, 39, 20 and 11 are small; 20 is its column's only blank, so 60 goes too; 580 shares its column with three blanks
    expect(out).toEqual([
      [4200, 300, 150, null, null, 100],
      [100, 2600, null, null, null, 100],
      [0, 0, null, null, 580, 100],
      [600, 600, 100, null, null, 0],
    ]);
  });
});
