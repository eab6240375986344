import { describe, expect, it } from 'vitest';
import { valueShareFigure } from '../../src/viz/valueShareFigure';

describe('valueShareFigure', () => {
  it('grouped bars, share of customers then share of value per segment, names on the axis and in hover only', () => {
    const f = valueShareFigure(
      [
        { name: 'A', customerShare: 0.5, valueShare: 0.123456 },
        { name: 'B', customerShare: 0.5, valueShare: null },
      ],
      { title: 'Value', customersName: 'Customers', valueName: 'Value' },
    );
    expect(f.layout.barmode).toBe('group');
    expect(f.data.map((t) => t.name)).toEqual(['Customers', 'Value']);
    expect(f.data[0]!.y).toEqual([0.5, 0.5]);
    expect(f.data[1]!.y).toEqual([0.1235, null]);
    expect(f.data[1]!.text).toBeUndefined();
    expect(f.data[1]!.customdata).toEqual(['A', 'B']);
    expect((f.layout.xaxis as { ticktext: string[] }).ticktext).toEqual(['A', 'B']);
    expect((f.layout.yaxis as { tickformat: string }).tickformat).toBe('.0%');
  });
});
