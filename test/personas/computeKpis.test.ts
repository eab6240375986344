import { describe, expect, it } from 'vitest';
import { computeKpis } from '../../src/personas/computeKpis';
import { kpiDefinitions } from '../../src/personas/kpiCatalogue';
import { SegmentGroups } from '../../src/personas/SegmentGroups';
import { en } from '../../src/personas/texts/en';

describe('computeKpis', () => {
  // Two segments: 0 = rows 0-1, 1 = rows 2-4.
  const labels = [0, 0, 1, 1, 1];
  const numeric = {
    monetary_total: Float64Array.from([100, 300, 50, 0, 50]),
    frequency: Float64Array.from([1, 3, 1, 0, 4]),
    recency_days: Float64Array.from([10, 30, 200, NaN, 100]),
    discount_share: Float64Array.from([0, 0.5, 1, NaN, 0.5]),
  };
  const groups = new SegmentGroups(labels);
  const { definitions, missing } = kpiDefinitions(new Set(Object.keys(numeric)), {}, en);
  const { perGroup, base } = computeKpis(definitions, { labels, numeric, categorical: {} }, groups);

  it('defines only the KPIs this data supports, with their sources', () => {
    expect(definitions.map((d) => d.key)).toEqual(['customers', 'share', 'revenueShare', 'revenuePerCustomer', 'aov', 'frequency', 'recency', 'discountShare']);
    expect(definitions.find((d) => d.key === 'revenueShare')!.source).toEqual(['monetary_total']);
    expect(missing).toContain('emailOpenRate');
    expect(missing).toContain('clv');
  });

  it('computes each KPI by hand', () => {
    expect(perGroup[0]).toMatchObject({ customers: 2, share: 0.4, revenueShare: 400 / 500, revenuePerCustomer: 200, aov: 400 / 4, frequency: 2, recency: 20, discountShare: 0.25 });
    expect(perGroup[1]).toMatchObject({ customers: 3, share: 0.6, revenueShare: 100 / 500, revenuePerCustomer: 100 / 3, aov: 100 / 5, frequency: 5 / 3, recency: 150, discountShare: 0.75 });
    // Average order value of the base is all spend over all orders (500 / 9), not a mean of averages.
    expect(base).toMatchObject({ customers: 5, share: 1, revenueShare: 1, aov: 500 / 9, recency: 65 });
  });

  it('takes a column the caller names for churn risk or CLV', () => {
    const withClv = kpiDefinitions(new Set(['lifetime_value']), { clv: 'lifetime_value' }, en);
    expect(withClv.definitions.map((d) => d.key)).toContain('clv');
  });
});
