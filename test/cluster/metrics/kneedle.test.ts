import { describe, expect, it } from 'vitest';
import { kneedle } from '../../../src/cluster/metrics/kneedle';

/*
 * Reference values come from the test suite of the `kneed` package (github.com/arvkevi/kneed,
 * tests/test_sample.py and kneed/data_generator.py), the reference implementation of Satopää et al.
 * 2011, all with KneeLocator(x, y, S=1.0, curve=..., direction=..., interp_method='interp1d'):
 *   figure2: x = linspace(0, 1, 10), y = -1 / (x + 0.1) + 5, concave increasing → knee 0.222…, knee_y 1.8966
 *   x = arange(10); convex_increasing y = [1, 2, 3, 4, 5, 10, 15, 20, 40, 100] → 7
 *   convex_decreasing [100, 40, 20, 15, 10, 5, 4, 3, 2, 1] → 2;  concave_decreasing [99, 98, 97, 96, 95, 90, 85, 80, 60, 0] → 7
 *   concave_increasing [0, 60, 80, 85, 90, 95, 96, 97, 98, 99] → 2
 *   the same truncated (x[:-3] / 10, y[:-3] / 10): 0.2 (concave inc), 0.4 (concave dec), 0.4 (convex inc), 0.2 (convex dec)
 *   bumpy (90 points, convex decreasing) → 26;  flat maxima (18 points) → 1.0 with S=0, 8.0 with S=1
 *   x = [1, 2, 3], y = [0.90483742, 0.81873075, 0.74081822], convex decreasing → no knee
 */

const x10 = Array.from({ length: 10 }, (_, i) => i);
const convexInc = [1, 2, 3, 4, 5, 10, 15, 20, 40, 100];
const convexDec = [100, 40, 20, 15, 10, 5, 4, 3, 2, 1];
const concaveDec = [99, 98, 97, 96, 95, 90, 85, 80, 60, 0];
const concaveInc = [0, 60, 80, 85, 90, 95, 96, 97, 98, 99];
const bumpy = [
  7305.0, 6979.0, 6666.6, 6463.2, 6326.5, 6048.8, 6032.8, 5762.0, 5742.8, 5398.2, 5256.8, 5227.0, 5001.7, 4942.0, 4854.2, 4734.6, 4558.7,
  4491.1, 4411.6, 4333.0, 4234.6, 4139.1, 4056.8, 4022.5, 3868.0, 3808.3, 3745.3, 3692.3, 3645.6, 3618.3, 3574.3, 3504.3, 3452.4, 3401.2,
  3382.4, 3340.7, 3301.1, 3247.6, 3190.3, 3180.0, 3154.2, 3089.5, 3045.6, 2989.0, 2993.6, 2941.3, 2875.6, 2866.3, 2834.1, 2785.1, 2759.7,
  2763.2, 2720.1, 2660.1, 2690.2, 2635.7, 2632.9, 2574.6, 2556.0, 2545.7, 2513.4, 2491.6, 2496.0, 2466.5, 2442.7, 2420.5, 2381.5, 2388.1,
  2340.6, 2335.0, 2318.9, 2319.0, 2308.2, 2262.2, 2235.8, 2259.3, 2221.0, 2202.7, 2184.3, 2170.1, 2160.0, 2127.7, 2134.7, 2102.0, 2101.4,
  2066.4, 2074.3, 2063.7, 2048.1, 2031.9,
];
const flatY = [
  1, 0.787701317715959, 0.7437774524158126, 0.6559297218155198, 0.5065885797950219, 0.36749633967789164, 0.2547584187408492,
  0.16251830161054173, 0.10395314787701318, 0.06734992679355783, 0.043923865300146414, 0.027818448023426062, 0.01903367496339678,
  0.013177159590043924, 0.010248901903367497, 0.007320644216691069, 0.005856515373352855, 0.004392386530014641,
];

describe('kneedle', () => {
  it('hand fixture: elbow of 10, 4, 2, 1.5, 1.2 at x = 2; too much sensitivity finds none', () => {
    // Normalised and flipped: y' = 1 - (y - 1.2)/8.8 = 0, .6818, .9091, .9659, 1; x' = 0, .25, .5, .75, 1.
    // Difference: 0, .4318, .4091, .2159, 0 → maximum at index 1; threshold .4318 - S·.25.
    // S = 1: .1818, first crossed by the last point (0) → elbow x[1] = 2. S = 0: crossed at once by .4091.
    // S = 2: threshold -.068 is never crossed → no knee.
    const x = [1, 2, 3, 4, 5];
    const y = [10, 4, 2, 1.5, 1.2];
    const r = kneedle(x, y, { curve: 'convex', direction: 'decreasing' });
    expect(r).toMatchObject({ knee: 2, kneeY: 4, index: 1, reason: null, differenceIndex: 1 });
    expect(r.differenceY[1]).toBeCloseTo(1 - 2.8 / 8.8 - 0.25, 14);
    expect(kneedle(x, y, { curve: 'convex', direction: 'decreasing', sensitivity: 0 }).knee).toBe(2);
    const none = kneedle(x, y, { curve: 'convex', direction: 'decreasing', sensitivity: 2 });
    expect(none).toMatchObject({ knee: null, kneeY: null, index: null, differenceIndex: null });
    expect(none.reason).toMatch(/no point of the difference curve fell below the threshold/);
  });

  it('figure 2 of the paper (kneed): knee at x = 0.222, y = 1.8966', () => {
    const x = Array.from({ length: 10 }, (_, i) => i / 9);
    const y = x.map((v) => -1 / (v + 0.1) + 5);
    const r = kneedle(x, y, { curve: 'concave', direction: 'increasing' });
    expect(r.knee).toBeCloseTo(0.2222222222222222, 14);
    expect(r.kneeY).toBeCloseTo(1.8965517241379306, 12);
  });

  it('the four shapes and their truncated versions (kneed test suite)', () => {
    expect(kneedle(x10, concaveInc, { curve: 'concave', direction: 'increasing' }).knee).toBe(2);
    expect(kneedle(x10, concaveDec, { curve: 'concave', direction: 'decreasing' }).knee).toBe(7);
    expect(kneedle(x10, convexInc, { curve: 'convex', direction: 'increasing' }).knee).toBe(7);
    expect(kneedle(x10, convexDec, { curve: 'convex', direction: 'decreasing' }).knee).toBe(2);
    const cut = (v: number[]) => v.slice(0, -3).map((t) => t / 10);
    expect(kneedle(cut(x10), cut(concaveInc), { curve: 'concave', direction: 'increasing' }).knee).toBe(0.2);
    expect(kneedle(cut(x10), cut(concaveDec), { curve: 'concave', direction: 'decreasing' }).knee).toBe(0.4);
    expect(kneedle(cut(x10), cut(convexInc), { curve: 'convex', direction: 'increasing' }).knee).toBe(0.4);
    expect(kneedle(cut(x10), cut(convexDec), { curve: 'convex', direction: 'decreasing' }).knee).toBe(0.2);
  });

  it('bumpy curve, flat maxima and sensitivity (kneed test suite)', () => {
    expect(kneedle(bumpy.map((_, i) => i), bumpy, { curve: 'convex', direction: 'decreasing' }).knee).toBe(26);
    const xf = flatY.map((_, i) => i);
    expect(kneedle(xf, flatY, { curve: 'convex', direction: 'decreasing', sensitivity: 0 }).knee).toBe(1);
    expect(kneedle(xf, flatY, { curve: 'convex', direction: 'decreasing', sensitivity: 1 }).knee).toBe(8);
  });

  it('says why there is no knee', () => {
    expect(kneedle([1, 2, 3], [0.90483742, 0.81873075, 0.74081822], { curve: 'convex', direction: 'decreasing' }).knee).toBeNull();
    expect(kneedle([1, 2, 3], [5, 5, 5], { curve: 'convex', direction: 'decreasing' }).reason).toMatch(/y is constant/);
    expect(kneedle([1, 2], [5, 1], { curve: 'convex', direction: 'decreasing' }).reason).toMatch(/at least 3 points \(got 2\)/);
    const r = kneedle([1, 2, 3, 4], [4, 3, 2, 1], { curve: 'convex', direction: 'decreasing' });
    expect(r.knee).toBeNull(); // a straight line: the difference curve is flat at 0
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('names its problems', () => {
    const opts = { curve: 'convex', direction: 'decreasing' } as const;
    expect(() => kneedle([1, 2, 3], [1, 2], opts)).toThrow(/x has 3 values and y 2/);
    expect(() => kneedle([1, 3, 2], [1, 2, 3], opts)).toThrow(/x must be strictly increasing \(x\[1\] = 3, x\[2\] = 2\)/);
    expect(() => kneedle([1, 2, 3], [1, NaN, 3], opts)).toThrow(/y\[1\] is NaN/);
    expect(() => kneedle([1, 2, 3], [1, 2, 3], { curve: 'elbow' as never, direction: 'decreasing' })).toThrow(/Invalid kneedle curve: got "elbow"/);
    expect(() => kneedle([1, 2, 3], [1, 2, 3], { ...opts, sensitivity: -1 })).toThrow(/kneedle sensitivity/);
  });
});
