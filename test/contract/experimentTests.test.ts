// The contract of every registered experiment test: p-values in [0, 1], identical arms give no evidence, a
// clear effect is found, swapping the arms swaps 'larger' and 'smaller', same input ⇒ same output, and bad
// input (an empty arm, a flag that is not 0/1, a NaN amount, unknown params) is a clear error.
import { describe, expect, it } from 'vitest';
import { EXPERIMENT_TESTS, Rng, runExperimentTest, type ExperimentTestName } from '../../src';
import { FIXTURES } from './fixtures';

const rng = new Rng(11);
const flags = (n: number, p: number) => Float64Array.from({ length: n }, () => (rng.next() < p ? 1 : 0));
const amounts = (n: number, buy: number, mean: number) => Float64Array.from({ length: n }, () => (rng.next() < buy ? mean * Math.exp(rng.normal(0, 0.5)) : 0));
const DATA = {
  conversion: { same: flags(300, 0.2), low: flags(300, 0.1), high: flags(300, 0.3) },
  revenue: { same: amounts(300, 0.4, 50), low: amounts(300, 0.3, 30), high: amounts(300, 0.5, 80) },
};

describe.each(EXPERIMENT_TESTS.list().map((e) => [e.name, e] as const))('experiment test %s', (name, entry) => {
  const params = FIXTURES['experiment test']![name]!.params;
  const d = DATA[entry.accepts];
  const run = (t: Float64Array, c: Float64Array, alt: 'two-sided' | 'larger' | 'smaller' = 'two-sided') => runExperimentTest(name as ExperimentTestName, t, c, alt, params);
  const directional = name !== 'chi-square';

  it('identical arms: no evidence (p > 0.9)', () => {
    expect(run(d.same, d.same).pValue).toBeGreaterThan(0.9);
  });
  it('a clear effect: p < 0.001, p-values in [0, 1]', () => {
    const r = run(d.high, d.low);
    expect(r.pValue).toBeLessThan(0.001);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(r.statistic)).toBe(true);
  });
  it('swapping the arms swaps larger and smaller; same input ⇒ same output', () => {
    expect(run(d.high, d.low)).toEqual(run(d.high, d.low));
    if (!directional) {
      expect(() => run(d.high, d.low, 'larger')).toThrow(/chi-square alternative: got "larger", expected "two-sided"/);
      return;
    }
    expect(run(d.high, d.low, 'larger').pValue).toBeCloseTo(run(d.low, d.high, 'smaller').pValue, 14);
    expect(run(d.high, d.low, 'larger').pValue).toBeLessThan(run(d.high, d.low, 'smaller').pValue);
  });
  it('bad input: an empty arm, a value it does not take, unknown params', () => {
    expect(() => run(new Float64Array(0), d.low)).toThrow(new RegExp(`Invalid ${name} treatment: got "0 customers", expected at least`));
    const bad = d.low.slice();
    bad[3] = entry.accepts === 'conversion' ? 2 : NaN;
    expect(() => run(d.high, bad)).toThrow(new RegExp(`Invalid ${name} control\\[3\\]`));
    expect(() => runExperimentTest(name as ExperimentTestName, d.high, d.low, 'two-sided', { colour: 1 })).toThrow(/Unrecognized key/);
  });
});
