import { describe, expect, it } from 'vitest';
import { digamma } from '../../src/clv/special/digamma';
import { hyp2f1, logHyp2f1 } from '../../src/clv/special/hyp2f1';
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
});
