import { describe, expect, it } from 'vitest';
import { chiSquareDrift } from '../../src';
import { reference } from './reference';

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe('chiSquareDrift equals scipy chi2_contingency(correction=False) on the pooled k × 2 table', () => {
  it.each(reference.chiSquare.map((c, i) => [i, c] as const))('table %d', (_i, c) => {
    const r = chiSquareDrift([...c.reference], [...c.current]);
    close(r.chi2, c.chi2);
    close(r.pValue, c.pValue);
    expect(r.degreesOfFreedom).toBe(c.dof);
    expect(r.pooledLevels).toBe(c.pooledLevels);
  });
});

describe('chiSquareDrift', () => {
  it('pools levels expected below 5 into "other" (by hand: 3 rare levels of 1 in 20)', () => {
    const ref = [...'aaaaaaaaaabbbbbbbbxy'];
    const cur = [...'aaaaaaaaabbbbbbbbbbz'];
    const r = chiSquareDrift(ref, cur);
    expect(r.levels).toEqual(['a', 'b', 'other']);
    expect(r.pooledLevels).toBe(3);
    // Table a (10, 9), b (8, 10), other (2, 1); expected 9.5/9.5, 9/9, 1.5/1.5.
    const chi2 = (0.25 + 0.25) / 9.5 + (1 + 1) / 9 + (0.25 + 0.25) / 1.5;
    expect(r.chi2).toBeCloseTo(chi2, 12);
    expect(r.degreesOfFreedom).toBe(2);
  });
  it('identical samples: chi2 = 0, p = 1; one level only: nothing to test', () => {
    const x = [...'aabbbcccc'];
    expect(chiSquareDrift(x, x)).toMatchObject({ chi2: 0, pValue: 1 });
    expect(chiSquareDrift(['a', 'a'], ['a'])).toMatchObject({ chi2: 0, pValue: 1, levels: ['other'] });
  });
  it('an empty sample is an error', () => {
    expect(() => chiSquareDrift([], ['a'])).toThrow(/Invalid chiSquareDrift reference: got "0 values"/);
  });
});
