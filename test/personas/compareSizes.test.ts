import { describe, expect, it } from 'vitest';
import { compareSizes } from '../../src/personas/compareSizes';

describe('compareSizes', () => {
  it('puts sizes side by side and alerts beyond ±15%, on new and on gone segments', () => {
    const changes = compareSizes(
      [
        { id: 0, name: 'A', size: 110, share: 0.22 },
        { id: 1, name: 'B', size: 300, share: 0.6 },
        { id: 3, name: 'D', size: 90, share: 0.18 },
      ],
      [
        { id: 0, name: 'A', size: 100, share: 0.2 },
        { id: 1, name: 'B', size: 250, share: 0.5 },
        { id: 2, name: 'C', size: 150, share: 0.3 },
      ],
    );
    expect(changes.map((c) => [c.id, c.status, c.alert])).toEqual([
      [0, 'kept', false], // 0.22 / 0.20 − 1 = +10%
      [1, 'kept', true], // +20%
      [2, 'gone', true],
      [3, 'new', true],
    ]);
    expect(changes[0]!.relativeChange).toBeCloseTo(0.1, 12);
    expect(changes[2]).toMatchObject({ currentSize: null, previousSize: 150, relativeChange: null });
  });

  it('never computes a change from a suppressed side', () => {
    const [c] = compareSizes([{ id: 0, size: null, share: null }], [{ id: 0, size: 100, share: 0.2 }]);
    expect(c).toMatchObject({ relativeChange: null, alert: false, status: 'kept' });
  });
});
