import { describe, expect, it } from 'vitest';
import { ruleSizes } from '../../../src/rules/export/ruleSizes';
import { segmentSizeTable } from '../../../src/rules/export/segmentSizeTable';
import type { SegmentRule } from '../../../src/rules/RuleBundle';

const names = (s: string) => ({ en: s, fr: s });
// Five customers; spend 0, 5, 10, 20, 40. Rule A: spend >= 20 (customers 3, 4); rule B: spend >= 5 (1, 2, and 3, 4 which A took first).
const columns = { rowCount: 5, numeric: { spend: Float64Array.from([0, 5, 10, 20, 40]) }, categorical: {} };
const segments: SegmentRule[] = [
  { id: 7, names: names('A'), condition: { '>=': [{ var: 'spend' }, 20] } },
  { id: 3, names: names('B'), condition: { '>=': [{ var: 'spend' }, 5] } },
];
const fallback = { id: 9, names: names('Rest') };

describe('ruleSizes', () => {
  it('counts each customer under the first rule it matches, in priority order', () => {
    const r = ruleSizes(columns, { segments, fallback, score: null });
    expect([...r.sizes]).toEqual([
      [7, 2],
      [3, 2],
    ]);
    expect(r.matched).toBe(4);
    expect([...r.first!]).toEqual([-1, 1, 1, 0, 0]);
  });

  it('a score bundle counts customers meeting any condition and has no first match', () => {
    const r = ruleSizes(columns, { segments: [], fallback: null, score: { base: 0, rules: [{ condition: { '>': [{ var: 'spend' }, 15] }, points: 1 }] } });
    expect(r).toEqual({ sizes: new Map(), matched: 2, first: null });
  });
});

describe('segmentSizeTable', () => {
  const sizes = ruleSizes(columns, { segments, fallback, score: null });
  // Churned: customers 0 and 3; customer 4 unknown.
  const outcome = Float64Array.from([1, 0, 0, 1, NaN]);

  it('hand-written rules: each rule, then the catch-all with the customers no rule matches, with outcome rates among the known', () => {
    const table = segmentSizeTable({ rowCount: 5, bundle: { segments, fallback, score: null }, sizes, clustering: null, outcome });
    expect(table).toEqual([
      { id: 7, names: names('A'), cluster: null, rules: { customers: 2, share: 0.4, outcomeRate: 1 }, holdout: null },
      { id: 3, names: names('B'), cluster: null, rules: { customers: 2, share: 0.4, outcomeRate: 0 }, holdout: null },
      { id: 9, names: names('Rest'), cluster: null, rules: { customers: 1, share: 0.2, outcomeRate: 1 }, holdout: null },
    ]);
  });

  it('extracted rules: every cluster segment by id, its rule population beside it (null without a rule), holdout figures, no rate without an outcome', () => {
    const clustering = {
      segments: [
        { id: 7, size: 1, share: 0.2 },
        { id: 3, size: 3, share: 0.6 },
        { id: 5, size: 1, share: 0.2 },
        { id: -1, size: 0, share: 0 },
      ],
      labels: [3, 3, 3, 7, 5],
      names: (id: number) => names(`Segment ${id}`),
      holdout: [{ id: 3, precision: 0.5, recall: 1, support: 2 }],
    };
    const table = segmentSizeTable({ rowCount: 5, bundle: { segments, fallback, score: null }, sizes, clustering, outcome: null });
    expect(table).toEqual([
      { id: 3, names: names('B'), cluster: { customers: 3, share: 0.6 }, rules: { customers: 2, share: 0.4 }, holdout: { precision: 0.5, recall: 1, support: 2 } },
      { id: 5, names: names('Segment 5'), cluster: { customers: 1, share: 0.2 }, rules: null, holdout: null },
      { id: 7, names: names('A'), cluster: { customers: 1, share: 0.2 }, rules: { customers: 2, share: 0.4 }, holdout: null },
    ]);
  });

  it('a score bundle has no size table', () => {
    expect(segmentSizeTable({ rowCount: 5, bundle: { segments: [], fallback: null, score: { base: 0, rules: [] } }, sizes, clustering: null, outcome })).toEqual([]);
  });
});
