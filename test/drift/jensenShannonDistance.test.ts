import { describe, expect, it } from 'vitest';
import { jensenShannonDistance } from '../../src';
import { reference } from './reference';

describe('jensenShannonDistance equals scipy.spatial.distance.jensenshannon', () => {
  it.each(reference.jensenShannon.map((c) => [JSON.stringify(c.p), JSON.stringify(c.q), c] as const))('%s vs %s', (_p, _q, c) => {
    expect(Math.abs(jensenShannonDistance(c.p, c.q) - c.distance)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(jensenShannonDistance(c.p, c.q, 2) - c.base2)).toBeLessThanOrEqual(1e-9);
  });
  it('natural log by default: disjoint distributions are sqrt(ln 2) apart', () => {
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 14);
  });
  it('bad input: lengths, negative or NaN weights, all zero, base', () => {
    expect(() => jensenShannonDistance([1, 2], [1])).toThrow(/Invalid jensenShannonDistance q: got "1 bins"/);
    expect(() => jensenShannonDistance([1, -2], [1, 1])).toThrow(/Invalid jensenShannonDistance p\[1\]: got -2/);
    expect(() => jensenShannonDistance([1, NaN], [1, 1])).toThrow(/p\[1\]: got NaN/);
    expect(() => jensenShannonDistance([0, 0], [1, 1])).toThrow(/at least one positive count/);
    expect(() => jensenShannonDistance([1], [1], 1)).toThrow(/Invalid jensenShannonDistance base/);
  });
});
