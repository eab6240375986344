import { describe, expect, it } from 'vitest';
import { kpiAlerts } from '../../src/drift/kpiAlerts';
import { segmentFigures } from '../../src/drift/segmentFigures';

describe('segmentFigures', () => {
  it('computes size, revenue share, AOV (all spend / all orders), churn risk and CLV per segment and overall', () => {
    const labels = [0, 0, 1, 1, 1, -1];
    const f = segmentFigures(labels, new Map([[0, 'A'], [1, 'B']]), {
      revenue: Float64Array.of(10, 30, 20, 20, 20, 0),
      spend: Float64Array.of(100, 50, 30, 30, NaN, 10),
      orders: Float64Array.of(2, 1, 1, 2, 1, 1),
      churnRisk: Float64Array.of(0.1, 0.3, 0.5, NaN, 0.7, 0.9),
    });
    expect(f.map((x) => x.segmentId)).toEqual([null, 0, 1]);
    expect(f[0]!.figures).toEqual({ size: 6, aov: 220 / 7, 'churn-risk': 2.5 / 5 });
    expect(f[1]!.figures).toEqual({ size: 2, 'revenue-share': 40 / 100, aov: 150 / 3, 'churn-risk': 0.2 });
    expect(f[2]!.name).toBe('B');
    expect(f[2]!.figures['revenue-share']).toBeCloseTo(0.6, 15);
    // The NaN spend leaves that customer out of both sums (as the review's KPI does).
    expect(f[2]!.figures.aov).toBe(60 / 3);
    expect(f[2]!.figures['churn-risk']).toBeCloseTo(0.6, 15);
    expect(f[0]!.figures.clv).toBeUndefined();
  });
});

describe('kpiAlerts', () => {
  const ref = [
    { segmentId: null, name: null, figures: { size: 100, aov: 50 } },
    { segmentId: 0, name: 'A', figures: { size: 60, 'revenue-share': 0.5, aov: 40 } },
    { segmentId: 1, name: 'B', figures: { size: 40, 'revenue-share': 0.5, aov: 60 } },
  ];
  const cur = [
    { segmentId: null, name: null, figures: { size: 110, aov: 50 } },
    { segmentId: 5, name: 'A now', figures: { size: 60, 'revenue-share': 0.4, aov: 46.5 } },
    { segmentId: 1, name: 'B', figures: { size: 50, 'revenue-share': 0.6, aov: 60 } },
  ];

  it('raises an alert for a figure moving more than 15% (strictly), per matched segment and overall', () => {
    const alerts = kpiAlerts(ref, cur, { pairs: [{ referenceId: 0, currentId: 5 }, { referenceId: 1, currentId: 1 }] });
    // A: revenue share −20% (alert), AOV +16.25% (alert). B: size +25%, revenue share +20%. Overall size +10%: none.
    expect(alerts.map((a) => [a.segmentId, a.figure])).toEqual([[1, 'size'], [1, 'revenue-share'], [5, 'revenue-share'], [5, 'aov']]);
    const aov = alerts.find((a) => a.segmentId === 5 && a.figure === 'aov')!;
    expect(aov).toMatchObject({ segmentName: 'A now', reference: 40, current: 46.5, threshold: 0.15 });
    expect(aov.relativeChange).toBeCloseTo(0.1625, 14);
    expect(alerts.find((a) => a.segmentId === 5 && a.figure === 'revenue-share')!.relativeChange).toBeCloseTo(-0.2, 14);
  });

  it('takes the threshold as a setting, and identical figures raise nothing', () => {
    expect(kpiAlerts(ref, cur, { pairs: [{ referenceId: 1, currentId: 1 }] }, 0.1).map((a) => [a.segmentId, a.figure])).toEqual([[1, 'size'], [1, 'revenue-share']]);
    expect(kpiAlerts(ref, ref, { pairs: [{ referenceId: 0, currentId: 0 }, { referenceId: 1, currentId: 1 }] })).toEqual([]);
    expect(() => kpiAlerts(ref, cur, { pairs: [] }, 0)).toThrow(/threshold/);
  });
});
