import { describe, expect, it } from 'vitest';
import { ksTest } from '../../src';
import { reference } from './reference';
import { minstd } from './minstd';

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe('ksTest equals scipy.stats.ks_2samp (scipy 1.10, stored values)', () => {
  it.each(reference.ks.map((c) => [`${c.reference.n} vs ${c.current.n}, ${c.method}`, c] as const))('%s', (_label, c) => {
    const r = ksTest(minstd(c.reference), minstd(c.current), c.method);
    close(r.statistic, c.statistic);
    close(r.pValue, c.pValue);
    // Relative agreement on small p-values too: the tail is computed as a tail.
    if (c.pValue > 1e-300) expect(Math.abs(r.pValue - c.pValue) / c.pValue).toBeLessThan(1e-8);
    expect(r.method).toBe(c.method === 'auto' ? (Math.max(c.reference.n, c.current.n) <= 10000 ? 'exact' : 'asymp') : c.method);
  });
});

describe('ksTest', () => {
  it('identical samples: D = 0, p = 1; symmetric in the two samples', () => {
    const x = minstd({ seed: 3, n: 300 });
    expect(ksTest(x, x)).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
    const y = minstd({ seed: 4, n: 200, shift: 0.4 });
    expect(ksTest(x, y)).toEqual(ksTest(y, x));
  });
  it('does not sort or change its inputs', () => {
    const x = Float64Array.from([3, 1, 2]);
    ksTest(x, [0.5, 2.5]);
    expect([...x]).toEqual([3, 1, 2]);
  });
  it('bad input: empty sample, NaN or Infinity (named with its index), unknown method', () => {
    expect(() => ksTest([], [1])).toThrow(/Invalid ksTest reference: got "0 values", expected at least 1 value/);
    expect(() => ksTest([1, 2], [1, NaN])).toThrow(/Invalid ksTest current\[1\]: got NaN, expected a finite number/);
    expect(() => ksTest([Infinity], [1])).toThrow(/Invalid ksTest reference\[0\]: got Infinity/);
    expect(() => ksTest([1], [1], 'fast' as never)).toThrow(/Invalid ksTest method: got "fast"/);
  });
});
