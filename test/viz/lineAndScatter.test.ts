import { describe, expect, it } from 'vitest';
import { lineChart } from '../../src/viz/lineChart';
import { scatterByGroup } from '../../src/viz/scatterByGroup';

describe('lineChart and scatterByGroup', () => {
  it('lineChart: one trace per series, gaps kept, marks as dotted lines', () => {
    const f = lineChart([2, 3, 4], { inertia: [10, 6, 5], bic: [null, 3, 2] }, { title: 'k', marks: [{ x: 3, label: 'recommended' }] });
    expect(f.data.map((t) => t.name)).toEqual(['inertia', 'bic']);
    expect(f.data[1]!.y).toEqual([null, 3, 2]);
    expect((f.layout.shapes as { x0: number }[])[0]!.x0).toBe(3);
  });

  it('scatterByGroup: one trace per group in order, noise grey, thinned to maxPoints', () => {
    const g = [1, 0, 1, -1, 0, 1];
    const f = scatterByGroup([1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1], g, { title: 'p', groupName: (v) => (v < 0 ? 'noise' : `S${v}`) });
    expect(f.data.map((t) => t.name)).toEqual(['noise', 'S0', 'S1']);
    expect(f.data[2]!.x).toEqual([1, 3, 6]);
    expect((f.data[0]!.marker as { color: string }).color).toBe('#bbbbbb');
    const big = scatterByGroup(new Float64Array(10_000), new Float64Array(10_000), new Int32Array(10_000), { title: 'p', maxPoints: 1000 });
    expect(big.data[0]!.x!.length).toBe(1000);
  });
});

describe('scatterByGroup groupColor', () => {
  it('colours each group as asked', () => {
    const f = scatterByGroup([1, 2], [1, 2], [5, 7], { title: 'p', groupColor: (g) => (g === 5 ? '#000000' : '#ffffff') });
    expect(f.data.map((t) => (t.marker as { color: string }).color)).toEqual(['#000000', '#ffffff']);
  });
});
