import { describe, expect, it } from 'vitest';
import { BG_NBD } from '../../src/clv/bgNbd';
import { uniqueCustomers } from '../../src/clv/uniqueCustomers';
import { REFERENCE } from './reference';

describe('uniqueCustomers', () => {
  it('groups bitwise-equal (x, tx, T) in first-seen order, with counts and each customer’s group; 0 and -0 are one value', () => {
    const x = Float64Array.from([1, 0, 1, 1, 0, 2]);
    const tx = Float64Array.from([3, 0, 3, 3, -0, 3]);
    const T = Float64Array.from([5, 5, 5, 6, 5, 5]);
    const u = uniqueCustomers(x, tx, T);
    expect(Array.from(u.group)).toEqual([0, 1, 0, 2, 1, 3]);
    expect(Array.from(u.count)).toEqual([2, 2, 1, 1]);
    expect(Array.from(u.x)).toEqual([1, 0, 1, 2]);
    expect(Array.from(u.T)).toEqual([5, 5, 6, 5]);
  });

  it('on 200,000 rows with many repeats: every group holds only equal rows and the counts add up', () => {
    const n = 200_000;
    const x = new Float64Array(n);
    const tx = new Float64Array(n);
    const T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = (i * 7) % 13;
      tx[i] = ((i * 11) % 17) / 7;
      T[i] = 30 + ((i * 3) % 5) / 7;
    }
    const u = uniqueCustomers(x, tx, T);
    expect(u.count.reduce((a, c) => a + c, 0)).toBe(n);
    const keys = new Set<string>();
    for (let i = 0; i < n; i++) keys.add(`${x[i]} ${tx[i]} ${T[i]}`);
    expect(u.x.length).toBe(keys.size);
    for (let i = 0; i < n; i++) {
      const g = u.group[i]!;
      if (u.x[g] !== x[i] || u.tx[g] !== tx[i] || u.T[g] !== T[i]) throw new Error(`row ${i} is in group ${g} of another (x, tx, T)`);
    }
  });
});

describe('BG/NBD totalLogLikelihood', () => {
  it('equals the sum of the per-customer log-likelihoods and their gradients (weights, x = 0, large x)', () => {
    const c = REFERENCE.customers;
    const x = Float64Array.from([...c.map((r) => r.x), 0, 29, 2]);
    const tx = Float64Array.from([...c.map((r) => r.tx), 0, 12.5, 30.43]);
    const T = Float64Array.from([...c.map((r) => r.T), 10, 38, 38.86]);
    const w = Float64Array.from(x, (_, i) => 1 + (i % 3));
    for (const theta of [Float64Array.of(0.242593, 4.413532, 0.792886, 2.425752), Float64Array.of(1.3, 0.7, 2.1, 0.4)]) {
      const g1 = new Float64Array(4);
      let s1 = 0;
      for (let i = 0; i < x.length; i++) s1 += w[i]! * BG_NBD.logLikelihood(theta, x[i]!, tx[i]!, T[i]!, w[i]!, g1);
      const g2 = new Float64Array(4);
      const s2 = BG_NBD.totalLogLikelihood!(theta, x, tx, T, w, g2);
      expect(Math.abs(s2 - s1) / Math.abs(s1)).toBeLessThan(1e-13);
      for (let k = 0; k < 4; k++) expect(Math.abs(g2[k]! - g1[k]!), `gradient ${k}`).toBeLessThan(1e-10 * Math.max(1, Math.abs(g1[k]!)));
      expect(BG_NBD.totalLogLikelihood!(theta, x, tx, T, w, null)).toBe(s2);
    }
  });
});
