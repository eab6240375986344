import { describe, expect, it } from 'vitest';
import { compareNumeric, numericTraits } from '../../src/personas/numericTraits';
import { SegmentGroups } from '../../src/personas/SegmentGroups';

describe('numericTraits', () => {
  // Segment 0 = rows 0-1, segment 1 = rows 2-3.
  const groups = new SegmentGroups([0, 0, 1, 1]);
  const numeric = {
    orders_30d: Float64Array.from([2, 2, 0, 0]),
    orders_90d: Float64Array.from([4, 2, 0, 2]),
    open_rate: Float64Array.from([0.5, 0.7, 0.1, 0.1]),
    orders_trend: Float64Array.from([0.5, 0.3, -0.2, -0.6]),
    constant: Float64Array.from([1, 1, 1, 1]),
  };
  const units: Record<string, string> = { orders_30d: 'orders', orders_90d: 'orders', open_rate: 'ratio', orders_trend: 'ratio' };
  const comparisons = compareNumeric(numeric, Object.keys(numeric), groups);
  const traits = numericTraits(comparisons, 0, 10, (f) => f, (f) => units[f] ?? null);

  it('skips constant columns and computes the standardised difference by hand', () => {
    expect(comparisons.map((c) => c.feature)).not.toContain('constant');
    // orders_30d: base mean 1, population sd 1, segment 0 mean 2 → d = 1, lift 2
    const o30 = traits.find((t) => t.feature === 'orders_30d')!;
    expect(o30).toMatchObject({ segmentMean: 2, baseMean: 1, baseSd: 1, stdDiff: 1, lift: 2, direction: 'higher' });
  });

  it('keeps one window per feature family: the strongest', () => {
    // orders_90d: base mean 2, sd sqrt(2), segment mean 3 → d = 0.707 < 1: orders_30d wins the family.
    expect(traits.map((t) => t.feature).filter((f) => f.startsWith('orders_') && f !== 'orders_trend')).toEqual(['orders_30d']);
  });

  it('reads a ratio between 0 and 1 as a share; a ratio with negatives stays a ratio without lift', () => {
    expect(traits.find((t) => t.feature === 'open_rate')!.unit).toBe('share');
    const trend = traits.find((t) => t.feature === 'orders_trend')!;
    expect(trend.unit).toBe('ratio');
    expect(trend.lift).toBeNull();
  });

  it('orders traits by |d|', () => {
    const abs = traits.map((t) => Math.abs(t.stdDiff));
    expect(abs).toEqual([...abs].sort((a, b) => b - a));
  });
});
