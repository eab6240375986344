import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors';
import { compareSizes } from '../../src/personas/compareSizes';

describe('compareSizes', () => {
  it('puts matched segments side by side and alerts beyond ±15%, on new and on gone segments', () => {
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
      [
        { current: 0, previous: 0 },
        { current: 1, previous: 1 },
      ],
    );
    expect(changes.map((c) => [c.currentId, c.previousId, c.status, c.alert])).toEqual([
      [0, 0, 'kept', false], // 0.22 / 0.20 − 1 = +10%
      [1, 1, 'kept', true], // +20%
      [3, null, 'new', true],
      [null, 2, 'gone', true],
    ]);
    expect(changes[0]!.relativeChange).toBeCloseTo(0.1, 12);
    expect(changes[3]).toMatchObject({ name: 'C', currentSize: null, previousSize: 150, relativeChange: null });
  });

  it('pairs segments as matched, not by id: the same id in both runs may be two different segments', () => {
    // Without cluster.previous a run numbers its segments by size: its segment 0 was segment 1 before.
    const changes = compareSizes(
      [
        { id: 0, name: 'Promo-driven', size: 500, share: 0.5 },
        { id: 1, name: 'Newcomers', size: 500, share: 0.5 },
      ],
      [
        { id: 0, name: 'Newcomers', size: 300, share: 0.3 },
        { id: 1, name: 'Promo-driven', size: 700, share: 0.7 },
      ],
      [
        { current: 0, previous: 1 },
        { current: 1, previous: 0 },
      ],
    );
    expect(changes.map((c) => [c.currentId, c.previousId, c.name, c.previousSize, c.currentSize, c.status])).toEqual([
      [0, 1, 'Promo-driven', 700, 500, 'kept'],
      [1, 0, 'Newcomers', 300, 500, 'kept'],
    ]);
  });

  it('carries the previous name of a renamed segment', () => {
    const [c] = compareSizes([{ id: 4, name: 'Champions · long tenure', renamedFrom: 'Loyal regulars', size: 100, share: 0.2 }], [{ id: 0, name: 'Loyal regulars', size: 100, share: 0.2 }], [{ current: 4, previous: 0 }]);
    expect(c).toMatchObject({ currentId: 4, previousId: 0, name: 'Champions · long tenure', renamedFrom: 'Loyal regulars', status: 'kept', alert: false });
  });

  it('never computes a change from a suppressed side', () => {
    const [c] = compareSizes([{ id: 0, size: null, share: null }], [{ id: 0, size: 100, share: 0.2 }], [{ current: 0, previous: 0 }]);
    expect(c).toMatchObject({ relativeChange: null, alert: false, status: 'kept' });
  });

  it('refuses pairs that name an unknown segment or use one twice', () => {
    const cur = [{ id: 0, size: 1, share: 1 }];
    const prev = [{ id: 0, size: 1, share: 1 }];
    expect(() => compareSizes(cur, prev, [{ current: 5, previous: 0 }])).toThrow(UsageError);
    expect(() => compareSizes(cur, prev, [{ current: 5, previous: 0 }])).toThrow(/pairs\[0\]\.current/);
    expect(() => compareSizes(cur, prev, [{ current: 0, previous: 0 }, { current: 0, previous: 0 }])).toThrow(/pairs\[1\]/);
  });
});
