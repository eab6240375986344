import { describe, expect, it } from 'vitest';
import { rfmSegment, summaryRfmScores } from '../../src';
import { HAVE_CDNOW, readCdnowSummary } from './cdnow';

describe('summaryRfmScores', () => {
  it('quintiles as ntile(5), ties at their lowest tile; R from T − recency (recent is 5)', () => {
    // 10 customers of age 20: customer 0 never repeated (20 weeks since its purchase), customer i last bought 10 − i weeks ago.
    const n = 10;
    const T = Array.from({ length: n }, () => 20);
    const recency = Array.from({ length: n }, (_, i) => (i === 0 ? 0 : 10 + i));
    const frequency = Array.from({ length: n }, (_, i) => i);
    const s = summaryRfmScores({ frequency, recency, T, monetaryValue: Array.from({ length: n }, () => 10) });
    // Frequencies 0..9 in increasing order: two per tile.
    expect(Array.from(s.f)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // The oldest last purchase is R 1, the most recent R 5.
    expect(s.r[0]).toBe(1);
    expect(s.r[9]).toBe(5);
    // Ties: ntile alone puts the three spends of 0 in tiles 1, 2 and 3; tied, they share tile 1.
    const tied = summaryRfmScores({ frequency: [0, 0, 0, 1, 2], recency: [0, 0, 0, 5, 6], T: [10, 10, 10, 10, 10], monetaryValue: [0, 0, 0, 3, 3] });
    expect(Array.from(tied.m)).toEqual([1, 1, 1, 4, 5]);
  });

  it.skipIf(!HAVE_CDNOW)('on CDNOW: scores for every customer, quintiles (tiles 1..5 used), each naming an RFM segment', () => {
    const c = readCdnowSummary();
    const s = summaryRfmScores({ frequency: c.frequency, recency: c.recency, T: c.T, monetaryValue: c.monetaryValue });
    expect(s.r).toHaveLength(2357);
    expect(new Set(s.r)).toEqual(new Set([1, 2, 3, 4, 5]));
    const segments = new Set(Array.from(s.r, (r, i) => rfmSegment(r, s.f[i]!, s.m[i]!)));
    expect(segments.has('Champions')).toBe(true);
  });
});
