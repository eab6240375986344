import { describe, expect, it } from 'vitest';
import { ABOVE_COLOR, BELOW_COLOR, traitBarFigure } from '../../src/viz/traitBarFigure';

describe('traitBarFigure', () => {
  it('horizontal bars coloured by sign, range padded for the printed values', () => {
    const f = traitBarFigure(
      [
        { label: 'Orders', stdDiff: 1.23456 },
        { label: 'Recency', stdDiff: -0.8 },
      ],
      { title: 'Top traits', xTitle: 'SD' },
    );
    const t = f.data[0]!;
    expect(t.x).toEqual([1.23, -0.8]);
    expect((t.marker as { color: string[] }).color).toEqual([ABOVE_COLOR, BELOW_COLOR]);
    const [lo, hi] = (f.layout.xaxis as { range: number[] }).range;
    expect(lo).toBeLessThan(-0.8);
    expect(hi).toBeGreaterThan(1.23);
    expect((f.layout.yaxis as { ticktext: string[] }).ticktext).toEqual(['Orders', 'Recency']);
  });
});
