import { describe, expect, it } from 'vitest';
import { sizeComparisonFigure } from '../../src/viz/sizeComparisonFigure';

describe('sizeComparisonFigure', () => {
  it('grouped bars, previous then current, names in hover only', () => {
    const f = sizeComparisonFigure(
      [
        { name: 'A', previousShare: 0.4, currentShare: 0.456789 },
        { name: 'B', previousShare: null, currentShare: 0.2 },
      ],
      { title: 'Change', previousName: 'Before', currentName: 'Now' },
    );
    expect(f.layout.barmode).toBe('group');
    expect(f.data.map((t) => t.name)).toEqual(['Before', 'Now']);
    expect(f.data[0]!.y).toEqual([0.4, null]);
    expect(f.data[1]!.y).toEqual([0.4568, 0.2]);
    expect(f.data[0]!.text).toBeUndefined();
    expect(f.data[0]!.customdata).toEqual(['A', 'B']);
    expect((f.layout.xaxis as { ticktext: string[] }).ticktext).toEqual(['A', 'B']);
  });
});
