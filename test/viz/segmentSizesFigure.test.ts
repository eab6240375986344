import { describe, expect, it } from 'vitest';
import { segmentSizesFigure } from '../../src/viz/segmentSizesFigure';

describe('segmentSizesFigure', () => {
  it('one horizontal bar per segment at its position, names as tick text, shares rounded', () => {
    const f = segmentSizesFigure(
      [
        { name: 'A', share: 0.123456789, size: 1235 },
        { name: 'A', share: 0.5, size: 5000 },
      ],
      { title: 'Sizes', customersLabel: 'customers', colors: ['#111111', '#222222'] },
    );
    const t = f.data[0]!;
    expect(t.orientation).toBe('h');
    expect(t.x).toEqual([0.1235, 0.5]);
    expect(t.y).toEqual([0, 1]);
    expect((f.layout.yaxis as { ticktext: string[] }).ticktext).toEqual(['A', 'A']);
    expect((f.layout.yaxis as { autorange: string }).autorange).toBe('reversed');
    expect(t.customdata).toEqual([1235, 5000]);
    expect((t.marker as { color: string[] }).color).toEqual(['#111111', '#222222']);
    expect(t.hovertemplate).toContain('customers');
    expect(f.layout.title!.text).toBe('Sizes');
  });
});
