import { describe, expect, it } from 'vitest';
import { wassersteinNormed } from '../../src';
import { reference } from './reference';
import { minstd } from './minstd';

describe('wassersteinNormed: scipy.stats.wasserstein_distance over np.std (ddof 0) of the reference', () => {
  it.each(reference.wasserstein.map((c) => [c.reference.n, c.current.n, c] as const))('%d vs %d rows', (_n, _m, c) => {
    const r = wassersteinNormed(minstd(c.reference), minstd(c.current));
    expect(Math.abs(r.distance - c.distance)).toBeLessThanOrEqual(1e-9 * Math.max(1, c.distance));
    expect(Math.abs(r.scale - c.sd)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(r.normed - c.normed)).toBeLessThanOrEqual(1e-9 * Math.max(1, c.normed));
  });
  it('by hand: a shift by 1 of a sample with SD 2 is 0.5 SD', () => {
    expect(wassersteinNormed([0, 4], [1, 5])).toEqual({ distance: 1, scale: 2, normed: 0.5 });
  });
  it('SD 0: normed by the current SD; two constants by the 0.001 floor (finite, as JSON needs), two equal ones 0 apart', () => {
    expect(wassersteinNormed([3, 3], [3, 5]).normed).toBeCloseTo(1, 14);
    expect(wassersteinNormed([3, 3], [4, 4])).toEqual({ distance: 1, scale: 0.001, normed: 1000 });
    expect(wassersteinNormed([3, 3], [3]).normed).toBe(0);
  });
  it('bad input: empty, Infinity', () => {
    expect(() => wassersteinNormed([1], [])).toThrow(/Invalid wassersteinNormed current: got "0 values"/);
    expect(() => wassersteinNormed([1, -Infinity], [1])).toThrow(/Invalid wassersteinNormed reference\[1\]: got -Infinity/);
  });
});
