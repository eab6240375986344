import { describe, expect, it } from 'vitest';
import { migrationMatrix } from '../../src/drift/migrationMatrix';

describe('migrationMatrix', () => {
  // Reference: a,b,c in 0; d,e in 1; f in 2; g noise. Current: a,b stay in 0 (now id 7, its partner); c → 1;
  // d stays in 1; e lost; f → new segment 9; g (noise last time) → 1; h, i new.
  const reference = { ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], labels: [0, 0, 0, 1, 1, 2, -1] };
  const current = { ids: ['i', 'h', 'g', 'f', 'd', 'c', 'b', 'a'], labels: [7, 1, 1, 9, 1, 1, 7, 7] };
  const matching = { pairs: [{ referenceId: 0, currentId: 7 }, { referenceId: 1, currentId: 1 }] };

  it('counts stayed, moved, new, lost and came back (hand-counted) and adds up to both runs', () => {
    const m = migrationMatrix(reference, current, matching);
    expect(m.referenceIds).toEqual([0, 1, 2, -1]);
    // Partners first (in row order), so matched segments sit on the diagonal; then the new segment.
    expect(m.currentIds).toEqual([7, 1, 9]);
    expect(m.counts).toEqual([
      [2, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
    expect(m.newCustomers).toEqual([1, 1, 0]);
    expect(m.lostCustomers).toEqual([0, 1, 0, 0]);
    expect(m.cameBack).toEqual([0, 1, 0]);
    expect(m.stayed).toBe(3);
    // c (0 → 1) and f (2 → 9).
    expect(m.moved).toBe(2);
    const sum = m.counts.flat().reduce((a, b) => a + b, 0);
    expect(sum + m.lostCustomers.reduce((a, b) => a + b, 0)).toBe(m.totalReference);
    expect(sum + m.newCustomers.reduce((a, b) => a + b, 0)).toBe(m.totalCurrent);
    expect(m.totalReference).toBe(7);
    expect(m.totalCurrent).toBe(8);
    expect(m.biggestFlows).toEqual([
      { fromId: 0, toId: 1, customers: 1, shareOfFrom: 1 / 3 },
      { fromId: 2, toId: 9, customers: 1, shareOfFrom: 1 },
    ]);
  });

  it('identical runs give a diagonal matrix with nobody moved, new or lost', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `c${i}`);
    const labels = ids.map((_, i) => i % 4);
    const m = migrationMatrix({ ids, labels }, { ids: [...ids].reverse(), labels: [...labels].reverse() }, { pairs: [0, 1, 2, 3].map((i) => ({ referenceId: i, currentId: i })) });
    expect(m.currentIds).toEqual([0, 1, 2, 3]);
    m.counts.forEach((row, i) => {
      expect(row.length).toBe(4);
      row.forEach((v, j) => expect(v === 0).toBe(i !== j));
    });
    expect(m.stayed).toBe(50);
    expect(m.moved).toBe(0);
    expect(m.biggestFlows).toEqual([]);
    expect([...m.newCustomers, ...m.lostCustomers, ...m.cameBack].every((v) => v === 0)).toBe(true);
  });

  it('sorted id lists (feature tables are, by customer_id) give the same matrix as the same customers in any order', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    const refLabels = ids.map((_, i) => (i * 7) % 3);
    const cur = ids.slice(20).concat(['d000', 'd001', 'd002']);
    const curLabels = cur.map((_, i) => (i * 5) % 4);
    const matching = { pairs: [0, 1, 2].map((i) => ({ referenceId: i, currentId: (i + 1) % 4 })) };
    const sorted = migrationMatrix({ ids, labels: refLabels }, { ids: cur, labels: curLabels }, matching);
    const order = cur.map((_, i) => (i * 37) % cur.length);
    expect(new Set(order).size).toBe(cur.length);
    const shuffled = migrationMatrix({ ids: [...ids].reverse(), labels: [...refLabels].reverse() }, { ids: order.map((i) => cur[i]!), labels: order.map((i) => curLabels[i]!) }, matching);
    expect(shuffled).toEqual(sorted);
    expect(sorted.lostCustomers.reduce((a, b) => a + b, 0)).toBe(20);
    expect(sorted.newCustomers.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('refuses duplicate ids and labels that do not line up', () => {
    expect(() => migrationMatrix({ ids: ['a', 'a'], labels: [0, 0] }, current, matching)).toThrow(/reference.ids/);
    expect(() => migrationMatrix({ ids: ['a'], labels: [0, 1] }, current, matching)).toThrow(/one label per id/);
  });
});
