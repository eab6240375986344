import { describe, expect, it } from 'vitest';
import { digamma } from '../../src/clv/special/digamma';
import { hyp2f1, hyp2f1AtMany, logHyp2f1 } from '../../src/clv/special/hyp2f1';
import { logGamma } from '../../src/clv/special/logGamma';
import { NEAR_ONE, REFERENCE, relError } from './reference';

describe('special functions against scipy (fixtures/clvReference.py)', () => {
  it('ln Γ and ψ to 1e-13 relative', () => {
    expect(REFERENCE.special.logGamma.length + REFERENCE.special.digamma.length).toBe(14);
    for (const [x, want] of REFERENCE.special.logGamma) expect(want === 0 ? Math.abs(logGamma(x)) : relError(logGamma(x), want), `lnΓ(${x})`).toBeLessThan(1e-13);
    for (const [x, want] of REFERENCE.special.digamma) expect(relError(digamma(x), want), `ψ(${x})`).toBeLessThan(1e-13);
  });

  it('₂F₁ to 1e-12 relative, near z = 1 on both sides of c − a − b = 0 (Euler transformation or direct series)', () => {
    for (const [a, b, c, z, want] of REFERENCE.special.hyp2f1) expect(relError(hyp2f1(a, b, c, z), want), `2F1(${a}, ${b}; ${c}; ${z})`).toBeLessThan(1e-12);
    expect(logHyp2f1(1, 2, 3, 0)).toBe(0);
    expect(logHyp2f1(1, 2, 3, 1)).toBeNaN();
    expect(logHyp2f1(-1, 2, 3, 0.5)).toBeNaN();
  });

  it('₂F₁ near z = 1 (the 1 − z branch): mpmath to 1e-10 relative, c − a − b integer or nearly so included', () => {
    expect(NEAR_ONE.hyp2f1.length).toBeGreaterThan(200);
    let worst = 0;
    for (const [a, b, c, z, want] of NEAR_ONE.hyp2f1) {
      const got = logHyp2f1(a, b, c, z);
      // |Δ ln F| is the relative error of F.
      expect(Number.isFinite(got), `ln 2F1(${a}, ${b}; ${c}; ${z}) = ${got}`).toBe(true);
      worst = Math.max(worst, Math.abs(got - want));
      expect(Math.abs(got - want), `ln 2F1(${a}, ${b}; ${c}; ${z})`).toBeLessThan(1e-10);
    }
    expect(worst).toBeGreaterThan(0);
    // 2F1(1, 1; 2; z) = −ln(1 − z) / z in closed form, on both sides of the switch to 1 − z and up to 1 − 1e-12.
    for (const z of [0.1, 0.5, 0.9, 0.9 + 1e-12, 0.99, 0.9999, 1 - 1e-8, 1 - 1e-12]) expect(relError(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z), `z = ${z}`).toBeLessThan(1e-11);
  });

  it('₂F₁ is continuous across the switch at z = 0.9 and across an integer c − a − b', () => {
    for (const [a, b, c] of [[0.553 + 0.606 + 3, 1.606, 0.553 + 0.606 + 4], [2.5, 1.5, 3], [1.3, 1.9, 4.2]] as const) {
      expect(Math.abs(logHyp2f1(a, b, c, 0.9) - logHyp2f1(a, b, c, 0.9 + 1e-15)), `${a}, ${b}; ${c}`).toBeLessThan(1e-11);
    }
    // c − a − b = 1 at b = 1.9: the interpolated branch meets the plain transformation just outside its band.
    for (const z of [0.995, 1 - 1e-9]) {
      const at = (b: number): number => logHyp2f1(1.3, b, 4.2, z);
      expect(Math.abs(at(1.9 - 1e-3 + 1e-12) - at(1.9 - 1e-3 - 1e-12)), `z = ${z}`).toBeLessThan(1e-10);
      expect(Math.abs(at(1.9 + 1e-13) - at(1.9 - 1e-13)), `z = ${z}`).toBeLessThan(1e-11);
    }
  });

  it('hyp2f1AtMany (shared coefficients over several z) equals hyp2f1 at each z, Euler branch and past z = 0.9 included', () => {
    const zs = Float64Array.from([0.05, 0.3, 0.6, 0.75, 0.9]);
    const out = new Float64Array(zs.length);
    // BG/NBD's CLV shapes (r + x, b + x; a + b + x − 1), with and without Euler's transformation, and a large x.
    for (const [a, b, c] of [[0.243, 2.426, 2.219], [2.243, 4.426, 4.219], [30.24, 32.4, 32.2], [0.5, 1.5, 2.5], [1.2, 2.4, 1.1]] as const) {
      hyp2f1AtMany(a, b, c, zs, zs.length, out);
      zs.forEach((z, k) => expect(relError(out[k]!, hyp2f1(a, b, c, z)), `2F1(${a}, ${b}; ${c}; ${z})`).toBeLessThan(1e-13));
      // One z past 0.9: every z falls back to hyp2f1 itself.
      const far = Float64Array.from([0.2, 0.95]);
      hyp2f1AtMany(a, b, c, far, 2, out);
      expect(out[0]).toBe(hyp2f1(a, b, c, 0.2));
      expect(out[1]).toBe(hyp2f1(a, b, c, 0.95));
    }
  });
});
