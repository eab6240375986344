import { describe, expect, it } from 'vitest';
import { zTestDrift, zTestDriftCounts } from '../../src';
import { reference } from './reference';

describe('zTestDrift equals statsmodels proportions_ztest([current, reference])', () => {
  it.each(reference.zTest.map((c, i) => [i, c] as const))('case %d', (_i, c) => {
    const r = zTestDriftCounts(c.referenceOnes, c.referenceN, c.currentOnes, c.currentN);
    expect(Math.abs(r.z - c.z)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.z)));
    expect(Math.abs(r.pValue - c.pValue)).toBeLessThanOrEqual(1e-9);
  });
  it('on 0/1 arrays the same as on counts; identical samples give z = 0, p = 1', () => {
    const a = [1, 0, 0, 1, 0, 0, 0, 1];
    const b = [1, 1, 0, 1, 0, 1, 0, 1, 1];
    expect(zTestDrift(a, b)).toEqual(zTestDriftCounts(3, 8, 6, 9));
    expect(zTestDrift(a, a)).toMatchObject({ z: 0, pValue: 1 });
    expect(zTestDrift([0, 0], [0])).toMatchObject({ z: 0, pValue: 1 });
  });
  it('bad input: a value that is not 0 or 1, an empty sample', () => {
    expect(() => zTestDrift([0, 2], [1])).toThrow(/Invalid zTestDrift reference\[1\]: got 2, expected 0 or 1/);
    expect(() => zTestDrift([0, 1], [NaN])).toThrow(/Invalid zTestDrift current\[0\]: got NaN/);
    expect(() => zTestDrift([0], [])).toThrow(/Invalid zTestDrift current: got "0 values"/);
  });
});
