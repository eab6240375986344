import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckSession } from '../../src/data/DuckSession';
import { fmScore, NO_PURCHASE_SEGMENT, RFM_GRID, RFM_SEGMENTS, rfmSegment, rfmSegmentSql } from '../../src/features/rfmSegment';

describe('rfmSegment (R x FM map)', () => {
  it('FM is (F + M) / 2 rounded half up', () => {
    expect(fmScore(1, 1)).toBe(1);
    expect(fmScore(1, 2)).toBe(2); // 1.5 → 2
    expect(fmScore(2, 3)).toBe(3); // 2.5 → 3
    expect(fmScore(4, 5)).toBe(5); // 4.5 → 5
    expect(fmScore(5, 1)).toBe(3);
  });

  it.each([
    // [R, F, M, expected, FM]
    [5, 5, 5, 'Champions'], // FM 5
    [5, 4, 3, 'Champions'], // FM 4 (3.5 → 4)
    [4, 5, 5, 'Champions'], // FM 5
    [4, 4, 4, 'Loyal'], // FM 4
    [3, 5, 4, 'Loyal'], // FM 5 (4.5 → 5)
    [5, 3, 3, 'Loyal'], // FM 3
    [5, 2, 2, 'Potential loyalists'], // FM 2
    [4, 3, 2, 'Potential loyalists'], // FM 3 (2.5 → 3)
    [3, 3, 3, 'Potential loyalists'],
    [5, 1, 1, 'New'], // FM 1
    [4, 1, 1, 'Promising'],
    [3, 1, 1, 'Promising'],
    [3, 2, 1, 'Need attention'], // FM 2 (1.5 → 2)
    [2, 3, 2, 'Need attention'], // FM 3
    [2, 1, 1, 'About to sleep'],
    [2, 5, 4, 'At risk'], // FM 5
    [1, 3, 3, 'At risk'],
    [1, 4, 5, "Can't lose them"], // FM 5
    [1, 4, 4, "Can't lose them"],
    [1, 2, 2, 'Hibernating'],
    [1, 1, 2, 'Hibernating'], // FM 2 (1.5 → 2)
    [1, 1, 1, 'Lost'],
  ] as const)('R %i F %i M %i → %s', (r, f, m, expected) => {
    expect(rfmSegment(r, f, m)).toBe(expected);
  });

  it('the grid uses every one of the 11 segments and nothing else', () => {
    const used = new Set(RFM_GRID.flat());
    expect([...used].sort()).toEqual([...RFM_SEGMENTS].sort());
    expect(RFM_GRID).toHaveLength(5);
    for (const row of RFM_GRID) expect(row).toHaveLength(5);
  });

  it('rejects scores outside 1..5, naming the score', () => {
    expect(() => rfmSegment(0, 3, 3)).toThrow(/Invalid r score: got 0, expected an integer 1\.\.5/);
    expect(() => rfmSegment(3, 6, 3)).toThrow(/Invalid f score/);
    expect(() => rfmSegment(3, 3, 2.5)).toThrow(/Invalid m score/);
  });

  describe('SQL CASE', () => {
    let session: DuckSession;
    beforeAll(async () => {
      session = await DuckSession.open({ threads: 1 });
    });
    afterAll(() => session.close());

    it('agrees with the TypeScript map on all 125 (R, F, M) combinations and maps NULL R to no purchase', async () => {
      const rows = await session.all(`
        SELECT r, f, m, ${rfmSegmentSql('r', 'CAST(floor((f + m + 1) / 2.0) AS INTEGER)')} AS segment
        FROM range(1, 6) a(r), range(1, 6) b(f), range(1, 6) c(m)
        UNION ALL SELECT NULL, NULL, NULL, ${rfmSegmentSql('NULL', 'NULL')}`);
      expect(rows).toHaveLength(126);
      for (const row of rows) {
        const expected = row.r === null ? NO_PURCHASE_SEGMENT : rfmSegment(Number(row.r), Number(row.f), Number(row.m));
        expect(row.segment, `R ${row.r} F ${row.f} M ${row.m}`).toBe(expected);
      }
    });
  });
});
