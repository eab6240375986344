import { describe, expect, it } from 'vitest';
import { roundSig, roundSigAll } from '../../src/viz/roundSig';

describe('roundSig', () => {
  it('keeps 4 significant digits by default and integers exact', () => {
    expect(roundSig(0.123456789)).toBe(0.1235);
    expect(roundSig(1234.5678)).toBe(1235);
    expect(roundSig(-0.000987654)).toBe(-0.0009877);
    expect(roundSig(123456)).toBe(123456);
    expect(roundSig(3.14159, 2)).toBe(3.1);
  });

  it('roundSigAll keeps null and turns non-finite values into gaps', () => {
    expect(roundSigAll([0.123456, null, NaN, Infinity, 2])).toEqual([0.1235, null, null, null, 2]);
  });
});
