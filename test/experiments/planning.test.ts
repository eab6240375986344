import { describe, expect, it } from 'vitest';
import { bootstrapMeanDifference } from '../../src/experiments/bootstrapMeanDifference';
import { cuped } from '../../src/experiments/cuped';
import { effectHeterogeneity } from '../../src/experiments/effectHeterogeneity';
import { planExperiment, surveySampleSize } from '../../src/experiments/planExperiment';
import { normalIndPower } from '../../src/experiments/power';
import { sampleRatioMismatch } from '../../src/experiments/sampleRatioMismatch';
import { Rng } from '../../src/core/rng';

describe('surveySampleSize', () => {
  it('385 respondents for ±5% at 95% on a large population', () => {
    const s = surveySampleSize();
    expect(s.infinite).toBeCloseTo(384.1459, 4); // 1.959964² · 0.25 / 0.0025
    expect(s.respondents).toBe(385);
  });
  it('the finite population correction shrinks it for a small segment', () => {
    // 384.146 / (1 + 383.146 / 1000) = 277.74 → 278.
    expect(surveySampleSize({ population: 1000 }).respondents).toBe(278);
    expect(surveySampleSize({ margin: 0.03 }).respondents).toBe(1068);
  });
  it('refuses a margin outside (0, 1)', () => {
    expect(() => surveySampleSize({ margin: 5 })).toThrow(/survey margin: got 5, expected a margin of error between 0 and 1/);
  });
});

describe('planExperiment', () => {
  it('gives the effect a size detects, and that effect gives back the size', () => {
    const plan = planExperiment({ metric: 'proportion', baseline: 0.1, nobsPerVariant: 400 });
    expect(normalIndPower(plan.effectSize, 400, 0.05, 1, 'two-sided')).toBeCloseTo(0.8, 10);
    const back = planExperiment({ metric: 'proportion', baseline: 0.1, minimumEffect: plan.minimumEffect });
    expect(back.nobs1Exact).toBeCloseTo(400, 6);
    // 400 per variant at a 10% base rate detects about +6.4 points, not the +1 point people hope for.
    expect(plan.minimumEffect).toBeGreaterThan(0.06);
    expect(plan.minimumEffect).toBeLessThan(0.07);
  });
  it('turns sizes into days from daily traffic', () => {
    const plan = planExperiment({ metric: 'proportion', baseline: 0.1, minimumEffect: 0.02, dailyTraffic: 500, trafficShare: 0.5 });
    expect(plan.total).toBe(plan.treatment + plan.control);
    expect(plan.days).toBe(Math.ceil(plan.total / 250));
  });
  it('refuses a question with both or neither of effect and size', () => {
    expect(() => planExperiment({ metric: 'proportion', baseline: 0.1 })).toThrow(/exactly one of minimumEffect .* and nobsPerVariant/);
    expect(() => planExperiment({ metric: 'mean', baseline: 10, minimumEffect: 1 })).toThrow(/plan sd/);
    expect(() => planExperiment({ metric: 'proportion', baseline: 0.1, minimumEffect: -0.02, alternative: 'larger' })).toThrow(/a positive difference/);
  });
});

describe('guards and variance reduction', () => {
  it('sample ratio mismatch fires on 5,200 / 4,800 and not on 5,050 / 4,950', () => {
    expect(sampleRatioMismatch([5200, 4800]).mismatch).toBe(true); // chi² = 16, p = 6.3e-5
    expect(sampleRatioMismatch([5050, 4950]).mismatch).toBe(false); // chi² = 1, p = 0.32
  });
  it('Cochran Q by hand: effects 0.1 and −0.1 with variances 0.01 → Q = 2', () => {
    const h = effectHeterogeneity([0.1, -0.1], [0.01, 0.01]);
    expect(h.pooledEffect).toBeCloseTo(0, 15);
    expect(h.q).toBeCloseTo(2, 12); // (0.1² + 0.1²) / 0.01
    expect(h.pValue).toBeCloseTo(0.157299207, 8); // chi² sf(2, 1)
  });
  it('CUPED keeps the difference and removes corr² of the variance', () => {
    const rng = new Rng(3);
    const make = (n: number, lift: number) => {
      const pre = Float64Array.from({ length: n }, () => rng.normal(100, 20));
      const post = pre.map((p) => 0.9 * p + rng.normal(lift, 10));
      return { pre, post };
    };
    const t = make(2000, 3);
    const c = make(2000, 0);
    const r = cuped(t.post, t.pre, c.post, c.pre);
    // corr² = (0.9·20)² / ((0.9·20)² + 10²) = 324 / 424 = 0.764.
    expect(r.varianceReduction).toBeGreaterThan(0.72);
    expect(r.varianceReduction).toBeLessThan(0.8);
    expect(Math.abs(r.adjusted.difference - 3)).toBeLessThan(0.8);
    expect(r.adjusted.interval.high - r.adjusted.interval.low).toBeLessThan(0.6 * (r.raw.interval.high - r.raw.interval.low));
  });
  it('bootstrap: same seed ⇒ same interval, and it covers the difference of means', () => {
    const x = [0, 0, 10, 0, 25, 0, 0, 5, 0, 80];
    const y = [0, 0, 0, 5, 0, 0, 10, 0, 0, 0];
    const a = bootstrapMeanDifference(x, y, { seed: 9 });
    expect(bootstrapMeanDifference(x, y, { seed: 9 })).toEqual(a);
    expect(a.low).toBeLessThan(10.5);
    expect(a.high).toBeGreaterThan(10.5);
  });
});
