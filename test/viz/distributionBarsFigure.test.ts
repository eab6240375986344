import { describe, expect, it } from 'vitest';
import { distributionBarsFigure } from '../../src/viz/distributionBarsFigure';

describe('distributionBarsFigure', () => {
  it('before (pale) and after (dark) shares per bin as small grouped bars, bins by position', () => {
    const f = distributionBarsFigure({ bins: ['desktop', 'mobile', 'tablet'], reference: [0.35, 0.55, 0.1], current: [0.2234567, 0.7, 0.0765433] }, { title: 'device', referenceName: 'Before', currentName: 'Now' });
    expect(f.layout.barmode).toBe('group');
    expect(f.data.map((t) => t.name)).toEqual(['Before', 'Now']);
    expect(f.data[0]!.y).toEqual([0.35, 0.55, 0.1]);
    expect(f.data[1]!.y).toEqual([0.2235, 0.7, 0.07654]);
    expect(f.data[0]!.marker).toEqual({ color: '#9fb3c8' });
    expect(f.data[1]!.marker).toEqual({ color: '#2f6690' });
    expect((f.layout.xaxis as { ticktext: string[] }).ticktext).toEqual(['desktop', 'mobile', 'tablet']);
    expect(f.layout.height).toBe(240);
    expect(f.layout.title).toEqual({ text: 'device' });
  });

  it('refuses shares that do not match the bins', () => {
    expect(() => distributionBarsFigure({ bins: ['a', 'b'], reference: [1], current: [0.5, 0.5] }, { title: 't', referenceName: 'r', currentName: 'c' })).toThrow(/2 bins but 1 reference/);
  });
});
