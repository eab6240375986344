import { describe, expect, it } from 'vitest';
import { liftTable } from '../../../src/models/evaluation/liftTable';

describe('liftTable', () => {
  it('deciles of distinct scores: response rate, lift, cumulative gains', () => {
    const p = Array.from({ length: 20 }, (_, i) => 1 - i / 20);
    const y = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const t = liftTable(y, p);
    expect(t.baseRate).toBe(0.25);
    expect(t.rows).toHaveLength(10);
    expect(t.rows.map((r) => r.positives)).toEqual([2, 1, 1, 0, 0, 1, 0, 0, 0, 0]);
    expect(t.rows[0]!.lift).toBe(4);
    expect(t.rows[0]!.cumulativeGain).toBe(0.4);
    expect(t.rows[2]!.cumulativeGain).toBeCloseTo(0.8, 15);
    expect(t.rows[2]!.cumulativeLift).toBeCloseTo(0.8 / 0.3, 12);
    expect(t.rows[9]!.cumulativeGain).toBe(1);
    expect(t.rows[9]!.cumulativeShare).toBe(1);
    expect([t.rows[0]!.maxScore, t.rows[0]!.minScore]).toEqual([1, 0.95]);
  });

  it('splits a tied block across an edge evenly (the expected table over every order of the ties)', () => {
    // 0.5 holds three rows, one of them a 1: group 1 = the 0.9 row + ⅓ of the block
    const t = liftTable([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.5], { groups: 2 });
    expect(t.rows.map((r) => r.rows)).toEqual([2, 2]);
    expect(t.rows[0]!.positives).toBeCloseTo(4 / 3, 15);
    expect(t.rows[1]!.positives).toBeCloseTo(2 / 3, 15);
    expect(t.rows[0]!.lift).toBeCloseTo(4 / 3, 15);
    expect([t.rows[1]!.maxScore, t.rows[1]!.minScore]).toEqual([0.5, 0.5]);
  });

  it('does not depend on the order of the rows', () => {
    const y = [1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1];
    const p = [0.3, 0.3, 0.3, 0.7, 0.7, 0.1, 0.1, 0.3, 0.3, 0.9, 0.2, 0.2, 0.7];
    const perm = [5, 12, 0, 3, 9, 1, 11, 2, 7, 4, 10, 6, 8];
    const a = liftTable(y, p, { groups: 4 });
    const b = liftTable(perm.map((i) => y[i]!), perm.map((i) => p[i]!), { groups: 4 });
    expect(a.rows.length).toBe(4);
    a.rows.forEach((r, g) => {
      expect(b.rows[g]!.positives).toBeCloseTo(r.positives, 14);
      expect(b.rows[g]!.rows).toBeCloseTo(r.rows, 14);
    });
    expect(a.rows.reduce((s, r) => s + r.positives, 0)).toBeCloseTo(5, 14);
  });

  it('weights rows as copies', () => {
    const a = liftTable([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1], { groups: 2, sampleWeight: [1, 2, 1, 0] });
    const b = liftTable([1, 0, 0, 1], [0.9, 0.8, 0.8, 0.4], { groups: 2 });
    expect(a.rows.map((r) => r.positives)).toEqual(b.rows.map((r) => r.positives));
  });

  it('refuses a bad number of groups', () => {
    expect(() => liftTable([0, 1], [0.1, 0.2], { groups: 2.5 })).toThrow(/Invalid liftTable groups: got 2.5/);
  });
});
