import { describe, expect, it } from 'vitest';
import { outOfTimeSplit } from '../../../src/models/evaluation/outOfTimeSplit';

describe('outOfTimeSplit', () => {
  it('trains on earlier snapshots and tests on the latest', () => {
    const s = outOfTimeSplit([0, 2, 1, 2, 0, 1]);
    expect([...s.train]).toEqual([0, 2, 4, 5]);
    expect([...s.test]).toEqual([1, 3]);
  });

  it('tests on a chosen snapshot, leaving later ones out of both sets', () => {
    const s = outOfTimeSplit(Int32Array.from([0, 2, 1, 2, 0, 1]), { testSnapshot: 1 });
    expect([...s.train]).toEqual([0, 4]);
    expect([...s.test]).toEqual([2, 5]);
  });

  it('refuses one snapshot only, an empty test snapshot and non-integers, naming the row', () => {
    expect(() => outOfTimeSplit([3, 3])).toThrow(/no row belongs to a snapshot before 3[\s\S]*asOf − horizon/);
    expect(() => outOfTimeSplit([0, 1], { testSnapshot: 5 })).toThrow(/no row belongs to snapshot 5/);
    expect(() => outOfTimeSplit([0, 1.5])).toThrow(/snapshot 1.5 is not a whole number[\s\S]*row 2/);
  });
});
