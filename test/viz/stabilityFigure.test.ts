import { describe, expect, it } from 'vitest';
import { stabilityFigure } from '../../src/viz/stabilityFigure';

describe('stabilityFigure', () => {
  it('bars on [0, 1] coloured by verdict with both threshold lines', () => {
    const f = stabilityFigure(
      [
        { name: 'A', meanJaccard: 0.91234 },
        { name: 'B', meanJaccard: 0.65 },
        { name: 'C', meanJaccard: 0.3 },
        { name: 'D', meanJaccard: null },
      ],
      { title: 'Stability', thresholds: [{ value: 0.75, label: 'stable' }, { value: 0.6, label: 'pattern' }] },
    );
    const t = f.data[0]!;
    expect(t.x).toEqual([0.912, 0.65, 0.3, null]);
    expect((t.marker as { color: string[] }).color).toEqual(['#4d9a6a', '#e0a030', '#c0392b', '#bbbbbb']);
    expect((f.layout.shapes as { x0: number }[]).map((s) => s.x0)).toEqual([0.6, 0.75]);
    // labels on opposite sides of their lines so they do not overlap
    expect((f.layout.annotations as { xanchor: string }[]).map((a) => a.xanchor)).toEqual(['right', 'left']);
    expect((f.layout.xaxis as { range: number[] }).range).toEqual([0, 1.05]);
  });
});
