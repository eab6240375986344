import { describe, expect, it } from 'vitest';
import { migrationHeatmapFigure } from '../../src/viz/migrationHeatmapFigure';

describe('migrationHeatmapFigure', () => {
  const f = migrationHeatmapFigure(
    ['At risk', 'Loyal', 'New customers'],
    ['Loyal', 'Lapsed', 'Left'],
    [
      [50, 500, null],
      [900, 0, 100],
      [60, 40, 0],
    ],
    [2000, 1000, 100],
    { title: 'Where they went', fromTitle: 'Before', toTitle: 'Now', customersWord: 'customers' },
  );
  const t = f.data[0]!;

  it('colours each cell by its share of the row total (customers in no column shown included), blanks stay gaps', () => {
    expect(t.type).toBe('heatmap');
    expect(t.z).toEqual([
      [0.025, 0.25, null],
      [0.9, 0, 0.1],
      [0.6, 0.4, 0],
    ]);
    expect(t.zmin).toBe(0);
    expect(t.zmax).toBe(1);
    expect(t.texttemplate).toBe('%{z:.0%}');
    expect(t.hoverongaps).toBe(false);
  });

  it('rows and columns by position with the names as tick text; counts and names in the hover only', () => {
    expect(t.x).toEqual([0, 1, 2]);
    expect(t.y).toEqual([0, 1, 2]);
    expect((f.layout.yaxis as { ticktext: string[] }).ticktext).toEqual(['At risk', 'Loyal', 'New customers']);
    expect((f.layout.xaxis as { ticktext: string[] }).ticktext).toEqual(['Loyal', 'Lapsed', 'Left']);
    expect(f.layout.yaxis).toMatchObject({ autorange: 'reversed', title: { text: 'Before' } });
    expect((t.customdata as unknown[][][])[0]![1]).toEqual(['At risk', 'Lapsed', 500]);
    expect((t.customdata as unknown[][][])[0]![2]).toEqual(['At risk', 'Left', null]);
    expect(t.hovertemplate).toBe('%{customdata[0]} → %{customdata[1]}<br>%{customdata[2]:,} customers (%{z:.1%})<extra></extra>');
    expect(t.text).toBeUndefined();
  });

  it('a row without customers is all gaps; a misshapen table is refused', () => {
    const empty = migrationHeatmapFigure(['A'], ['B'], [[0]], [0], { title: 't', fromTitle: '', toTitle: '', customersWord: 'c' });
    expect(empty.data[0]!.z).toEqual([[null]]);
    expect(() => migrationHeatmapFigure(['A', 'B'], ['C'], [[1]], [1, 2], { title: 't', fromTitle: '', toTitle: '', customersWord: 'c' })).toThrow(/2 × 1/);
  });
});
