import { describe, expect, it } from 'vitest';
import { publishedDistribution } from '../../src/report/publishedDistribution';

describe('publishedDistribution', () => {
  it('blanks a bin of fewer than the minimum customers (share × rows), and the next smallest with a lone blank; zeros stay', () => {
    const d = publishedDistribution({ bins: ['a', 'b', 'c'], reference: [0.002, 0.498, 0.5], current: [0, 0.5, 0.5] }, 10_000, 10_000, 50);
    expect(d.bins).toEqual(['a', 'b', 'c']);
    // 20 customers in "a": blank, and 4,980 in "b" with it (else 1 − 0.5 gives "a" back)
    expect(d.reference).toEqual([null, null, 0.5]);
    expect(d.current).toEqual([0, 0.5, 0.5]);
  });

  it('publishes everything when every bin holds enough customers, on the rows of its own side', () => {
    const d = publishedDistribution({ bins: ['x', 'y'], reference: [0.1, 0.9], current: [0.1, 0.9] }, 1000, 400, 50);
    expect(d.reference).toEqual([0.1, 0.9]);
    // 40 customers in "x" this quarter: blank, with "y"
    expect(d.current).toEqual([null, null]);
  });
});
