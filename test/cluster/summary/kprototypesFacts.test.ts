import { describe, expect, it } from 'vitest';
import { kprototypesFacts } from '../../../src/cluster/summary/kprototypesFacts';

describe('kprototypesFacts', () => {
  const kp = {
    categorical: ['plan'],
    gamma: 0.5,
    gammaRule: 'balanced' as const,
    costShare: { numeric: 0.6, categorical: 0.4 },
    explained: { numeric: 0.3, categorical: 0.2 },
    movedByCategorical: 1,
    modes: [
      { segment: 0, values: { plan: 'gold' } },
      { segment: 1, values: { plan: 'basic' } },
      { segment: 2, values: { plan: 'gold' } },
    ],
  };
  const labels = [0, 0, 0, 1, 1, 2];
  const plan = ['gold', 'gold', 'basic', 'basic', 'gold', 'gold'];

  it('publishes a mode only when at least minGroupSize of the segment hold it, for shown segments only', () => {
    const f = kprototypesFacts(kp, labels, { plan }, new Set([0, 1]), 2);
    // Segment 0: 2 hold gold (kept); segment 1: 1 holds basic (hidden); segment 2 is not shown.
    expect(f.modes).toEqual([
      { segment: 0, values: { plan: 'gold' } },
      { segment: 1, values: { plan: null } },
    ]);
    expect(f).toMatchObject({ categorical: ['plan'], gamma: 0.5, gammaRule: 'balanced', movedByCategorical: 1 });
  });
});
