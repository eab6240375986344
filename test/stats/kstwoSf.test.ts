import { describe, expect, it } from 'vitest';
import { kstwoSf, smirnovSf } from '../../src';
import { reference } from '../drift/reference';

describe('kstwoSf equals scipy.stats.kstwo.sf (scipy 1.10, stored values) in every region scipy uses', () => {
  it.each(reference.kstwo.map((c) => [c.n, c.x, c.sf] as const))('kstwo.sf at n = %d, x = %s', (n, x, sf) => {
    const ours = kstwoSf(n, x);
    expect(Math.abs(ours - sf)).toBeLessThanOrEqual(1e-9);
    if (sf > 0) expect(Math.abs(ours - sf) / sf).toBeLessThan(1e-8);
  });
});

describe('smirnovSf', () => {
  it('closed forms: n = 1, x at 0 and 1, x ≤ 1/n', () => {
    expect(smirnovSf(1, 0.3)).toBeCloseTo(0.7, 15);
    expect(smirnovSf(10, 0)).toBe(1);
    expect(smirnovSf(10, 1)).toBe(0);
    // P(D+ ≥ x) = 1 − x(1 + x)^(n−1) for x ≤ 1/n.
    expect(smirnovSf(4, 0.2)).toBeCloseTo(1 - 0.2 * 1.2 ** 3, 14);
    expect(smirnovSf(4, 1.2)).toBeNaN();
  });
});
