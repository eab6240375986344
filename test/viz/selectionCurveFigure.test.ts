import { describe, expect, it } from 'vitest';
import { selectionCurveFigure } from '../../src/viz/selectionCurveFigure';

describe('selectionCurveFigure', () => {
  it('one rounded curve, the recommended k marked, ineligible k grey, optional error bars', () => {
    const f = selectionCurveFigure([2, 3, 4], [0.312345, null, 0.41], {
      title: 'Gap',
      recommendedK: 3,
      recommendedLabel: 'recommended',
      eligible: [true, true, false],
      errors: [0.0123456, 0.02, 0.03],
    });
    const t = f.data[0]!;
    expect(t.y).toEqual([0.3123, null, 0.41]);
    expect((t.marker as { color: string[] }).color).toEqual(['#2f6690', '#2f6690', '#bbbbbb']);
    expect((t.error_y as { array: number[] }).array).toEqual([0.0123, 0.02, 0.03]);
    expect((f.layout.shapes as { x0: number }[])[0]!.x0).toBe(3);
    expect((f.layout.annotations as { text: string }[])[0]!.text).toBe('recommended');
  });

  it('no mark without a recommendation', () => {
    const f = selectionCurveFigure([2, 3], [1, 2], { title: 'S', recommendedK: null, recommendedLabel: 'r' });
    expect(f.layout.shapes).toEqual([]);
  });
});
