import { describe, expect, it } from 'vitest';
import { traitHeatmapFigure } from '../../src/viz/traitHeatmapFigure';

describe('traitHeatmapFigure', () => {
  const f = traitHeatmapFigure(['S0', 'S1'], ['recency', 'frequency', 'spend'], [
    [1.23456, null, -0.5],
    [-2.7, 0.3, null],
  ], { title: 'Traits', colorbarTitle: 'SD' });
  const t = f.data[0]!;

  it('features as rows, segments as columns, values rounded, gaps kept', () => {
    expect(t.type).toBe('heatmap');
    expect(t.z).toEqual([
      [1.23, -2.7],
      [null, 0.3],
      [-0.5, null],
    ]);
    expect((f.layout.yaxis as { ticktext: string[] }).ticktext).toEqual(['recency', 'frequency', 'spend']);
    expect((f.layout.xaxis as { ticktext: string[] }).ticktext).toEqual(['S0', 'S1']);
  });

  it('diverging scale centred at 0 and symmetric, values printed in the cells', () => {
    expect(t.zmid).toBe(0);
    expect(t.zmin).toBe(-3);
    expect(t.zmax).toBe(3);
    expect((t.colorscale as [number, string][])[2]).toEqual([0.5, '#f7f7f7']);
    expect(t.texttemplate).toBe('%{z:.2f}');
    expect((t.text as unknown as string[][])[0]![1]).toBe('recency · S1');
  });

  it('angles many or long segment names below the grid, clear of the title', () => {
    const many = traitHeatmapFigure(['a', 'b', 'c', 'd', 'e'], ['f'], [[1], [1], [1], [1], [1]], { title: 't' });
    expect(many.layout.xaxis).toMatchObject({ side: 'bottom', tickangle: -30 });
    expect(f.layout.xaxis).toMatchObject({ side: 'top', tickangle: 0 });
  });
});
