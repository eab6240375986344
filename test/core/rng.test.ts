import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';

describe('Rng', () => {
  it('same seed gives the same stream, different seeds differ', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('derive gives independent, reproducible streams per label', () => {
    expect(Rng.derive(1, 'a').next()).toBe(Rng.derive(1, 'a').next());
    expect(Rng.derive(1, 'a').next()).not.toBe(Rng.derive(1, 'b').next());
  });

  it('distributions have the right first two moments', () => {
    const r = new Rng(7);
    const n = 200_000;
    const moments = (draw: () => number) => {
      let s = 0, s2 = 0;
      for (let i = 0; i < n; i++) { const x = draw(); s += x; s2 += x * x; }
      const mean = s / n;
      return { mean, variance: s2 / n - mean * mean };
    };
    const normal = moments(() => r.normal(3, 2));
    expect(normal.mean).toBeCloseTo(3, 1);
    expect(normal.variance).toBeCloseTo(4, 0);
    // Gamma(shape 2.5, scale 2): mean 5, variance 10.
    const gamma = moments(() => r.gamma(2.5, 2));
    expect(gamma.mean).toBeCloseTo(5, 1);
    expect(Math.abs(gamma.variance - 10)).toBeLessThan(0.3);
    // Gamma with shape < 1: mean 0.4*3 = 1.2, variance 0.4*9 = 3.6.
    const small = moments(() => r.gamma(0.4, 3));
    expect(small.mean).toBeCloseTo(1.2, 1);
    expect(Math.abs(small.variance - 3.6)).toBeLessThan(0.2);
    for (const lambda of [0.7, 12, 80]) {
      const p = moments(() => r.poisson(lambda));
      expect(Math.abs(p.mean - lambda) / lambda).toBeLessThan(0.02);
      expect(Math.abs(p.variance - lambda) / lambda).toBeLessThan(0.05);
    }
  });

  it('weighted picks in proportion to the weights', () => {
    const r = new Rng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[r.weighted([1, 2, 3])]!++;
    expect(counts[0]! / 60_000).toBeCloseTo(1 / 6, 2);
    expect(counts[2]! / 60_000).toBeCloseTo(3 / 6, 2);
  });
});
